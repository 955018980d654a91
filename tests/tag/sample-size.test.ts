import { describe, expect, it } from 'vitest';
import { tagStudy } from '../../src/tag/index.ts';
import { parseCount } from '../../src/tag/parse-count.ts';
import { makeStudy } from './make-study.ts';

describe('sample size n', () => {
  it.each([
    ['randomised, in words', 'Eighteen subjects were randomized to ketamine or placebo.', 18, 'n.randomised'],
    [
      'randomised total beats an arm size',
      'Forty patients were randomized; twenty patients were randomized to ketamine.',
      40,
      'n.randomised',
    ],
    ['enrolled, with a thousands separator', 'We enrolled 1,247 adults with depression.', 1247, 'n.enrolled'],
    [
      'a date range before the count',
      'Between April 2012 and October 2013, 14 outpatients were recruited.',
      14,
      'n.enrolled',
    ],
    ['hyphenated words', 'Twenty-six medication-free patients received ketamine.', 26, 'n.first-count'],
    [
      'pooled participants of a review',
      'Eleven studies comprising 1340 patients were included.',
      1340,
      'n.pooled',
    ],
  ])('%s', (_name, abstract, value, rule) => {
    const { n } = tagStudy(makeStudy('Ketamine in depression.', abstract));
    expect(n?.value).toBe(value);
    expect(n?.evidence.rule).toBe(rule);
    expect(n?.evidence.field).toBe('abstract');
  });

  it.each([
    ['a duration is not a head count', 'Two hours after infusion, mood improved.'],
    ['a phase label is not a head count', 'This phase 3 study randomized patients to esketamine.'],
    ['a percentage is not a head count', 'Response occurred in 70% of patients.'],
  ])('no n: %s', (_name, abstract) => {
    expect(tagStudy(makeStudy('Ketamine in depression.', abstract)).n).toBeNull();
  });

  it('a trial is not counted by the pooled samples of the trials before it', () => {
    const study = makeStudy(
      'Ketamine versus placebo for depression.',
      'Earlier trials with 300 patients suggested benefit. We randomized 40 adults with depression to ketamine or placebo.',
      { publicationTypes: ['Randomized Controlled Trial'] },
    );
    expect(tagStudy(study).n).toEqual({
      value: 40,
      evidence: { rule: 'n.randomised', field: 'abstract', match: 'randomized 40 adults' },
    });
  });

  it('a case report describes one patient', () => {
    expect(
      tagStudy(makeStudy('Ketamine for depression: a case report.', 'A 49-year-old woman received ketamine.'))
        .n,
    ).toEqual({
      value: 1,
      evidence: { rule: 'n.single-patient', field: 'abstract', match: 'A 49-year-old' },
    });
  });

  it.each([
    ['18', 18],
    ['1,247', 1247],
    ['Twenty-six', 26],
    ['One hundred and fifty', 150],
    ['two thousand', 2000],
    ['several', null],
  ])('parseCount(%s)', (text, value) => {
    expect(parseCount(text)).toBe(value);
  });
});
