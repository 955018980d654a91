/**
 * What the refresh runs say, on the site: the run history on the about page and in data/runs.json, what
 * the last adding run added, a newly retracted study on its page, the home page and the feed, and a
 * withdrawn study out of the digest and search but with its page kept. Real fixture records; the run
 * reports and the retraction are made here (in memory, never published).
 */
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../../src/query.ts';
import {
  buildSite,
  bundleAssets,
  loadStudies,
  loadTemplates,
  type SiteFiles,
} from '../../src/render/index.ts';
import { markStudies, type RefreshHistory } from '../../src/render/refresh-history.ts';
import { siteFacts } from '../../src/render/site-facts.ts';
import type { DigestStudy } from '../../src/search/index.ts';
import { defaultRules } from '../../src/tag/index.ts';
import { makeFixtureCache, testRunReport, testSiteInput, text } from './test-site.ts';

let files: SiteFiles;
let onTopic: DigestStudy[];
let history: RefreshHistory;
let marked: DigestStudy[];

beforeAll(async () => {
  const loaded = await loadStudies(await makeFixtureCache());
  onTopic = loaded.studies.filter((study) => study.tags.relevance.id === 'on-topic');
  expect(onTopic.length).toBeGreaterThanOrEqual(3);
  const [retracted, added, withdrawn] = onTopic.map((study) => study.record.pmid);
  // The retraction PubMed added to this record in the second run.
  const studies = loaded.studies.map((study) =>
    study.record.pmid === retracted
      ? {
          ...study,
          record: {
            ...study.record,
            retraction: { retracted: true, notices: [{ type: 'RetractionIn' as const, pmid: '41999999' }] },
          },
        }
      : study,
  );
  history = {
    reports: [
      testRunReport({
        runId: '2027-03-01T06-00-00-000Z',
        mode: 'full',
        searches: [{ datetype: 'edat', from: '1800/01/01', to: '2027/03/01', count: 364, slices: [] }],
        counts: { ...testRunReport({}).counts, matched: 364, fetched: 364, new: 363 },
        watermark: { before: null, after: '2027-03-01T06:00:00.000Z' },
      }),
      testRunReport({
        runId: '2027-03-08T06-00-00-000Z',
        status: 'failed',
        startedAt: '2027-03-08T06:00:00.000Z',
        error: '[EUTILS_RETRIES_EXHAUSTED] efetch failed 6 times in a row; last: HTTP 503',
      }),
      testRunReport({
        runId: '2027-03-15T06-00-00-000Z',
        startedAt: '2027-03-15T06:00:00.000Z',
        resumedFrom: '2027-03-08T06:00:00.000Z',
        searches: [
          { datetype: 'edat', from: '2027/02/26', to: '2027/03/15', count: 1, slices: [] },
          { datetype: 'mdat', from: '2027/02/26', to: '2027/03/15', count: 1, slices: [] },
        ],
        new: [added ?? ''],
        updated: [retracted ?? ''],
        newlyRetracted: [retracted ?? ''],
        counts: {
          ...testRunReport({}).counts,
          matched: 2,
          fetched: 2,
          new: 1,
          updated: 1,
          newlyRetracted: 1,
        },
        watermark: { before: '2027-03-01T06:00:00.000Z', after: '2027-03-08T06:00:00.000Z' },
      }),
    ],
    withdrawn: { [withdrawn ?? '']: { at: '2027-03-15T06:00:00.000Z', reason: 'left the result set' } },
  };
  marked = markStudies(studies, history);
  const [templates, scripts] = await Promise.all([loadTemplates(), bundleAssets()]);
  files = buildSite(testSiteInput(loaded, { studies: marked, history }), templates, scripts);
});

