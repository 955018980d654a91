import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { articlePmids, defaultOrder, FIXTURES_DIR, truthRecords } from './fixture-truth.ts';
import { type FakeEutils, type FakeEutilsOptions, startFakeEutils } from './index.ts';
import { get, post, query } from './test-http.ts';

// Framing of a real current efetch body (biopython__pubmed1.xml): declaration, DOCTYPE, open tag, each on
// its own line, then the records back to back and the closing tag with no newline.
const SET_OPEN = `${readFileSync(join(FIXTURES_DIR, 'biopython__pubmed1.xml'), 'utf8').split('\n').slice(0, 3).join('\n')}\n`;
const SET_CLOSE = '</PubmedArticleSet>';
const ERROR_PROLOG =
  '<?xml version="1.0" encoding="UTF-8" ?>\n' +
  '<!DOCTYPE eEfetchResult PUBLIC "-//NLM//DTD efetch 20131226//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20131226/efetch.dtd">\n';
const HOUR_MS = 3_600_000;

let fake: FakeEutils;
afterEach(() => fake?.close());

async function start(options: FakeEutilsOptions = {}): Promise<FakeEutils> {
  fake = await startFakeEutils({ rateLimitPerSecond: null, ...options });
  return fake;
}

const xmlOf = (pmid: string) => truthRecords().find((r) => r.pmid === pmid)?.xml ?? '';
const articleSet = (pmids: string[]) => SET_OPEN + pmids.map(xmlOf).join('') + SET_CLOSE;

async function searchWithHistory(
  params: Record<string, string> = {},
): Promise<{ webEnv: string; ids: string[] }> {
  const { body } = await post(`${fake.url}esearch.fcgi`, {
    db: 'pubmed',
    term: 'x',
    usehistory: 'y',
    retmax: '10000',
    ...params,
  });
  return {
    webEnv: /<WebEnv>([^<]+)<\/WebEnv>/.exec(body)?.[1] ?? '',
    ids: [...body.matchAll(/<Id>(\d+)<\/Id>/g)].map((m) => m[1] ?? ''),
  };
}

