import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truthRecords } from './fixture-truth.ts';
import { type FakeEutils, startFakeEutils } from './index.ts';
import { get, query } from './test-http.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });
const copyPmid = (k: number, i: number) => String(90_000_000 + k * 100_000 + i);
// Abstracts and reference lists hold neither the own PMID nor CommentsCorrections; parsing is faster without.
const lean = (xml: string) => xml.replace(/<(ReferenceList|Abstract)>[\s\S]*?<\/\1>/g, '');

describe('multiplier 3', () => {
  let fake: FakeEutils;
  beforeAll(async () => {
    fake = await startFakeEutils({ multiplier: 3, rateLimitPerSecond: null });
  });
  afterAll(() => fake.close());

  it('serves every record three times, copies under 90,000,000 + k * 100,000 + corpus index', () => {
    const truth = truthRecords();
    const expected = [
      ...truth.map((r) => r.pmid),
      ...truth.map((_, i) => copyPmid(1, i)),
      ...truth.map((_, i) => copyPmid(2, i)),
    ].sort((a, b) => Number(a) - Number(b));
    expect(fake.pmids()).toEqual(expected);
    expect(new Set(fake.pmids()).size).toBe(3 * truth.length);
  });

  it('rewrites only the record’s own PMID (MedlineCitation/BookDocument PMID and the PubmedData pubmed ArticleId)', () => {
    truthRecords().forEach((record, i) => {
      const pmid = copyPmid(2, i);
      const copy = fake.recordXml(pmid) ?? '';
      // Mapping the new id back gives the original bytes: nothing else changed.
      expect(copy.split(pmid).join(record.pmid)).toBe(record.xml);
      const doc = parser.parse(lean(copy));
      const root = doc.PubmedArticle ?? doc.PubmedBookArticle;
      const citation = root.MedlineCitation ?? root.BookDocument;
      expect(citation.PMID['#text']).toBe(pmid);
      const ownIds = [(root.PubmedData ?? root.PubmedBookData).ArticleIdList.ArticleId].flat();
      const pubmedId = ownIds.find((id: Record<string, string>) => id['@IdType'] === 'pubmed');
      if (pubmedId !== undefined) expect(pubmedId['#text']).toBe(pmid);
      const original = parser.parse(lean(record.xml));
      const originalRoot = original.PubmedArticle ?? original.PubmedBookArticle;
      const comments = (r: Record<string, Record<string, unknown>>) =>
        JSON.stringify(r.MedlineCitation?.CommentsCorrectionsList ?? null);
      expect(comments(root)).toBe(comments(originalRoot));
    });
  });

  it('keeps other records’ PMIDs in CommentsCorrections untouched', () => {
    const i = truthRecords().findIndex((r) => r.pmid === '32887691');
    const copy = fake.recordXml(copyPmid(1, i)) ?? '';
    expect(copy).toContain('<CommentsCorrections RefType="ErratumIn">');
    const referenced = [
      ...(truthRecords()[i]?.xml ?? '').matchAll(
        /<CommentsCorrections[\s\S]*?<PMID Version="1">(\d+)<\/PMID>/g,
      ),
    ];
    expect(referenced.length).toBeGreaterThan(0);
    for (const match of referenced) expect(copy).toContain(`<PMID Version="1">${match[1]}</PMID>`);
  });

  it('searches and fetches the copies like any record', async () => {
    const truth = truthRecords();
    const search = await get(
      `${fake.url}esearch.fcgi?${query({ db: 'pubmed', term: 'ketamine', rettype: 'count' })}`,
    );
    expect(search.body).toContain(`<Count>${3 * truth.length}</Count>`);
    const ids = [copyPmid(1, 0), copyPmid(2, 5), truth[5]?.pmid ?? ''];
    const fetched = await get(`${fake.url}efetch.fcgi?${query({ db: 'pubmed', id: ids.join(',') })}`);
    for (const id of ids) expect(fetched.body).toContain(fake.recordXml(id));
  });
});

describe('multiplier 200, for scale benchmarks', () => {
  it('starts in seconds and keeps every PMID unique and below 100,000,000', async () => {
    const startedAt = performance.now();
    const fake = await startFakeEutils({ multiplier: 200, rateLimitPerSecond: null });
    try {
      expect(performance.now() - startedAt).toBeLessThan(10_000);
      const size = truthRecords().length;
      const pmids = fake.pmids();
      expect(pmids).toHaveLength(200 * size);
      expect(new Set(pmids).size).toBe(200 * size);
      expect(Number(pmids.at(-1))).toBeLessThan(100_000_000);
      // Past 100 copies the stride shrinks to the smallest power of ten holding the corpus.
      const stride = 10 ** Math.ceil(Math.log10(size));
      expect(pmids.at(-1)).toBe(String(90_000_000 + 199 * stride + size - 1));
      const sample = fake.recordXml(String(90_000_000 + 150 * stride + 7)) ?? '';
      expect(sample.split(String(90_000_000 + 150 * stride + 7)).join(truthRecords()[7]?.pmid)).toBe(
        truthRecords()[7]?.xml,
      );
    } finally {
      await fake.close();
    }
  });
});
