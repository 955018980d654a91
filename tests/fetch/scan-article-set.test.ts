import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scanArticleSet } from '../../src/fetch/scan-article-set.ts';
import { PUBMED_FIXTURES } from '../fixtures-path.ts';

function read(file: string): Buffer {
  const raw = readFileSync(join(PUBMED_FIXTURES, file));
  return file.endsWith('.gz') ? gunzipSync(raw) : raw;
}

describe('scanArticleSet', () => {
  it('finds every article and book article in every fixture, each byte range one whole record', () => {
    for (const file of readdirSync(PUBMED_FIXTURES).filter((name) => /\.xml(\.gz)?$/.test(name))) {
      const body = read(file);
      const text = body.toString('utf8');
      const expected = (text.match(/<PubmedArticle>|<PubmedBookArticle>/g) ?? []).length;
      const { records, problem } = scanArticleSet(body);
      expect([file, problem, records.length]).toEqual([file, null, expected]);
      for (const record of records) {
        const slice = body.subarray(record.offset, record.offset + record.length).toString('utf8');
        expect(slice).toMatch(/^<Pubmed(Book)?Article>/);
        expect(slice).toMatch(/<\/Pubmed(Book)?Article>$/);
        expect(slice).toContain(`>${record.pmid}</PMID>`);
      }
    }
  });

  it("reads the record's own PMID and version, not a cited PMID", () => {
    const { records } = scanArticleSet(read('PsyNamic-Webapp__abstract_test.xml'));
    const text = read('PsyNamic-Webapp__abstract_test.xml').toString('utf8');
    const own = [...text.matchAll(/<MedlineCitation[^>]*>\s*<PMID Version="(\d+)">(\d+)<\/PMID>/g)].map(
      (m) => ({
        pmid: m[2],
        version: m[1],
      }),
    );
    expect(records.map(({ pmid, version }) => ({ pmid, version }))).toEqual(own);
  });

  it('reports a record cut short instead of returning a partial record', () => {
    const body = read('PsyNamic-Webapp__abstract_test.xml');
    const cut = body.subarray(0, Math.floor(body.length / 2));
    const result = scanArticleSet(cut);
    expect(result.problem).toMatch(/^record at byte \d+ is not closed$/);
    expect(result.records.every((r) => r.offset + r.length <= cut.length)).toBe(true);
  });

  it('handles a hand-written set with a book article and a record without PMID', () => {
    const body = Buffer.from(
      '<PubmedArticleSet><PubmedBookArticle><BookDocument><PMID Version="1">20301577</PMID></BookDocument></PubmedBookArticle>' +
        '<PubmedArticle><MedlineCitation><Article/></MedlineCitation></PubmedArticle></PubmedArticleSet>',
    );
    const result = scanArticleSet(body);
    expect(result.records).toEqual([
      {
        pmid: '20301577',
        version: '1',
        offset: 18,
        length: 101,
        sha256: createHash('sha256').update(body.subarray(18, 119)).digest('hex'),
      },
    ]);
    expect(result.problem).toBe('record at byte 119 has no PMID');
  });

  it('reads the PMIDs of DeleteCitation elements: records PubMed removed, not missing ones', () => {
    const body = Buffer.from(
      '<PubmedArticleSet><PubmedBookArticle><BookDocument><PMID Version="1">20301577</PMID></BookDocument></PubmedBookArticle>' +
        '<DeleteCitation><PMID Version="1">11111111</PMID><PMID Version="2">22222222</PMID></DeleteCitation></PubmedArticleSet>',
    );
    const result = scanArticleSet(body);
    expect(result.records.map((r) => r.pmid)).toEqual(['20301577']);
    expect(result.deleted).toEqual(['11111111', '22222222']);
    expect(result.problem).toBeNull();
    expect(scanArticleSet(Buffer.from('<PubmedArticleSet><DeleteCitation><PMID>1</PMID>'))).toEqual({
      records: [],
      deleted: [],
      problem: 'DeleteCitation at byte 18 is not closed',
    });
  });
});
