import { describe, expect, it } from 'vitest';
import { tagStudy } from '../../src/tag/index.ts';
import { makeStudy } from './make-study.ts';

describe('relevance: on-topic means a ketamine-family drug studied for depression, suicidality or mood', () => {
  it.each([
    {
      name: 'ketamine and depression in the title',
      title: 'Intravenous ketamine for treatment-resistant depression: a randomized trial.',
      abstract: 'Patients received ketamine.',
      evidence: [
        { rule: 'relevance.substance.ketamine-family', field: 'title', match: 'ketamine' },
        { rule: 'relevance.condition.title', field: 'title', match: 'depression' },
      ],
    },
    {
      name: 'esketamine nasal spray, a depression-only product, without the word in the abstract',
      title: 'Real-world safety of esketamine nasal spray after approval.',
      abstract: 'Sessions were monitored for sedation and blood pressure.',
      evidence: [
        { rule: 'relevance.substance.ketamine-family', field: 'title', match: 'esketamine' },
        {
          rule: 'relevance.condition.esketamine-nasal-spray',
          field: 'title',
          match: 'esketamine nasal spray',
        },
      ],
    },
    {
      name: 'depressed patients named in the abstract when the title is neutral',
      title: 'Ketamine and the anterior cingulate cortex.',
      abstract: 'We studied 20 patients with major depressive disorder before and after a ketamine infusion.',
      evidence: [
        { rule: 'relevance.substance.ketamine-family', field: 'title', match: 'Ketamine' },
        {
          rule: 'relevance.condition.population',
          field: 'abstract',
          match: 'patients with major depressive',
        },
      ],
    },
    {
      name: 'suicidal ideation as the target, a perioperative setting notwithstanding',
      title: 'Esketamine and postpartum depression after caesarean delivery.',
      abstract: 'Women undergoing caesarean section received esketamine during anaesthesia.',
      evidence: [
        { rule: 'relevance.substance.ketamine-family', field: 'title', match: 'Esketamine' },
        { rule: 'relevance.condition.title', field: 'title', match: 'depression' },
      ],
    },
  ])('on-topic: $name', ({ title, abstract, evidence }) => {
    const { relevance } = tagStudy(makeStudy(title, abstract));
    expect(relevance.id).toBe('on-topic');
    expect(relevance.evidence).toEqual(evidence);
  });

  it.each([
    {
      name: 'respiratory depression is not depression',
      title: 'Ketamine sedation and respiratory depression in the emergency department.',
      abstract: 'Adults undergoing procedural sedation received ketamine.',
      reason: 'ketamine only as anaesthetic, sedative or analgesic',
      evidence: { rule: 'relevance.exclusion.anaesthesia-analgesia', field: 'title', match: 'sedation' },
    },
    {
      name: 'ketamine for pain with depression scores as a secondary outcome',
      title: 'Intraoperative ketamine and chronic postsurgical pain after mastectomy.',
      abstract: 'Secondary outcomes included the Hospital Anxiety and Depression Scale.',
      reason: 'ketamine only as anaesthetic, sedative or analgesic',
      evidence: { rule: 'relevance.exclusion.anaesthesia-analgesia', field: 'title', match: 'pain' },
    },
    {
      name: 'ketamine for PTSD',
      title: 'Repeated ketamine infusions for chronic PTSD.',
      abstract:
        'Veterans with posttraumatic stress disorder received six infusions; depressive symptoms also fell.',
      reason: 'ketamine studied for another condition (e.g. PTSD, OCD, addiction, psychosis, pain)',
      evidence: { rule: 'relevance.exclusion.other-condition', field: 'title', match: 'PTSD' },
    },
    {
      name: 'healthy volunteers, even when the background mentions antidepressant effects',
      title: 'Ketamine and cortical oscillations.',
      abstract:
        'Ketamine has rapid antidepressant effects. Twenty healthy volunteers received ketamine and saline in a crossover design.',
      reason: 'ketamine given to healthy volunteers, not to people with depression',
      evidence: {
        rule: 'relevance.exclusion.healthy-volunteers',
        field: 'abstract',
        match: 'healthy volunteers',
      },
    },
    {
      name: 'recreational users, even with depressive symptoms in the title',
      title: 'Depressive symptoms in chronic ketamine users.',
      abstract: 'Ketamine users were compared with controls.',
      reason: 'ketamine as a drug of abuse (users, dependence), not as a treatment',
      evidence: {
        rule: 'relevance.exclusion.recreational-use',
        field: 'title',
        match: 'chronic ketamine users',
      },
    },
  ])('off-topic: $name', ({ title, abstract, reason, evidence }) => {
    const { relevance } = tagStudy(makeStudy(title, abstract));
    expect(relevance).toEqual({ id: 'off-topic', reason, evidence: [evidence] });
  });

  it('off-topic without any ketamine-family name, even with ketamine only in the keywords', () => {
    const { relevance } = tagStudy(
      makeStudy('Placebo response in depression trials.', 'We review expectancy effects.', {
        keywords: ['Ketamine'],
      }),
    );
    expect(relevance).toEqual({
      id: 'off-topic',
      reason: 'no ketamine, esketamine or arketamine named in the title or abstract',
      evidence: [],
    });
  });

  it('off-topic when ketamine is studied but no condition is named', () => {
    const { relevance } = tagStudy(
      makeStudy('Ketamine metabolism in liver microsomes.', 'Norketamine formation was measured.'),
    );
    expect(relevance.id).toBe('off-topic');
    expect(relevance.reason).toBe(
      'ketamine without depression, suicidality or mood as the studied condition',
    );
  });
});
