import { describe, expect, it } from 'vitest';
import {
  createVocabulary,
  emptyFilters,
  type LoadedIndex,
  loadWholeIndex,
  paramsFromRequest,
  parseQuery,
  requestFromParams,
  type SearchRequest,
  searchStudies,
} from './search-api.ts';
import { indexOfStudies, syntheticStudy } from './synthetic-study.ts';

const studies = [
  syntheticStudy({
    pmid: '101',
    title: 'Intranasal esketamine in treatment-resistant depression: a randomized controlled trial',
    abstract: 'Patients received esketamine nasal spray or placebo. Response and remission improved.',
    publicationTypes: ['Randomized Controlled Trial'],
    year: 2019,
  }),
  syntheticStudy({
    pmid: '102',
    title: 'Spravato in routine care of depression',
    abstract: 'A cohort of patients treated with Spravato for depression.',
    year: 2023,
  }),
  syntheticStudy({
    pmid: '103',
    title: 'S-ketamine for major depressive disorder',
    abstract: 'Open-label study of (S)-ketamine in depression.',
    year: 2021,
  }),
  syntheticStudy({
    pmid: '104',
    title: 'Intravenous ketamine infusion for TRD',
    abstract: 'Racemic ketamine 0.5 mg/kg IV over 40 minutes in depression.',
    publicationTypes: ['Randomized Controlled Trial'],
    year: 2015,
  }),
  syntheticStudy({
    pmid: '105',
    title: 'Ketamine for depression: a systematic review and meta-analysis',
    abstract: 'We pooled trials of ketamine for depression.',
    publicationTypes: ['Systematic Review', 'Meta-Analysis'],
    year: 2022,
  }),
  syntheticStudy({
    pmid: '106',
    title: 'Ketamine in bipolar depression',
    abstract: 'Ketamine in patients with bipolar depression and suicidal ideation.',
    year: 2018,
    retracted: true,
  }),
  syntheticStudy({
    pmid: '107',
    title: 'Ketamine anaesthesia for hip surgery',
    abstract: 'Ketamine as an anaesthetic in elderly surgical patients.',
    year: 2017,
  }),
];

/** The index the build writes, read back through the same loader the browser and the CLI use. */
async function load(): Promise<LoadedIndex> {
  const files = new Map(
    indexOfStudies(studies, createVocabulary(['efficacy', 'safety', 'suicidality', 'dosing'])),
  );
  return loadWholeIndex({
    bytes: async (path) => {
      const content = files.get(path);
      if (content === undefined) throw new Error(`${path}: not written`);
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
  });
}
const index = await load();
const ask = (q: string, more: Partial<SearchRequest> = {}, filters: Partial<SearchRequest['filters']> = {}) =>
  searchStudies(index, {
    q,
    filters: { ...emptyFilters(), includeOffTopic: true, ...filters },
    sort: null,
    offset: 0,
    limit: 50,
    ...more,
  });
const pmids = (
  q: string,
  more: Partial<SearchRequest> = {},
  filters: Partial<SearchRequest['filters']> = {},
) => ask(q, more, filters).hits.map((hit) => index.pmids?.[hit.doc]);

describe('searchStudies', () => {
  it('treats esketamine, Spravato and S-ketamine as one drug, and not as plain ketamine', () => {
    const expected = ['101', '102', '103'];
    expect(pmids('esketamine').sort()).toEqual(expected);
    expect(pmids('spravato').sort()).toEqual(expected);
    expect(pmids('s-ketamine').sort()).toEqual(expected);
    expect(pmids('"(S)-ketamine"').sort()).toEqual(expected);
  });

  it('expands TRD and IV both ways', () => {
    expect(pmids('TRD').sort()).toEqual(['101', '104']);
    expect(pmids('treatment-resistant depression').sort()).toEqual(['101', '104']);
    expect(pmids('intravenous')).toEqual(['104']);
    expect(pmids('iv')).toEqual(['104']);
  });

  it('requires every word, falls back to any word when none has all, and says so', () => {
    expect(pmids('ketamine surgery')).toEqual(['107']);
    const relaxed = ask('spravato surgery');
    expect(relaxed.relaxed).toBe(true);
    expect(relaxed.total).toBe(4);
    expect(ask('ketamine surgery').relaxed).toBe(false);
  });

  it('matches a quoted phrase only where all its words are, in any alternative of a synonym', () => {
    expect(pmids('"bipolar depression"')).toEqual(['106']);
    expect(ask('"bipolar surgery"').total).toBe(0);
    expect(pmids('"hip surgery" ketamine')).toEqual(['107']);
    // TRD's alternatives include the words of treatment-resistant depression: 101 has them all, 104 says TRD.
    expect(pmids('TRD').sort()).toEqual(['101', '104']);
    expect(pmids('"treatment resistant" -esketamine')).toEqual(['104']);
  });

  it('excludes -words, expands prefixes, finds a bare PMID', () => {
    expect(pmids('ketamine -bipolar')).not.toContain('106');
    expect(pmids('ketamine -bipolar')).toContain('105');
    expect(pmids('anaesth*')).toEqual(['107']);
    expect(pmids('104')).toEqual(['104']);
  });

  it('ranks a title match above an abstract-only match', () => {
    const ranked = pmids('bipolar');
    expect(ranked[0]).toBe('106');
  });

  it('filters by design, level, year and retraction, and counts each facet under the other filters', () => {
    const rct = ask('', {}, { design: ['rct'] });
    expect(rct.hits.map((h) => index.pmids?.[h.doc]).sort()).toEqual(['101', '104']);
    // The design facet still counts the other designs, so a second one can be added.
    expect(rct.facets.design['systematic-review']).toBe(1);
    expect(rct.facets.level['2']).toBe(2);
    expect(pmids('', {}, { yearFrom: 2021, yearTo: 2022 }).sort()).toEqual(['103', '105']);
    expect(pmids('bipolar', {}, { hideRetracted: true })).toEqual([]);
  });

  it('leaves off-topic studies out unless asked', () => {
    const onTopicOnly = searchStudies(index, {
      q: 'ketamine',
      filters: emptyFilters(),
      sort: null,
      offset: 0,
      limit: 50,
    });
    const all = ask('ketamine');
    expect(all.total).toBeGreaterThan(onTopicOnly.total);
  });

  it('sorts by date and by evidence level', () => {
    expect(pmids('depression', { sort: 'date' })[0]).toBe('102');
    expect(pmids('ketamine', { sort: 'level' })[0]).toBe('105');
    expect(ask('').sort).toBe('level');
  });

  it('pages', () => {
    const all = pmids('', { limit: 50 });
    expect(pmids('', { offset: 2, limit: 2 })).toEqual(all.slice(2, 4));
  });

  it('round-trips the request through the URL', () => {
    const request = requestFromParams(
      new URLSearchParams(
        'q=esketamine&topic=efficacy,safety&design=rct&from=2015&retracted=hide&sort=date&page=3',
      ),
    );
    expect(request.filters.topic).toEqual(['efficacy', 'safety']);
    expect(request.offset).toBe(40);
    expect(requestFromParams(paramsFromRequest(request))).toEqual(request);
  });

  it('reads hostile or broken queries as text', () => {
    for (const q of ['"unbalanced', '- -- *', '<script>alert(1)</script>', '((((', '*', '"" -""']) {
      expect(() => ask(q)).not.toThrow();
    }
    expect(parseQuery('a the of').clauses).toEqual([]);
  });
});
