import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultOrder, EUTILS_FIXTURES_DIR, type TruthRecord, truthRecords } from './fixture-truth.ts';
import { type FakeEutils, type FakeEutilsOptions, startFakeEutils } from './index.ts';
import { get, post, query } from './test-http.ts';

const esearchFixture = (name: string) => readFileSync(join(EUTILS_FIXTURES_DIR, name), 'utf8');
// The first two lines of a real esearch body: XML declaration and DOCTYPE.
const PROLOG = `${esearchFixture('biopython__esearch1.xml').split('\n').slice(0, 2).join('\n')}\n`;
const idsOf = (body: string) => [...body.matchAll(/<Id>(\d+)<\/Id>/g)].map((m) => m[1] ?? '');

let fake: FakeEutils;
afterEach(() => fake?.close());

async function start(options: FakeEutilsOptions = {}): Promise<FakeEutils> {
  fake = await startFakeEutils({ rateLimitPerSecond: null, ...options });
  return fake;
}

async function esearch(params: Record<string, string | number>) {
  return get(`${fake.url}esearch.fcgi?${query({ db: 'pubmed', ...params })}`);
}

describe('esearch XML', () => {
  it('answers with the whole body NCBI writes: Count, RetMax, RetStart, IdList, TranslationSet, QueryTranslation', async () => {
    await start();
    const truth = truthRecords();
    const response = await esearch({ term: 'ketamine depression', retstart: 2, retmax: 5 });
    const ids = defaultOrder(truth).slice(2, 7);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml; charset=UTF-8');
    expect(response.body).toBe(
      `${PROLOG}<eSearchResult><Count>${truth.length}</Count><RetMax>5</RetMax><RetStart>2</RetStart><IdList>\n` +
        ids.map((id) => `<Id>${id}</Id>\n`).join('') +
        '</IdList><TranslationSet/><QueryTranslation>ketamine depression</QueryTranslation></eSearchResult>\n',
    );
  });

  it('defaults to 20 ids, most recent entry first, and pages without gaps or repeats', async () => {
    await start();
    const expected = defaultOrder(truthRecords());
    expect(idsOf((await esearch({ term: 'x' })).body)).toEqual(expected.slice(0, 20));
    const pages: string[] = [];
    for (let retstart = 0; retstart < expected.length; retstart += 100) {
      pages.push(...idsOf((await esearch({ term: 'x', retstart, retmax: 100 })).body));
    }
    expect(pages).toEqual(expected);
  });

  it('puts QueryKey and WebEnv before the IdList with usehistory=y', async () => {
    await start();
    const { body } = await esearch({ term: 'x', retmax: 0, usehistory: 'y' });
    expect(body).toMatch(
      /<Count>\d+<\/Count><RetMax>0<\/RetMax><RetStart>0<\/RetStart><QueryKey>1<\/QueryKey><WebEnv>MCID_[0-9a-f]{24}<\/WebEnv><IdList\/>/,
    );
  });

  it('answers rettype=count with the count alone', async () => {
    await start();
    const { body } = await esearch({ term: 'x', rettype: 'count' });
    expect(body).toBe(
      `${PROLOG}<eSearchResult>\n\t<Count>${truthRecords().length}</Count>\n</eSearchResult>\n`,
    );
  });

  it('gives the PhraseNotFound shape of biopython__esearch8.xml for a term that matches nothing', async () => {
    await start();
    const { status, body } = await esearch({ term: 'nomatchxyz' });
    expect(status).toBe(200);
    expect(body).toBe(esearchFixture('biopython__esearch8.xml').replaceAll('abcXYZ', 'nomatchxyz'));
  });

  it('reports an invalid db and an empty term in <ERROR>, with HTTP 200', async () => {
    await start();
    const db = await esearch({ db: 'pubmedx', term: 'x' });
    expect(db.status).toBe(200);
    expect(db.body).toBe(
      `${PROLOG}<eSearchResult>\n\t<ERROR>Invalid db name specified: pubmedx</ERROR>\n</eSearchResult>\n`,
    );
    const term = await esearch({ term: '  ' });
    expect(term.body).toBe(
      `${PROLOG}<eSearchResult>\n\t<ERROR>Empty term and query_key - nothing todo</ERROR>\n</eSearchResult>\n`,
    );
  });

  it('accepts a POST with the real 4,820-character search term', async () => {
    await start();
    const term = esearchFixture('PsyNamic-Webapp__pubmed_search_string.txt');
    expect(term.length).toBe(4820);
    const response = await post(`${fake.url}esearch.fcgi`, {
      db: 'pubmed',
      term,
      retmax: '3',
      tool: 't',
      email: 'e@x.org',
    });
    expect(response.body).toContain(`<Count>${truthRecords().length}</Count>`);
    expect(idsOf(response.body)).toEqual(defaultOrder(truthRecords()).slice(0, 3));
  });
});

