import { describe, expect, it } from 'vitest';
import {
  addStudyTerms,
  buildSearchIndex,
  createVocabulary,
  type DigestEntry,
  decodeIndexShard,
  digestEntry,
  emptyFilters,
  type IndexReader,
  type LoadedIndex,
  loadPmids,
  loadQueryShards,
  loadRows,
  loadWholeIndex,
  openSearchIndex,
  rowOf,
  type SearchRequest,
  searchDocOrder,
  searchMetaFile,
  searchPostings,
  searchShardFiles,
  searchStudies,
  studyIndexTerms,
} from './search-api.ts';
import { indexOfStudies, syntheticStudy } from './synthetic-study.ts';

// Enough distinct words for tiny shards to spread over dozens of files.
const WORDS = [
  'anhedonia',
  'bipolar',
  'cognition',
  'dissociation',
  'electroconvulsive',
  'functional',
  'glutamate',
  'hippocampus',
  'inflammation',
  'jitter',
  'kynurenine',
  'lithium',
  'midazolam',
  'neuroplasticity',
  'opioid',
  'psilocybin',
  'quetiapine',
  'relapse',
  'suicidal',
  'tolerance',
];
const studies = Array.from({ length: 60 }, (_, i) =>
  syntheticStudy({
    pmid: String(30_000_000 + i * 7),
    title: `Ketamine and ${WORDS[i % WORDS.length]} in depression, cohort ${i}`,
    abstract: `Patients with ${WORDS[(i * 3) % WORDS.length]} and ${WORDS[(i * 7) % WORDS.length]} received esketamine or placebo.`,
    publicationTypes: i % 4 === 0 ? ['Randomized Controlled Trial'] : ['Journal Article'],
    year: 2010 + (i % 15),
    retracted: i === 13,
  }),
);
const vocabulary = createVocabulary(['efficacy', 'safety', 'suicidality']);

