import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, rawRecordElementCount, truthRecords } from './fixture-truth.ts';
import { type FakeEutils, startFakeEutils } from './index.ts';

describe('the corpus served', () => {
  let fake: FakeEutils;
  beforeAll(async () => {
    fake = await startFakeEutils({ rateLimitPerSecond: null });
  });
  afterAll(() => fake.close());

  it('is every PubmedArticle and PubmedBookArticle of the fixtures, once per PMID', () => {
    const truth = truthRecords();
    // One record (PMID 35123456) sits in two files; every other element is its own PMID.
    expect(rawRecordElementCount()).toBe(truth.length + 1);
    expect(new Set(truth.map((r) => r.pmid)).size).toBe(truth.length);
    expect(fake.pmids()).toEqual(truth.map((r) => r.pmid).sort((a, b) => Number(a) - Number(b)));
  });

  it('keeps the exact bytes of every record, indentation and character references included', () => {
    for (const record of truthRecords()) expect(fake.recordXml(record.pmid)).toBe(record.xml);
    const compact = readFileSync(join(FIXTURES_DIR, 'biopython__pubmed1.xml'), 'utf8');
    const first = compact.slice(compact.indexOf('<PubmedArticle>'), compact.indexOf('</PubmedArticle>') + 16);
    expect(fake.recordXml('12091962')).toBe(first);
  });

  it('serves the GeneReviews book article but neither DeleteCitation nor legacy MedlineCitationSet records', () => {
    expect(fake.recordXml('20301577')).toMatch(
      /^<PubmedBookArticle><BookDocument><PMID Version="1">20301577</,
    );
    // medline16n0902.xml.gz: 604 legacy MedlineCitation records (first 17942999) and DeleteCitation 26432306.
    expect(fake.recordXml('17942999')).toBeUndefined();
    expect(fake.recordXml('26432306')).toBeUndefined();
  });

  it('lists PMIDs in ascending numeric order, not string order', () => {
    const pmids = fake.pmids();
    expect(pmids.slice(0, 3)).toEqual(['1', '2', '3']);
    for (let i = 1; i < pmids.length; i++) expect(Number(pmids[i])).toBeGreaterThan(Number(pmids[i - 1]));
  });
});