describe('esearch JSON', () => {
  it('mirrors NCBI’s esearchresult object, every number a string', async () => {
    await start();
    const truth = truthRecords();
    const response = await esearch({ term: 'ketamine', retmode: 'json', retstart: 1, retmax: 3 });
    expect(response.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(response.body)).toEqual({
      header: { type: 'esearch', version: '0.3' },
      esearchresult: {
        count: String(truth.length),
        retmax: '3',
        retstart: '1',
        idlist: defaultOrder(truth).slice(1, 4),
        translationset: [],
        querytranslation: 'ketamine',
      },
    });
  });

  it('adds querykey and webenv with usehistory=y', async () => {
    await start();
    const result = JSON.parse(
      (await esearch({ term: 'x', retmode: 'json', retmax: 0, usehistory: 'y' })).body,
    ).esearchresult;
    expect(Object.keys(result)).toEqual([
      'count',
      'retmax',
      'retstart',
      'querykey',
      'webenv',
      'idlist',
      'translationset',
      'querytranslation',
    ]);
    expect(result.querykey).toBe('1');
    expect(result.webenv).toMatch(/^MCID_[0-9a-f]{24}$/);
  });

  it('gives errorlist and warninglist for a term that matches nothing, as NCBI does', async () => {
    await start();
    expect(JSON.parse((await esearch({ term: 'nomatchxyz', retmode: 'json' })).body)).toEqual({
      header: { type: 'esearch', version: '0.3' },
      esearchresult: {
        count: '0',
        retmax: '0',
        retstart: '0',
        idlist: [],
        translationset: [],
        querytranslation: '(nomatchxyz[All Fields])',
        errorlist: { phrasesnotfound: ['nomatchxyz'], fieldsnotfound: [] },
        warninglist: { phrasesignored: [], quotedphrasesnotfound: [], outputmessages: ['No items found.'] },
      },
    });
  });

  it('puts request errors in an ERROR field and counts in a bare count', async () => {
    await start();
    expect(JSON.parse((await esearch({ db: 'nope', term: 'x', retmode: 'json' })).body)).toEqual({
      header: { type: 'esearch', version: '0.3' },
      esearchresult: { ERROR: 'Invalid db name specified: nope' },
    });
    expect(
      JSON.parse((await esearch({ term: 'x', retmode: 'json', rettype: 'count' })).body).esearchresult,
    ).toEqual({
      count: String(truthRecords().length),
    });
  });
});

type Field = 'edat' | 'mdat' | 'pdat';
const within = (field: Field, min: number, max: number) => (r: TruthRecord) =>
  r[field] >= min && r[field] <= max;