function readerOf(files: Map<string, string | Uint8Array>, log: string[] = []): IndexReader {
  return {
    bytes: async (path) => {
      log.push(path);
      const content = files.get(path);
      if (content === undefined) throw new Error(`${path}: not written`);
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
  };
}

const oneShard = new Map(indexOfStudies(studies, vocabulary, { shardBytes: 1 << 30 }));
const tinyShards = new Map(indexOfStudies(studies, vocabulary, { shardBytes: 64 }));
const request = (q: string, more: Partial<SearchRequest> = {}): SearchRequest => ({
  q,
  filters: { ...emptyFilters(), includeOffTopic: true },
  sort: null,
  offset: 0,
  limit: 100,
  ...more,
});
const QUERIES = [
  'ketamine',
  'glutamate',
  'lithium relapse',
  'kyn*',
  'a*',
  'zzz*',
  'esketamine -placebo',
  'suicidal -bipolar',
  String(30_000_000 + 7 * 11),
  'cohort 42',
  'randomized controlled trial',
  '',
];

describe('term-sharded search index', () => {
  it('cuts the terms into many shards, each holding a sorted range of terms', () => {
    const shardFiles = [...tinyShards.keys()].filter((path) => path.startsWith('search/terms/'));
    expect(shardFiles.length).toBeGreaterThan(20);
    const meta = JSON.parse(tinyShards.get('search/meta.json') as string);
    for (const [p, part] of meta.parts.entries()) {
      const firsts = part.shards.map((shard: { first: string }) => shard.first);
      expect(firsts).toEqual([...firsts].sort());
      for (const [s, shard] of part.shards.entries()) {
        const file = `search/terms/${p + 1}-${s}.bin`;
        const bytes = tinyShards.get(file) as Uint8Array;
        expect(bytes.length).toBe(shard.bytes);
        const decoded = decodeIndexShard(bytes, file);
        expect(decoded.terms[0]).toBe(shard.first);
        const next = part.shards[s + 1]?.first;
        if (next !== undefined) expect((decoded.terms.at(-1) as string) < next).toBe(true);
      }
    }
  });

  it('answers every query exactly as one unsharded index does, loading only the shards it needs', async () => {
    const whole = await loadWholeIndex(readerOf(oneShard));
    for (const q of QUERIES) {
      const read: string[] = [];
      const reader = readerOf(tinyShards, read);
      const index = await openSearchIndex(reader);
      await loadQueryShards(index, reader, q);
      const sharded = searchStudies(index, request(q));
      expect(sharded, q).toEqual(searchStudies(whole, request(q)));
      const shardsRead = read.filter((path) => path.startsWith('search/terms/')).length;
      const shardCount = [...tinyShards.keys()].filter((path) => path.startsWith('search/terms/')).length;
      if (q !== 'a*') expect(shardsRead, q).toBeLessThan(shardCount / 2);
      // The rows shown come from the row files of those docs alone.
      await loadRows(
        index,
        reader,
        sharded.hits.map((hit) => hit.doc),
      );
      expect(
        sharded.hits.map((hit) => rowOf(index, hit.doc).pmid),
        q,
      ).toEqual(sharded.hits.map((hit) => whole.pmids?.[hit.doc]));
    }
  });

  it('answers from the first part alone (titles, subjects) before the abstracts load', async () => {
    const read: string[] = [];
    const reader = readerOf(tinyShards, read);
    const index = await openSearchIndex(reader);
    await loadQueryShards(index, reader, 'midazolam', 1);
    expect(read.filter((path) => path.startsWith('search/terms/2-'))).toEqual([]);
    const first = searchStudies(index, request('midazolam'), 1);
    expect(first.fullText).toBe(false);
    // "midazolam" is in the titles of studies 12, 32 and 52 and in abstracts of others.
    expect(first.total).toBe(3);
    await loadQueryShards(index, reader, 'midazolam');
    const both = searchStudies(index, request('midazolam'));
    expect(both.fullText).toBe(true);
    expect(both.total).toBeGreaterThan(first.total);
  });

  it('counts each facet under every filter but its own, as a study-by-study count does', async () => {
    const index = await loadWholeIndex(readerOf(tinyShards));
    const { docs, meta } = index;
    const filterSets: Partial<SearchRequest['filters']>[] = [
      {},
      { design: ['rct'] },
      { design: ['rct'], level: ['2'] },
      { level: ['none', '2'], hideRetracted: true, yearFrom: 2014 },
      { design: ['rct', 'other'], topic: ['efficacy'], yearTo: 2020 },
    ];
    for (const filters of filterSets) {
      const result = searchStudies(
        index,
        request('ketamine', { filters: { ...request('').filters, ...filters } }),
      );
      const all = { ...request('').filters, ...filters };
      const designId = (d: number) => meta.vocabulary.design[docs.design[d] as number]?.id as string;
      const levelId = (d: number) => String(docs.level[d] || 'none');
      const topicIds = (d: number) =>
        meta.vocabulary.topic
          .filter((_, bit) => ((docs.topic[d] as number) & (1 << bit)) !== 0)
          .map((v) => v.id);
      const passes = (d: number, skip: string) =>
        !(all.hideRetracted && (docs.flags[d] as number) & 1) &&
        (all.yearFrom === null || (docs.year[d] as number) >= all.yearFrom) &&
        (all.yearTo === null || ((docs.year[d] as number) > 0 && (docs.year[d] as number) <= all.yearTo)) &&
        (skip === 'design' || all.design.length === 0 || all.design.includes(designId(d))) &&
        (skip === 'level' || all.level.length === 0 || all.level.includes(levelId(d))) &&
        (skip === 'topic' || all.topic.length === 0 || topicIds(d).some((id) => all.topic.includes(id)));
      const expected = { design: {}, level: {}, topic: {} } as Record<string, Record<string, number>>;
      let total = 0;
      for (let d = 0; d < meta.docCount; d++) {
        if (passes(d, '')) total++;
        const add = (facet: string, id: string) => {
          const counts = expected[facet] as Record<string, number>;
          counts[id] = (counts[id] ?? 0) + 1;
        };
        if (passes(d, 'design')) add('design', designId(d));
        if (passes(d, 'level')) add('level', levelId(d));
        if (passes(d, 'topic')) for (const id of topicIds(d)) add('topic', id);
      }
      expect(result.total, JSON.stringify(filters)).toBe(total);
      expect(result.facets.design, JSON.stringify(filters)).toEqual(expected.design);
      expect(result.facets.level, JSON.stringify(filters)).toEqual(expected.level);
      expect(result.facets.topic, JSON.stringify(filters)).toEqual(expected.topic);
    }
  });

  it('refuses to answer from shards it was not given, rather than answer wrongly', async () => {
    const index: LoadedIndex = await openSearchIndex(readerOf(tinyShards));
    expect(() => searchStudies(index, request('glutamate'))).toThrow(/shard \d+ of part .* not loaded/);
    expect(() => searchStudies(index, request('30000077'))).toThrow(/PMIDs not loaded/);
  });

  it('numbers studies newest first and keeps their facets and PMIDs', async () => {
    const index = await loadWholeIndex(readerOf(tinyShards));
    const dates = [...index.docs.date];
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const newest = studies.filter((study) => study.record.published?.year === 2024).map((s) => s.record.pmid);
    expect(index.pmids?.slice(0, newest.length).sort()).toEqual(newest.sort());
    expect(index.docs.year[0]).toBe(2024);
    const retracted = index.pmids?.indexOf('30000091') as number;
    expect(index.docs.flags[retracted]).toBe(1);
    expect(searchStudies(index, request('', { sort: 'date', limit: 5 })).hits.map((h) => h.doc)).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });

  it("keeps the digest's studies' rows first, so a clinical query's first page reads one row file", async () => {
    // 250 studies, every third one on-topic (ketamine named), the rest off-topic; years mixed.
    const mixed = Array.from({ length: 250 }, (_, i) =>
      syntheticStudy({
        pmid: String(31_000_000 + i),
        title:
          i % 3 === 0
            ? `Esketamine nasal spray and ${WORDS[i % WORDS.length]} in treatment-resistant depression`
            : `Lithium and ${WORDS[i % WORDS.length]} in bipolar disorder`,
        year: 2000 + ((i * 7) % 25),
      }),
    );
    const files = new Map(indexOfStudies(mixed, vocabulary));
    const log: string[] = [];
    const index = await openSearchIndex(readerOf(files, log));
    await loadPmids(index, readerOf(files));
    const onTopic = mixed.filter((_, i) => i % 3 === 0).map((study) => study.record.pmid);
    // rows/0.json: the 84 on-topic studies, newest first (doc order), then the newest off-topic ones.
    const first = JSON.parse(files.get('search/rows/0.json') as string) as { pmid: string[] };
    expect(first.pmid.slice(0, onTopic.length).sort()).toEqual([...onTopic].sort());
    expect(first.pmid.slice(0, onTopic.length)).toEqual(
      (index.pmids as string[]).filter((pmid) => onTopic.includes(pmid)),
    );
    await loadQueryShards(index, readerOf(files), 'esketamine');
    const answer = searchStudies(index, request('esketamine', { limit: 20 }));
    expect(answer.hits).toHaveLength(20);
    log.length = 0;
    await loadRows(
      index,
      readerOf(files, log),
      answer.hits.map((hit) => hit.doc),
    );
    expect(log).toEqual(['search/rows/0.json']);
    // Every doc's row is its own, wherever its file.
    await loadRows(
      index,
      readerOf(files),
      Array.from({ length: mixed.length }, (_, doc) => doc),
    );
    for (let doc = 0; doc < mixed.length; doc++)
      expect(rowOf(index, doc).pmid).toBe((index.pmids as string[])[doc]);
  });

  it('names the file when one is not an index file, and refuses an index of another version', async () => {
    const bad = new Map(tinyShards);
    bad.set('search/terms/1-0.bin', new TextEncoder().encode('<html>404</html>'));
    const reader = readerOf(bad);
    const index = await openSearchIndex(reader);
    const [first] = index.parts[0]?.first ?? [];
    await expect(loadQueryShards(index, reader, first as string)).rejects.toThrow(
      'search/terms/1-0.bin is not an evidence-digest index shard',
    );
    const old = new Map(tinyShards);
    old.set(
      'search/meta.json',
      JSON.stringify({ ...JSON.parse(tinyShards.get('search/meta.json') as string), version: 1 }),
    );
    await expect(openSearchIndex(readerOf(old))).rejects.toThrow('search index version 1, expected 3');
  });

  it('gives the same shards when studies arrive in any order under provisional numbers, as the build threads send them', () => {
    const entries = studies.map(digestEntry);
    const termsOf = new Map(studies.map((study) => [study.record.pmid, studyIndexTerms(study)]));
    // The build sends terms in PMID order, in batches that finish in any order; one study is withdrawn.
    const arrival = [...entries].sort((a, b) => Number(b.pmid) - Number(a.pmid));
    const withdrawn = arrival[5] as DigestEntry;
    const parts = searchPostings();
    for (const [provisional, entry] of arrival.entries())
      addStudyTerms(parts, provisional, termsOf.get(entry.pmid) as string[]);
    const ordered = searchDocOrder(entries.filter((entry) => entry !== withdrawn));
    const numberOf = new Int32Array(arrival.length).fill(-1);
    for (const [doc, entry] of ordered.entries()) numberOf[arrival.indexOf(entry)] = doc;
    for (const part of parts) part.renumber(numberOf, ordered.length);
    const gathered = searchShardFiles(parts, 64);

    const direct = new Map(
      buildSearchIndex(ordered, vocabulary, (entry) => termsOf.get(entry.pmid) as string[], {
        shardBytes: 64,
      }),
    );
    expect(gathered.files.length).toBeGreaterThan(10);
    expect(new Map(gathered.files)).toEqual(
      new Map([...direct].filter(([path]) => path.startsWith('search/terms/'))),
    );
    expect(searchMetaFile(ordered.length, vocabulary, gathered.parts)).toEqual([
      'search/meta.json',
      direct.get('search/meta.json'),
    ]);
    expect(JSON.parse(direct.get('search/meta.json') as string).docCount).toBe(studies.length - 1);
  });

  it('refuses a PMID that is not a PubMed id, naming it', () => {
    const odd = syntheticStudy({ pmid: '101', title: 'x' });
    odd.record = { ...odd.record, pmid: 'abc' };
    expect(() => indexOfStudies([odd], vocabulary)).toThrow('PMID "abc" is not a PubMed id');
  });
});
