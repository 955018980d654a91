import { describe, expect, it } from 'vitest';
import { loadDevSet } from './eval/load-dev-set.ts';
import { loadFixtureStudies } from './eval/load-fixture-studies.ts';
import { loadXmlFixtureStudies } from './eval/load-xml-fixture-studies.ts';
import { scoreMultiLabel, scoreSingleLabel, tagScore } from './eval/score-labels.ts';

// The taxonomy of PRODUCT.md section 5, spelled out here so a typo in a label cannot pass as a new tag.
const TAXONOMY = {
  design: [
    'systematic-review',
    'rct',
    'non-randomized-trial',
    'observational',
    'case-series',
    'case-report',
    'qualitative',
    'protocol',
    'secondary-analysis',
    'narrative-review',
    'guideline',
    'preclinical',
    'commentary',
    'other',
  ],
  topics: [
    'mechanism',
    'efficacy',
    'safety',
    'dosing',
    'psychotherapy',
    'regulation-access',
    'long-term',
    'biomarkers',
    'suicidality',
  ],
  routes: [
    'intravenous',
    'intranasal',
    'intramuscular',
    'oral',
    'sublingual',
    'subcutaneous',
    'other',
    'not-stated',
  ],
  substances: ['racemic-ketamine', 'esketamine', 'arketamine'],
  populations: ['treatment-resistant', 'bipolar', 'adolescent', 'older-adult', 'perinatal', 'suicidal'],
  comparator: ['placebo', 'active-control', 'none'],
  regimen: ['single-dose', 'repeated', 'unknown'],
};

const labels = loadDevSet();

describe('dev set labels', () => {
  it('holds at least 200 labelled studies, each PMID once', () => {
    expect(labels.length).toBeGreaterThanOrEqual(200);
    expect(new Set(labels.map((label) => label.pmid)).size).toBe(labels.length);
  });

  it('uses only taxonomy ids, and on-topic studies carry every family', () => {
    const wrong: string[] = [];
    for (const label of labels) {
      if (!TAXONOMY.design.includes(label.design)) wrong.push(`${label.pmid} design ${label.design}`);
      if (label.relevance === 'off-topic') {
        if (label.offTopicReason === undefined) wrong.push(`${label.pmid} off-topic without a reason`);
        continue;
      }
      for (const family of ['topics', 'routes', 'substances', 'populations'] as const) {
        const tags = label[family];
        if (tags === undefined) wrong.push(`${label.pmid} has no ${family}`);
        for (const tag of tags ?? [])
          if (!TAXONOMY[family].includes(tag)) wrong.push(`${label.pmid} ${family} ${tag}`);
      }
      for (const family of ['comparator', 'regimen'] as const) {
        const tag = label[family];
        if (tag === undefined || !TAXONOMY[family].includes(tag))
          wrong.push(`${label.pmid} ${family} ${tag}`);
      }
      if ((label.routes ?? []).includes('not-stated') && (label.routes ?? []).length > 1) {
        wrong.push(`${label.pmid} routes not-stated beside a route`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('labels only studies that exist in the shared fixtures', async () => {
    const missing: string[] = [];
    for (const fixture of new Set(labels.map((label) => label.fixture))) {
      const studies = /\.xml(?:\.gz)?$/.test(fixture)
        ? await loadXmlFixtureStudies(fixture)
        : loadFixtureStudies(fixture);
      for (const label of labels)
        if (label.fixture === fixture && !studies.has(label.pmid)) missing.push(label.pmid);
    }
    expect(missing).toEqual([]);
  });

  it('includes near-misses on both sides and studies held back for checking', () => {
    const fixtures = new Set(labels.map((label) => label.fixture));
    expect(fixtures).toContain('ketamine/on_topic.jsonl');
    expect(fixtures).toContain('ketamine/near_miss.jsonl');
    const reasons = new Set(labels.map((label) => label.offTopicReason));
    for (const reason of ['no-ketamine', 'anaesthesia-analgesia', 'other-condition', 'healthy-volunteers']) {
      expect(reasons).toContain(reason);
    }
    expect(labels.filter((label) => label.split === 'check').length).toBeGreaterThan(30);
  });
});

describe('eval scores', () => {
  it('computes precision, recall and F1, with an empty tag counted right', () => {
    expect(tagScore('x', 3, 1, 2)).toEqual({
      tag: 'x',
      tp: 3,
      fp: 1,
      fn: 2,
      support: 5,
      precision: 0.75,
      recall: 0.6,
      f1: (2 * 0.75 * 0.6) / 1.35,
    });
    expect(tagScore('x', 0, 0, 0)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it('micro-averages a multi-label family', () => {
    const score = scoreMultiLabel([
      { gold: ['efficacy', 'safety'], predicted: ['efficacy'] },
      { gold: [], predicted: ['dosing'] },
    ]);
    expect(score.micro).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(score.perTag.map((tag) => [tag.tag, tag.tp, tag.fp, tag.fn])).toEqual([
      ['efficacy', 1, 0, 0],
      ['safety', 0, 0, 1],
      ['dosing', 0, 1, 0],
    ]);
  });

  it('scores a one-of family with accuracy, weighted F1 and a confusion matrix', () => {
    const score = scoreSingleLabel([
      { gold: 'rct', predicted: 'rct' },
      { gold: 'rct', predicted: 'observational' },
      { gold: 'observational', predicted: 'observational' },
    ]);
    expect(score.accuracy).toBeCloseTo(2 / 3);
    expect(score.confusion.get('rct')).toEqual(
      new Map([
        ['rct', 1],
        ['observational', 1],
      ]),
    );
    // rct: P 1, R 0.5, F1 2/3 (support 2); observational: P 0.5, R 1, F1 2/3 (support 1).
    expect(score.weightedF1).toBeCloseTo(2 / 3);
  });
});
