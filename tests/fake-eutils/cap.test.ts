import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePmids, EUTILS_FIXTURES_DIR, truthRecords } from './fixture-truth.ts';
import { type FakeEutils, startFakeEutils } from './index.ts';
import { get, post, query } from './test-http.ts';

const PROLOG = `${readFileSync(join(EUTILS_FIXTURES_DIR, 'biopython__esearch1.xml'), 'utf8').split('\n').slice(0, 2).join('\n')}\n`;
const RETSTART_ERROR =
  "Search Backend failed: Exception:\n'retstart' cannot be larger than 9998. For PubMed, \n" +
  'ESearch can only retrieve the first 9,999 records \nmatching the query.\n' +
  ' To obtain more than 9,999 PubMed records, consider \nusing EDirect that contains additional logic \n' +
  'to batch PubMed search results automatically\n so that an arbitrary number can be retrieved.\n' +
  ' For details see https://www.ncbi.nlm.nih.gov/books/NBK25499/';
const idsOf = (body: string) => [...body.matchAll(/<Id>(\d+)<\/Id>/g)].map((m) => m[1] ?? '');

// 30 copies of the corpus: more than 9,999 records, so the cap bites.
const MULTIPLIER = 30;

/** The multiplied corpus in PubMed's default order, computed from the fixtures, not from the fake. */
function expectedOrder(): string[] {
  const rows: Array<{ pmid: string; edat: number }> = [];
  truthRecords().forEach((record, i) => {
    for (let k = 0; k < MULTIPLIER; k++) {
      rows.push({ pmid: k === 0 ? record.pmid : String(90_000_000 + k * 100_000 + i), edat: record.edat });
    }
  });
  return rows.sort((a, b) => b.edat - a.edat || Number(b.pmid) - Number(a.pmid)).map((r) => r.pmid);
}

describe('the 9,999 cap on a search of more than 9,999 records', () => {
  let fake: FakeEutils;
  let order: string[];
  const esearch = (params: Record<string, string | number>) =>
    get(`${fake.url}esearch.fcgi?${query({ db: 'pubmed', term: 'ketamine', ...params })}`);
  beforeAll(async () => {
    fake = await startFakeEutils({ multiplier: MULTIPLIER, rateLimitPerSecond: null });
    order = expectedOrder();
  });
  afterAll(() => fake.close());

  it('has a true count above the cap', async () => {
    expect(order.length).toBeGreaterThan(9999);
    expect((await esearch({ rettype: 'count' })).body).toContain(`<Count>${order.length}</Count>`);
  });

  it('refuses retstart 9999 with the Search Backend failed ERROR, at HTTP 200', async () => {
    const response = await esearch({ retstart: 9999, retmax: 20 });
    expect(response.status).toBe(200);
    expect(response.body).toBe(
      `${PROLOG}<eSearchResult>\n\t<ERROR>${RETSTART_ERROR}</ERROR>\n</eSearchResult>\n`,
    );
    // In JSON mode NCBI writes the apostrophes as \' , so the body does not parse as JSON.
    const json = await esearch({ retstart: 15000, retmode: 'json' });
    const valid = JSON.stringify({
      header: { type: 'esearch', version: '0.3' },
      esearchresult: { ERROR: RETSTART_ERROR },
    });
    expect(json.body).toBe(valid.replaceAll("'", "\\'"));
    expect(json.body).toContain(
      String.raw`"ERROR":"Search Backend failed: Exception:\n\'retstart\' cannot be larger than 9998.`,
    );
    expect(() => JSON.parse(json.body)).toThrow(SyntaxError);
  });

  it('cuts a window that reaches past position 9,999 and says so in the WarningList', async () => {
    const { body } = await esearch({ retstart: 9990, retmax: 20 });
    expect(body).toBe(
      `${PROLOG}<eSearchResult><Count>${order.length}</Count><RetMax>9</RetMax><RetStart>9990</RetStart><IdList>\n` +
        order
          .slice(9990, 9999)
          .map((id) => `<Id>${id}</Id>\n`)
          .join('') +
        '</IdList><TranslationSet/><QueryTranslation>ketamine</QueryTranslation>' +
        '<WarningList><OutputMessage>Restrictions achieved. start and count adjusted to 9990, 9</OutputMessage></WarningList>' +
        '</eSearchResult>\n',
    );
    expect(idsOf((await esearch({ retstart: 9998, retmax: 10 })).body)).toEqual([order[9998]]);
  });

  it('caps retmax=100000 at 9,999 ids', async () => {
    const { body } = await esearch({ retmax: 100_000 });
    expect(idsOf(body)).toEqual(order.slice(0, 9999));
    expect(body).toContain('<RetMax>9999</RetMax>');
    expect(body).toContain(
      '<OutputMessage>Restrictions achieved. start and count adjusted to 0, 9999</OutputMessage>',
    );
  });

  it('gives the same warning in JSON', async () => {
    const result = JSON.parse(
      (await esearch({ retstart: 9000, retmax: 5000, retmode: 'json' })).body,
    ).esearchresult;
    expect(result.count).toBe(String(order.length));
    expect(result.retmax).toBe('999');
    expect(result.idlist).toEqual(order.slice(9000, 9999));
    expect(result.warninglist).toEqual({
      phrasesignored: [],
      quotedphrasesnotfound: [],
      outputmessages: ['Restrictions achieved. start and count adjusted to 9000, 999'],
    });
  });

  it('caps efetch by WebEnv the same way: 9,999 positions, HTTP 400 past them', async () => {
    const search = await esearch({ usehistory: 'y', retmax: 0 });
    const webEnv = /<WebEnv>([^<]+)<\/WebEnv>/.exec(search.body)?.[1] ?? '';
    const fetch = (retstart: number, retmax: number) =>
      post(`${fake.url}efetch.fcgi`, {
        db: 'pubmed',
        WebEnv: webEnv,
        query_key: '1',
        retstart: String(retstart),
        retmax: String(retmax),
      });
    const last = await fetch(9990, 20);
    expect(last.status).toBe(200);
    expect(articlePmids(last.body)).toEqual(order.slice(9990, 9999));
    const past = await fetch(9999, 20);
    expect(past.status).toBe(400);
    expect(past.body).toContain(
      "<ERROR>Search backend cannot retrieve history data. Reason: Exception: 'retstart' cannot be larger than 9998.",
    );
  });
});

describe('the cap on a search of fewer than 9,999 records', () => {
  it('answers retstart 9999 with an empty page and the warning, not an error', async () => {
    const fake = await startFakeEutils({ rateLimitPerSecond: null });
    try {
      const { body } = await get(
        `${fake.url}esearch.fcgi?${query({ db: 'pubmed', term: 'x', retstart: 9999 })}`,
      );
      expect(body).toBe(
        `${PROLOG}<eSearchResult><Count>${truthRecords().length}</Count><RetMax>0</RetMax><RetStart>9999</RetStart>` +
          '<IdList/><TranslationSet/><QueryTranslation>x</QueryTranslation>' +
          '<WarningList><OutputMessage>Restrictions achieved. start and count adjusted to 9999, 0</OutputMessage></WarningList>' +
          '</eSearchResult>\n',
      );
    } finally {
      await fake.close();
    }
  });
});
