import { describe, expect, it } from 'vitest';
import { tagStudy } from '../../src/tag/index.ts';
import { makeStudy } from './make-study.ts';

describe('routes', () => {
  it.each([
    [
      'Intravenous ketamine in depression.',
      '',
      'intravenous',
      'route.intravenous.named',
      'title',
      'Intravenous',
    ],
    [
      'Ketamine in depression.',
      'Patients received a 40-minute ketamine infusion.',
      'intravenous',
      'route.intravenous.named',
      'abstract',
      'infusion',
    ],
    [
      'Spravato in treatment-resistant depression.',
      '',
      'intranasal',
      'route.intranasal.named',
      'title',
      'Spravato',
    ],
    [
      'Intramuscular ketamine in an outpatient clinic.',
      '',
      'intramuscular',
      'route.intramuscular.named',
      'title',
      'Intramuscular',
    ],
    [
      'Oral ketamine for depression in hospice care.',
      '',
      'oral',
      'route.oral.named',
      'title',
      'Oral ketamine',
    ],
    ['Sublingual ketamine at home.', '', 'sublingual', 'route.sublingual.named', 'title', 'Sublingual'],
    [
      'Subcutaneous esketamine in depression.',
      '',
      'subcutaneous',
      'route.subcutaneous.named',
      'title',
      'Subcutaneous',
    ],
    [
      'Ketamine in a rodent model.',
      'Rats received ketamine intraperitoneally.',
      'other',
      'route.other.named',
      'abstract',
      'intraperitoneally',
    ],
  ])('%s -> %s', (title, abstract, route, rule, field, match) => {
    expect(tagStudy(makeStudy(title, abstract)).routes).toEqual([
      { id: route, evidence: { rule, field, match } },
    ]);
  });

  it.each([
    {
      name: 'the oral antidepressant given with esketamine nasal spray is not an oral route for the drug',
      title: 'Esketamine nasal spray plus an oral antidepressant.',
      abstract: '',
      routes: ['intranasal'],
    },
    {
      name: 'DSM-IV is not IV',
      title: 'Ketamine in DSM-IV major depression.',
      abstract: '',
      routes: ['not-stated'],
    },
    {
      name: 'a subcutaneous infusion is not intravenous',
      title: 'Ketamine in palliative care depression.',
      abstract: 'Patients received a subcutaneous ketamine infusion over two hours.',
      routes: ['subcutaneous'],
    },
    {
      name: 'another drug given intravenously does not make the ketamine route intravenous',
      title: 'Esketamine nasal spray in depression.',
      abstract: 'Rescue medication was given intravenously when needed.',
      routes: ['intranasal'],
    },
  ])('$name', ({ title, abstract, routes }) => {
    expect(tagStudy(makeStudy(title, abstract)).routes.map((route) => route.id)).toEqual(routes);
  });

  it('not-stated when no route is given, with default evidence', () => {
    expect(tagStudy(makeStudy('Ketamine in depression.', 'Outcomes improved.')).routes).toEqual([
      { id: 'not-stated', evidence: { rule: 'route.default-not-stated', field: null, match: null } },
    ]);
  });
});

describe('substances', () => {
  it('racemic ketamine from a plain title', () => {
    expect(tagStudy(makeStudy('Ketamine in depression.', '')).substances).toEqual([
      {
        id: 'racemic-ketamine',
        evidence: { rule: 'substance.racemic-ketamine.title', field: 'title', match: 'Ketamine' },
      },
    ]);
  });

  it('esketamine in the title makes background "ketamine" no evidence of the racemate', () => {
    const tags = tagStudy(
      makeStudy(
        'Esketamine after caesarean delivery.',
        'Ketamine has rapid antidepressant effects. Women received esketamine 0.2 mg/kg. Ketamine levels were not measured.',
      ),
    );
    expect(tags.substances).toEqual([
      {
        id: 'esketamine',
        evidence: { rule: 'substance.esketamine.name', field: 'title', match: 'Esketamine' },
      },
    ]);
  });

  it('a sentence defining the enantiomers names no substance', () => {
    const tags = tagStudy(
      makeStudy(
        'Arketamine for treatment-resistant depression.',
        'Racemic ketamine is a mixture of (R)-ketamine and (S)-ketamine. Ten patients received arketamine.',
      ),
    );
    expect(tags.substances.map((substance) => substance.id)).toEqual(['arketamine']);
  });

  it('both, when racemic ketamine is compared with esketamine', () => {
    const tags = tagStudy(makeStudy('Intranasal racemic ketamine versus esketamine.', ''));
    expect(tags.substances).toEqual([
      {
        id: 'esketamine',
        evidence: { rule: 'substance.esketamine.name', field: 'title', match: 'esketamine' },
      },
      {
        id: 'racemic-ketamine',
        evidence: { rule: 'substance.racemic-ketamine.explicit', field: 'title', match: 'racemic ketamine' },
      },
    ]);
  });

  it('S-ketamine and Spravato are esketamine; norketamine is no substance', () => {
    expect(tagStudy(makeStudy('S-ketamine and norketamine levels.', '')).substances.map((s) => s.id)).toEqual(
      ['esketamine'],
    );
  });
});
