import { describe, expect, it } from 'vitest';
import { tagStudy } from '../../src/tag/index.ts';
import { makeStudy } from './make-study.ts';

/**
 * Design precedence: what a paper is outranks the designs it mentions. Each case is a hard negative for
 * the design the text also mentions.
 */
describe('design', () => {
  it.each([
    {
      name: 'a post hoc analysis of RCTs is a secondary analysis, not an RCT',
      title: 'Predictors of remission with esketamine: a post hoc analysis of two randomized trials.',
      abstract: 'Data from two randomized, double-blind trials were pooled.',
      design: 'secondary-analysis',
      evidence: { rule: 'design.secondary-analysis.title', field: 'title', match: 'post hoc' },
      level: 3,
    },
    {
      name: 'a protocol is a protocol even when it describes an RCT',
      title:
        'Ketamine versus midazolam for suicidal ideation: study protocol for a randomized controlled trial.',
      abstract: 'Participants will be randomized to ketamine or midazolam.',
      design: 'protocol',
      evidence: { rule: 'design.protocol.title', field: 'title', match: 'protocol' },
      level: null,
    },
    {
      name: 'a meta-analysis wins over the trials it pools',
      title: 'Ketamine for depression: a meta-analysis of randomized controlled trials.',
      abstract: 'We pooled twelve randomized, placebo-controlled trials.',
      design: 'systematic-review',
      evidence: { rule: 'design.systematic-review.indexed-or-title', field: 'title', match: 'meta-analysis' },
      level: 1,
    },
    {
      name: 'a randomised trial',
      title: 'Ketamine in older adults with depression.',
      abstract: 'Sixty patients were randomly assigned to ketamine or saline infusions.',
      design: 'rct',
      evidence: { rule: 'design.rct.described', field: 'abstract', match: 'randomly assigned' },
      level: 2,
    },
    {
      name: '"randomized" about earlier trials is not an RCT; the open-label design is',
      title: 'Serial ketamine infusions in bipolar depression.',
      abstract:
        'Previous randomized controlled trials showed rapid effects. In this open-label study, all patients received six infusions.',
      design: 'non-randomized-trial',
      evidence: { rule: 'design.non-randomized-trial.described', field: 'abstract', match: 'open-label' },
      level: 3,
    },
    {
      name: 'animal work is preclinical even when it randomises',
      title: 'Ketamine reverses anhedonia in a chronic stress model.',
      abstract:
        'Male rats were randomly divided into groups and exposed to chronic unpredictable mild stress.',
      design: 'preclinical',
      evidence: { rule: 'design.preclinical.animals-or-cells', field: 'abstract', match: 'rats' },
      level: 5,
    },
    {
      name: 'a letter about a trial is commentary',
      title: 'Comment on: ketamine versus ECT in treatment-resistant depression.',
      abstract: 'We read with interest the randomized trial by Smith et al.',
      design: 'commentary',
      evidence: { rule: 'design.commentary.self-described', field: 'title', match: 'Comment' },
      level: 5,
    },
    {
      name: 'a retrospective chart review is observational (cohort, level 3)',
      title: 'Intramuscular ketamine in an outpatient clinic.',
      abstract: 'We conducted a retrospective chart review of adults treated between 2019 and 2022.',
      design: 'observational',
      evidence: { rule: 'design.observational.real-world', field: 'abstract', match: 'retrospective' },
      level: 3,
    },
    {
      name: 'a cross-sectional survey is observational at level 4',
      title: 'Attitudes to ketamine among psychiatrists.',
      abstract: 'This cross-sectional survey asked 300 psychiatrists about esketamine.',
      design: 'observational',
      evidence: { rule: 'design.observational.cross-sectional', field: 'abstract', match: 'cross-sectional' },
      level: 4,
    },
    {
      name: 'a single patient is a case report',
      title: 'Esketamine in psychotic depression: a case report.',
      abstract: 'A 45-year-old woman received esketamine twice weekly.',
      design: 'case-report',
      evidence: { rule: 'design.case-report.title', field: 'title', match: ': a case' },
      level: 4,
    },
    {
      name: 'a narrative review by its own word, despite a PubMed search',
      title: 'Ketamine and suicidality: progress and open questions.',
      abstract: 'We searched PubMed for relevant articles. This narrative review describes recent trials.',
      design: 'narrative-review',
      evidence: {
        rule: 'design.narrative-review.self-described',
        field: 'abstract',
        match: 'narrative review',
      },
      level: 5,
    },
  ])('$name', ({ title, abstract, design, evidence, level }) => {
    const tags = tagStudy(makeStudy(title, abstract));
    expect(tags.design).toEqual({ id: design, evidence });
    expect(tags.evidenceLevel.level).toBe(level);
  });

  it('reads publication types first: an indexed RCT with no cue in the text', () => {
    const tags = tagStudy(
      makeStudy('Ketamine in depression.', 'Outcomes are reported.', {
        publicationTypes: ['Randomized Controlled Trial'],
      }),
    );
    expect(tags.design).toEqual({
      id: 'rct',
      evidence: {
        rule: 'design.rct.indexed',
        field: 'publicationTypes',
        match: 'Randomized Controlled Trial',
      },
    });
    expect(tags.evidenceLevel).toEqual({ level: 2, reason: 'randomised controlled trial: level 2' });
  });

  it('falls back to other with no evidence text and no level', () => {
    const tags = tagStudy(makeStudy('Ketamine.', ''));
    expect(tags.design).toEqual({
      id: 'other',
      evidence: { rule: 'design.default-other', field: null, match: null },
    });
    expect(tags.evidenceLevel).toEqual({ level: null, reason: 'design not recognised: no evidence level' });
  });
});