describe('date windows', () => {
  const cases: Array<{ name: string; params: Record<string, string>; keep: (r: TruthRecord) => boolean }> = [
    {
      name: 'datetype=edat with mindate/maxdate (YYYY/MM/DD)',
      params: { term: 'ketamine', datetype: 'edat', mindate: '2020/01/01', maxdate: '2020/12/31' },
      keep: within('edat', 20200101, 20201231),
    },
    {
      name: 'datetype=mdat with YYYY bounds, inclusive',
      params: { term: 'ketamine', datetype: 'mdat', mindate: '2024', maxdate: '2025' },
      keep: within('mdat', 20240101, 20251231),
    },
    {
      name: 'datetype=pdat with YYYY/MM bounds (MedlineDate and Season records included)',
      params: { term: 'x', datetype: 'pdat', mindate: '2019/09', maxdate: '2019/10' },
      keep: within('pdat', 20190901, 20191031),
    },
    {
      name: 'datetype=pdat over 2020 Q1 (Season "Winter" and "Jan-Mar" records)',
      params: { term: 'x', datetype: 'pdat', mindate: '2020/01/01', maxdate: '2020/03/31' },
      keep: within('pdat', 20200101, 20200331),
    },
    {
      name: 'no datetype: publication date',
      params: { term: 'x', mindate: '2015', maxdate: '2018' },
      keep: within('pdat', 20150101, 20181231),
    },
    {
      name: 'term "2020/01/01"[edat] : "2020/12/31"[edat]',
      params: { term: 'ketamine AND ("2020/01/01"[edat] : "2020/12/31"[edat])' },
      keep: within('edat', 20200101, 20201231),
    },
    {
      name: 'term 2021/01/01:2021/06/30[edat]',
      params: { term: 'depression AND 2021/01/01:2021/06/30[edat]' },
      keep: within('edat', 20210101, 20210630),
    },
    {
      name: 'term "2019"[dp] : "2020"[dp]',
      params: { term: '("2019"[dp] : "2020"[dp]) AND esketamine' },
      keep: within('pdat', 20190101, 20201231),
    },
    {
      name: 'term 2023[pdat], a single year',
      params: { term: 'x AND 2023[pdat]' },
      keep: within('pdat', 20230101, 20231231),
    },
    {
      name: 'term "2024/06/01"[mdat] : "3000"[mdat]',
      params: { term: 'x AND "2024/06/01"[mdat] : "3000"[mdat]' },
      keep: within('mdat', 20240601, 30001231),
    },
    {
      name: 'a term window ANDed with a datetype window',
      params: { term: 'x AND 2015:2025[edat]', datetype: 'pdat', mindate: '2019', maxdate: '2020' },
      keep: (r) => within('edat', 20150101, 20251231)(r) && within('pdat', 20190101, 20201231)(r),
    },
  ];

  for (const { name, params, keep } of cases) {
    it(`gives exactly the records in the window: ${name}`, async () => {
      await start();
      const expected = defaultOrder(truthRecords().filter(keep));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(truthRecords().length);
      const { body } = await esearch({ ...params, retmax: 10_000 });
      expect(body).toContain(`<Count>${expected.length}</Count>`);
      expect(idsOf(body)).toEqual(expected);
    });
  }

  it('ignores mindate without maxdate, as NCBI does', async () => {
    await start();
    const { body } = await esearch({ term: 'x', datetype: 'edat', mindate: '2020', rettype: 'count' });
    expect(body).toContain(`<Count>${truthRecords().length}</Count>`);
  });

  it('counts reldate back from the injected clock and shows the window in QueryTranslation', async () => {
    await start({ now: () => Date.UTC(2026, 0, 31, 12) });
    const expected = defaultOrder(truthRecords().filter(within('edat', 20260101, 20260131)));
    expect(expected.length).toBeGreaterThan(0);
    const { body } = await esearch({ term: 'ketamine', datetype: 'edat', reldate: 30, retmax: 10_000 });
    expect(idsOf(body)).toEqual(expected);
    expect(body).toContain(
      '<QueryTranslation>(ketamine) AND 2026/01/01:2026/01/31[Date - Entry]</QueryTranslation>',
    );
  });
});

describe('PMID ranges', () => {
  const between = (low: number, high: number) => (r: TruthRecord) =>
    Number(r.pmid) >= low && Number(r.pmid) <= high;
  const cases: Array<{ term: string; keep: (r: TruthRecord) => boolean }> = [
    { term: '1:30000000[uid]', keep: between(1, 30_000_000) },
    { term: 'ketamine AND 30000000:40000000[UID]', keep: between(30_000_000, 40_000_000) },
    { term: '"35000000"[uid] : "39999999"[uid]', keep: between(35_000_000, 39_999_999) },
    {
      term: '(1:40000000[uid]) AND (32000000:50000000[uid]) AND 2019/01/01:2021/12/31[edat]',
      keep: (r) => between(32_000_000, 40_000_000)(r) && within('edat', 20190101, 20211231)(r),
    },
  ];
  for (const { term, keep } of cases) {
    it(`gives exactly the PMIDs of ${term}`, async () => {
      await start();
      const expected = defaultOrder(truthRecords().filter(keep));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(truthRecords().length);
      const { body } = await esearch({ term, retmax: 10_000 });
      expect(idsOf(body)).toEqual(expected);
    });
  }
});