describe('efetch by id', () => {
  it('returns the records in the order asked, unknown ids simply absent (GET)', async () => {
    await start();
    const response = await get(
      `${fake.url}efetch.fcgi?${query({ db: 'pubmed', id: '38011560,12091962,99999999,20301577,9997', retmode: 'xml' })}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml; charset=UTF-8');
    expect(response.body).toBe(articleSet(['38011560', '12091962', '20301577', '9997']));
  });

  it('takes a long id list by POST, keeping its order and dropping repeats', async () => {
    await start();
    const pmids = [...truthRecords().map((r) => r.pmid)].reverse().slice(0, 250);
    const asked = [...pmids.slice(0, 100), '88888888', ...pmids.slice(100), pmids[3] ?? ''];
    const response = await post(`${fake.url}efetch.fcgi`, {
      db: 'pubmed',
      id: asked.join(','),
      retmode: 'xml',
    });
    expect(response.body).toBe(articleSet(pmids));
  });

  it('answers a single unknown id with the empty set NCBI sends', async () => {
    await start();
    const { body } = await get(`${fake.url}efetch.fcgi?${query({ db: 'pubmed', id: '99999999' })}`);
    // A real single-PMID efetch that found nothing.
    expect(body).toBe(readFileSync(join(FIXTURES_DIR, 'single/metapub__37909814.xml'), 'utf8'));
  });

  it('reports request mistakes in eFetchResult <ERROR>: no ids (200), no valid id (400), wrong db (400)', async () => {
    await start();
    const empty = await get(`${fake.url}efetch.fcgi?db=pubmed&id=`);
    expect(empty.status).toBe(200);
    expect(empty.body).toBe(
      `${ERROR_PROLOG}<eFetchResult>\n\t<ERROR>Empty id list - nothing todo</ERROR>\n</eFetchResult>\n`,
    );
    const invalid = await get(`${fake.url}efetch.fcgi?db=pubmed&id=00000000,abc`);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toBe(
      `${ERROR_PROLOG}<eFetchResult>\n\t<ERROR>ID list is empty! Possibly it has no correct IDs.</ERROR>\n</eFetchResult>\n`,
    );
    const db = await get(`${fake.url}efetch.fcgi?db=pmcx&id=9997`);
    expect(db.status).toBe(400);
    expect(db.body).toBe(
      `${ERROR_PROLOG}<eFetchResult>\n\t<ERROR>Invalid db name specified: pmcx</ERROR>\n</eFetchResult>\n`,
    );
  });

  it('compresses with gzip when the client accepts it, as NCBI does', async () => {
    await start();
    const url = `${fake.url}efetch.fcgi?db=pubmed&id=38011560,9997`;
    const response = await request(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const body = gunzipSync(Buffer.from(await response.body.arrayBuffer())).toString('utf8');
    expect(body).toBe(articleSet(['38011560', '9997']));
    expect((await get(url)).headers['content-encoding']).toBeUndefined();
  });

  it('logs the number of ids asked', async () => {
    await start();
    await get(`${fake.url}efetch.fcgi?db=pubmed&id=9997,1,2,77777777`);
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'GET',
      endpoint: 'efetch',
      status: 200,
      fault: null,
      idCount: 4,
    });
  });
});

describe('efetch by WebEnv', () => {
  it('serves the search result window by window, in the order esearch listed it', async () => {
    await start();
    const { webEnv, ids } = await searchWithHistory({ term: 'ketamine AND 2015:2026[edat]' });
    const expected = defaultOrder(truthRecords().filter((r) => r.edat >= 20150101 && r.edat <= 20261231));
    expect(ids).toEqual(expected);
    const fetched: string[] = [];
    for (let retstart = 0; retstart < ids.length; retstart += 50) {
      const page = await post(`${fake.url}efetch.fcgi`, {
        db: 'pubmed',
        WebEnv: webEnv,
        query_key: '1',
        retstart: String(retstart),
        retmax: '50',
        retmode: 'xml',
      });
      expect(page.body).toBe(articleSet(ids.slice(retstart, retstart + 50)));
      fetched.push(...articlePmids(page.body));
    }
    expect(fetched).toEqual(expected);
  });

  it('defaults to 20 records and refuses a retstart past the stored result (HTTP 400, pubmedR#7 shape)', async () => {
    await start();
    const { webEnv, ids } = await searchWithHistory();
    const first = await get(
      `${fake.url}efetch.fcgi?${query({ db: 'pubmed', WebEnv: webEnv, query_key: 1 })}`,
    );
    expect(articlePmids(first.body)).toEqual(ids.slice(0, 20));
    const past = await get(
      `${fake.url}efetch.fcgi?${query({ db: 'pubmed', WebEnv: webEnv, query_key: 1, retstart: ids.length, retmax: 5 })}`,
    );
    expect(past.status).toBe(400);
    expect(past.body).toBe(
      `${ERROR_PROLOG}<eFetchResult>\n\t<ERROR>Cannot retrieve history data: OUT OF RANGE. Parameter retstart=${ids.length} + 5 is greater than number of records available in history. History includes ${ids.length} IDs.</ERROR>\n</eFetchResult>\n`,
    );
  });

  it('adds later searches to the same WebEnv under the next QueryKey', async () => {
    await start();
    const first = await searchWithHistory();
    const second = await post(`${fake.url}esearch.fcgi`, {
      db: 'pubmed',
      term: '1:1000000[uid]',
      usehistory: 'y',
      WebEnv: first.webEnv,
    });
    expect(second.body).toContain(`<QueryKey>2</QueryKey><WebEnv>${first.webEnv}</WebEnv>`);
    const small = defaultOrder(truthRecords().filter((r) => Number(r.pmid) <= 1_000_000));
    const page = await get(
      `${fake.url}efetch.fcgi?${query({ db: 'pubmed', WebEnv: first.webEnv, query_key: 2, retmax: 500 })}`,
    );
    expect(articlePmids(page.body)).toEqual(small);
  });

  it('forgets a WebEnv after the TTL on the injected clock and answers NCBI’s history error (HTTP 400)', async () => {
    let nowMs = Date.UTC(2026, 5, 1);
    await start({ now: () => nowMs });
    const { webEnv } = await searchWithHistory();
    const fetch = () =>
      get(
        `${fake.url}efetch.fcgi?${query({ db: 'pubmed', WebEnv: webEnv, query_key: 1, retstart: 40, retmax: 10 })}`,
      );
    nowMs += 8 * HOUR_MS - 1;
    expect((await fetch()).status).toBe(200);
    nowMs += 1;
    const expired = await fetch();
    expect(expired.status).toBe(400);
    expect(expired.headers['content-type']).toBe('text/xml; charset=UTF-8');
    expect(expired.body).toBe(
      `${ERROR_PROLOG}<eFetchResult>\n` +
        `\t<ERROR>Cannot retrieve history data. query_key: 1, WebEnv: ${webEnv}, retstart: 40, retmax: 10</ERROR>\n` +
        "\t<ERROR>Can't fetch uids from history because of: NCBI C++ Exception:\n" +
        '    Error: UNK_MODULE(CException::eInvalid) "UNK_FILE", line 18446744073709551615: UNK_FUNC ---\n</ERROR>\n' +
        '</eFetchResult>\n',
    );
  });

  it('honours webenvTtlMs and treats an unknown WebEnv or query_key like an expired one', async () => {
    let nowMs = 0;
    await start({ now: () => nowMs, webenvTtlMs: 60_000 });
    const { webEnv } = await searchWithHistory();
    const unknownKey = await get(
      `${fake.url}efetch.fcgi?${query({ db: 'pubmed', WebEnv: webEnv, query_key: 7 })}`,
    );
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body).toContain(
      `<ERROR>Cannot retrieve history data. query_key: 7, WebEnv: ${webEnv}, retstart: 0, retmax: 20</ERROR>`,
    );
    nowMs = 60_000;
    expect(
      (await get(`${fake.url}efetch.fcgi?${query({ db: 'pubmed', WebEnv: webEnv, query_key: 1 })}`)).status,
    ).toBe(400);
  });
});

describe('records changing in PubMed', () => {
  it('serves a replaced record (a retraction with a newer DateRevised) to efetch and to an mdat search', async () => {
    await start();
    const pmid = '9997';
    const original = xmlOf(pmid);
    const retracted = original
      .replace(
        /<DateRevised>[\s\S]*?<\/DateRevised>/,
        '<DateRevised><Year>2026</Year><Month>03</Month><Day>02</Day></DateRevised>',
      )
      .replace(
        '</MedlineCitation>',
        '<CommentsCorrectionsList><CommentsCorrections RefType="RetractionIn"><RefSource>Fake Journal 2026</RefSource><PMID Version="1">41999999</PMID></CommentsCorrections></CommentsCorrectionsList></MedlineCitation>',
      );
    expect(retracted).not.toBe(original);
    fake.setRecord(pmid, retracted);
    expect(fake.recordXml(pmid)).toBe(retracted);
    expect((await get(`${fake.url}efetch.fcgi?db=pubmed&id=${pmid}`)).body).toBe(
      SET_OPEN + retracted + SET_CLOSE,
    );
    const changed = await get(
      `${fake.url}esearch.fcgi?${query({ db: 'pubmed', term: 'x', datetype: 'mdat', mindate: '2026/03/02', maxdate: '2026/03/02' })}`,
    );
    expect(changed.body).toContain(`<Count>1</Count>`);
    expect(changed.body).toContain(`<Id>${pmid}</Id>`);
  });

  it('adds a record given under a new PMID', async () => {
    await start();
    const added = xmlOf('9997').replaceAll('9997', '41999998');
    fake.setRecord('41999998', added);
    expect(fake.pmids()).toContain('41999998');
    expect((await get(`${fake.url}efetch.fcgi?db=pubmed&id=41999998`)).body).toBe(
      SET_OPEN + added + SET_CLOSE,
    );
  });

  it('drops a removed record from esearch and efetch', async () => {
    await start();
    fake.removeRecord('12091962');
    expect(fake.recordXml('12091962')).toBeUndefined();
    expect(fake.pmids()).not.toContain('12091962');
    const search = await get(`${fake.url}esearch.fcgi?${query({ db: 'pubmed', term: 'x', retmax: 10_000 })}`);
    expect(search.body).toContain(`<Count>${truthRecords().length - 1}</Count>`);
    expect(search.body).not.toContain('<Id>12091962</Id>');
    expect((await get(`${fake.url}efetch.fcgi?db=pubmed&id=9997,12091962`)).body).toBe(articleSet(['9997']));
  });
});