describe('the refresh history on the site', () => {
  it('marks the studies the runs spoke of, and only those', () => {
    const [retracted, , withdrawn] = onTopic.map((study) => study.record.pmid);
    const touched = marked.filter((study) => study.withdrawn || study.retractionNoticedAt);
    expect(touched.map((study) => [study.record.pmid, study.retractionNoticedAt, study.withdrawn])).toEqual(
      [
        [retracted, '2027-03-15T06:00:00.000Z', undefined],
        [withdrawn, undefined, { at: '2027-03-15T06:00:00.000Z', reason: 'left the result set' }],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    const facts = siteFacts({
      studies: marked,
      history,
      problems: [],
      manifest: { updatedAt: null, missing: {} },
      runs: [],
      query: DEFAULT_QUERY,
      rules: defaultRules,
      siteUrl: null,
      siteTitle: 'x',
    });
    expect(facts.newStudies.map((study) => study.record.pmid)).toEqual([onTopic[1]?.record.pmid]);
    expect(facts.newSince).toBe('2027-03-01T06:00:00.000Z');
    expect(facts.newlyRetracted.map((study) => study.record.pmid)).toEqual([retracted]);
    expect(facts.withdrawn.map((entry) => entry.pmid)).toEqual([withdrawn]);
    expect(facts.included.some((study) => study.record.pmid === withdrawn)).toBe(false);
  });

  it('shows a newly retracted study on its page, the home page and the feed', () => {
    const pmid = onTopic[0]?.record.pmid ?? '';
    expect(text(files, `studies/${pmid}/index.html`)).toContain(
      'Retracted (newly: found by the refresh of 15 March 2027)',
    );
    const home = text(files, 'index.html');
    expect(home).toContain('<h2 id="retracted-h">Newly retracted</h2>');
    expect(home).toContain(`PMID ${pmid}; retraction found by the refresh of 15 March 2027`);
    expect(home).toContain(`studies/${onTopic[1]?.record.pmid}/index.html`);
    const feed = text(files, 'feed.xml');
    expect(feed).toContain(`<id>https://pubmed.ncbi.nlm.nih.gov/${pmid}/#retracted</id>`);
    expect(feed).toContain('<updated>2027-03-15T06:00:00.000Z</updated>');
  });

  it('keeps a withdrawn study’s page but takes it out of the digest, its feeds and search', () => {
    const pmid = onTopic[2]?.record.pmid ?? '';
    expect(text(files, `studies/${pmid}/index.html`)).toContain(
      'Withdrawn from the digest</strong> on 15 March 2027: left the result set.',
    );
    expect(text(files, 'feed.xml')).not.toContain(`/${pmid}/`);
    const searchFiles = [...files.keys()].filter(
      (path) => path.startsWith('search/') && path.endsWith('.json'),
    );
    expect(searchFiles.length).toBeGreaterThan(0);
    for (const path of searchFiles) expect(text(files, path)).not.toMatch(new RegExp(`\\b${pmid}\\b`));
    const exported = text(files, 'data/studies.jsonl')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { pmid: string; withdrawn: unknown });
    expect(exported.find((study) => study.pmid === pmid)?.withdrawn).toEqual({
      at: '2027-03-15T06:00:00.000Z',
      reason: 'left the result set',
    });
  });

  it('lists every run on the about page, failed ones too, and publishes the reports', () => {
    const about = text(files, 'about/index.html');
    expect(about).toContain('3 runs; the whole history is in');
    expect(about).toContain('<td>2027-03-15 06:00 UTC</td><td>incremental</td><td>complete</td>');
    expect(about).toContain(
      '<tr class="run-failed"><td>2027-03-08 06:00 UTC</td><td>incremental</td><td>failed</td>',
    );
    expect(about).toContain('entry 2027/02/26-2027/03/15; modified 2027/02/26-2027/03/15');
    expect(about).toContain(`PMID ${onTopic[2]?.record.pmid}</a>`);
    expect(JSON.parse(text(files, 'data/runs.json'))).toEqual(history.reports);
  });

  it('the pages that show the history validate', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'no-trailing-whitespace': 'off', 'long-title': 'off' },
    });
    const problems: string[] = [];
    for (const page of [
      'index.html',
      'about/index.html',
      ...onTopic.slice(0, 3).map((study) => `studies/${study.record.pmid}/index.html`),
    ]) {
      const result = await validator.validateString(text(files, page), page);
      for (const r of result.results)
        for (const m of r.messages) problems.push(`${page}:${m.line} ${m.ruleId} ${m.message}`);
    }
    expect(problems).toEqual([]);
  });
});
