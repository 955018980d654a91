import { describe, expect, it } from 'vitest';
import { tagStudy } from '../../src/tag/index.ts';
import { makeStudy } from './make-study.ts';

describe('populations', () => {
  it.each([
    ['Ketamine in treatment-resistant depression.', '', 'treatment-resistant', 'treatment-resistant'],
    ['Ketamine in bipolar depression.', '', 'bipolar', 'bipolar'],
    ['Intravenous ketamine in adolescents with depression.', '', 'adolescent', 'adolescents'],
    ['Ketamine in late-life depression.', '', 'older-adult', 'late-life'],
    ['Esketamine and postpartum depression.', '', 'perinatal', 'postpartum'],
    [
      'Ketamine in depression.',
      'We enrolled adults with current suicidal ideation.',
      'suicidal',
      'with current suicidal ideation',
    ],
  ])('%s -> %s', (title, abstract, population, match) => {
    const hit = tagStudy(makeStudy(title, abstract)).populations.find(
      (candidate) => candidate.id === population,
    );
    expect(hit?.evidence).toEqual({
      rule: `population.${population}.${population === 'suicidal' ? 'enrolled' : 'named'}`,
      field: abstract === '' ? 'title' : 'abstract',
      match,
    });
  });

  it.each([
    [
      'treatment-resistant OCD is not treatment-resistant depression',
      'Ketamine in treatment-resistant OCD and depression.',
      '',
      'treatment-resistant',
    ],
    [
      'changes in suicidal ideation measured as an outcome are not a suicidal population',
      'Ketamine in depression.',
      'Changes in depression and suicidal ideation were measured.',
      'suicidal',
    ],
    [
      'pregnancy as an exclusion criterion is not a perinatal population',
      'Ketamine in depression.',
      'Exclusion criteria included pregnancy and psychosis.',
      'perinatal',
    ],
    [
      'childhood trauma is not an adolescent population',
      'Ketamine in adults with depression and childhood trauma.',
      '',
      'adolescent',
    ],
  ])('not: %s', (_name, title, abstract, population) => {
    expect(tagStudy(makeStudy(title, abstract)).populations.map((hit) => hit.id)).not.toContain(population);
  });
});

describe('comparator', () => {
  it.each([
    [
      'midazolam as the active placebo',
      'Patients received ketamine or midazolam.',
      'active-control',
      'comparator.active-control.midazolam-or-active-placebo',
      'midazolam',
    ],
    [
      'saline beside midazolam makes the inert arm the comparator',
      'Arms: ketamine, midazolam or saline.',
      'placebo',
      'comparator.placebo.inert-arm-beside-midazolam',
      'saline',
    ],
    [
      'placebo nasal spray in an "active-controlled" esketamine trial',
      'Esketamine or placebo nasal spray plus an oral antidepressant (active-controlled design).',
      'placebo',
      'comparator.placebo.inert',
      'placebo',
    ],
    [
      'ECT head to head',
      'Patients were randomized to ketamine or ECT.',
      'active-control',
      'comparator.active-control.ect',
      'or ECT',
    ],
    [
      'another drug',
      'Esketamine was compared with quetiapine.',
      'active-control',
      'comparator.active-control.named-treatment',
      'compared with quetiapine',
    ],
  ])('%s', (_name, abstract, comparator, rule, match) => {
    expect(tagStudy(makeStudy('Ketamine in depression.', abstract)).comparator).toEqual({
      id: comparator,
      evidence: { rule, field: 'abstract', match },
    });
  });

  it('none when a placebo is named only as missing', () => {
    expect(
      tagStudy(makeStudy('Ketamine in depression.', 'This open-label series had no placebo control.'))
        .comparator,
    ).toEqual({ id: 'none', evidence: { rule: 'comparator.default-none', field: null, match: null } });
  });
});

describe('regimen', () => {
  it.each([
    [
      'six infusions',
      'Patients received six ketamine infusions over 12 days.',
      'repeated',
      'regimen.repeated.counted',
      'six ketamine infusions',
    ],
    [
      'a schedule said of the drug',
      'Esketamine was given twice weekly for four weeks.',
      'repeated',
      'regimen.repeated.schedule',
      'twice weekly',
    ],
    [
      'a single infusion',
      'A single 0.5 mg/kg ketamine infusion was given.',
      'single-dose',
      'regimen.single-dose.named',
      'single 0.5 mg/kg ketamine infusion',
    ],
    [
      'the anaesthetic of each ECT session',
      'Ketamine was the anaesthetic for each ECT session.',
      'repeated',
      'regimen.repeated.schedule',
      'each ECT session',
    ],
  ])('%s', (_name, abstract, regimen, rule, match) => {
    expect(tagStudy(makeStudy('Ketamine in depression.', abstract)).regimen).toEqual({
      id: regimen,
      evidence: { rule, field: 'abstract', match },
    });
  });

  it.each([
    [
      'repeated measures are statistics, not doses',
      'A single ketamine infusion was analysed with repeated measures ANOVA.',
      'single-dose',
    ],
    [
      '"whether repeated infusions help" is a question, not the regimen',
      'One ketamine infusion was given; whether repeated infusions sustain the effect is unknown.',
      'single-dose',
    ],
    [
      'two failed antidepressant treatments define the population, not the regimen',
      'Patients had failed two antidepressant treatments.',
      'unknown',
    ],
  ])('%s', (_name, abstract, regimen) => {
    expect(tagStudy(makeStudy('Ketamine in depression.', abstract)).regimen.id).toBe(regimen);
  });

  it('a review has no single regimen, and says so from its design', () => {
    expect(
      tagStudy(makeStudy('Repeated ketamine infusions: a systematic review.', 'Six infusions were common.'))
        .regimen,
    ).toEqual({
      id: 'unknown',
      evidence: { rule: 'regimen.unknown.review', field: null, match: 'design: systematic-review' },
    });
  });
});
