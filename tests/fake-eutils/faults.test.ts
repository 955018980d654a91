import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { articlePmids, EUTILS_FIXTURES_DIR, FIXTURES_DIR } from './fixture-truth.ts';
import { type FakeEutils, type FakeEutilsOptions, type FaultRule, startFakeEutils } from './index.ts';
import { get, post, query } from './test-http.ts';

const lines = (file: string, n: number) =>
  `${readFileSync(file, 'utf8').split('\n').slice(0, n).join('\n')}\n`;
const ESEARCH_PROLOG = lines(join(EUTILS_FIXTURES_DIR, 'biopython__esearch1.xml'), 2);
const PUBMED_PROLOG = lines(join(FIXTURES_DIR, 'biopython__pubmed1.xml'), 2);
const transcribed = new Map(
  readFileSync(join(EUTILS_FIXTURES_DIR, 'transcribed__eutils_error_bodies.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; body: string })
    .map((entry) => [entry.id, entry.body]),
);
const IDS = ['38011560', '12091962', '20301577', '9997', '11748933'];

let fake: FakeEutils;
afterEach(() => fake?.close());

async function start(rules: FaultRule[], options: FakeEutilsOptions = {}): Promise<FakeEutils> {
  fake = await startFakeEutils({ rateLimitPerSecond: null, ...options });
  fake.injectFaults(rules);
  return fake;
}

const esearchUrl = (params: Record<string, string> = {}) =>
  `${fake.url}esearch.fcgi?${query({ db: 'pubmed', term: 'ketamine', ...params })}`;
const efetchUrl = (ids: string[] = IDS) =>
  `${fake.url}efetch.fcgi?${query({ db: 'pubmed', id: ids.join(',') })}`;
const lastEntry = () => fake.requests.at(-1);

describe('injected faults (times: 1), each observable and then gone', () => {
  it('rate-limit: a 429 with NCBI’s JSON body, told apart from a real one in the log', async () => {
    await start([{ fault: 'rate-limit', times: 1 }]);
    const response = await get(esearchUrl());
    expect(response.status).toBe(429);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body)).toEqual({ error: 'API rate limit exceeded', count: '4', limit: '3' });
    expect(response.headers['x-ratelimit-remaining']).toBe('0');
    expect(response.headers['retry-after']).toBeUndefined();
    expect(lastEntry()).toMatchObject({ status: 429, fault: 'rate-limit' });
    expect((await get(esearchUrl())).status).toBe(200);
  });

  it('rate-limit: Retry-After from the rule, else from the option', async () => {
    await start(
      [
        { fault: 'rate-limit', times: 1, retryAfterSeconds: 5 },
        { fault: 'rate-limit', times: 1 },
      ],
      { retryAfterSeconds: 3 },
    );
    expect((await get(esearchUrl())).headers['retry-after']).toBe('5');
    expect((await get(esearchUrl())).headers['retry-after']).toBe('3');
  });

  it('rate-limit-retry-after: a 429 with Retry-After: 1', async () => {
    await start([{ fault: 'rate-limit-retry-after', times: 1 }]);
    const response = await get(efetchUrl());
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('1');
    expect(lastEntry()?.fault).toBe('rate-limit-retry-after');
  });

  it('http-500: the NCBI WWW Error 500 Diagnostic page', async () => {
    await start([{ fault: 'http-500', times: 1 }]);
    const response = await get(esearchUrl());
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(response.body.startsWith(transcribed.get('html-500-diagnostic') ?? '?')).toBe(true);
    expect(response.body).toContain('/entrez/eutils/esearch.fcgi</div>');
  });

  it('http-502 and http-503: proxy pages', async () => {
    await start([
      { fault: 'http-502', times: 1 },
      { fault: 'http-503', times: 1 },
    ]);
    const bad = await get(efetchUrl());
    expect(bad.status).toBe(502);
    expect(bad.body).toContain('Bad Gateway');
    const unavailable = await get(efetchUrl());
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toContain('Service unavailable');
    expect((await get(efetchUrl())).status).toBe(200);
  });

  it('connection-reset: the socket is reset before any response', async () => {
    await start([{ fault: 'connection-reset', times: 1 }]);
    const failure = await request(esearchUrl()).then(
      () => null,
      (error: { code?: string }) => error,
    );
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(failure?.code);
    expect(lastEntry()).toMatchObject({ status: 0, fault: 'connection-reset' });
    expect((await get(esearchUrl())).status).toBe(200);
  });

  it('timeout: the request is accepted and never answered', async () => {
    await start([{ fault: 'timeout', times: 1 }]);
    // No answer within 250 ms from a server that otherwise answers in a few.
    const failure = await request(efetchUrl(), { signal: AbortSignal.timeout(250) }).then(
      () => null,
      (error: Error) => error,
    );
    expect(failure?.name).toBe('TimeoutError');
    expect(lastEntry()).toMatchObject({ status: 0, fault: 'timeout' });
    expect((await get(efetchUrl())).status).toBe(200);
  });

  it('timeout: a hanging request does not hold close()', async () => {
    await start([{ fault: 'timeout' }]);
    const pending = request(esearchUrl()).then(
      () => 'answered',
      () => 'failed',
    );
    while (lastEntry()?.fault !== 'timeout') await new Promise((resolve) => setTimeout(resolve, 5));
    await fake.close();
    expect(await pending).toBe('failed');
  });

  it('truncated-body: a normally ended 200 whose body stops inside the records', async () => {
    await start([{ fault: 'truncated-body', times: 1 }]);
    const cut = await get(efetchUrl());
    const whole = await get(efetchUrl());
    expect(cut.status).toBe(200);
    expect(cut.headers['content-type']).toBe('text/xml; charset=UTF-8');
    expect(Number(cut.headers['content-length'])).toBe(Buffer.byteLength(cut.body));
    expect(whole.body.startsWith(cut.body)).toBe(true);
    expect(cut.body.length).toBeGreaterThan(`${PUBMED_PROLOG}<PubmedArticleSet>\n`.length);
    expect(cut.body.length).toBeLessThan(whole.body.length - '</PubmedArticleSet>'.length);
    expect(lastEntry()?.fault).toBe(null);
    expect(fake.requests.at(-2)).toMatchObject({ status: 200, fault: 'truncated-body' });
  });

  it('truncated-body and stream-cut under gzip: a short but valid stream, and a cut one', async () => {
    await start([]);
    const whole = await get(efetchUrl());
    fake.injectFaults([
      { fault: 'truncated-body', times: 1 },
      { fault: 'stream-cut', times: 1 },
    ]);
    const gzip = { 'accept-encoding': 'gzip' };
    const cut = await request(efetchUrl(), { headers: gzip });
    const text = gunzipSync(Buffer.from(await cut.body.arrayBuffer())).toString('utf8');
    expect(whole.body.startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan(whole.body.length);
    const streamed = await request(efetchUrl(), { headers: gzip });
    expect(streamed.headers['content-encoding']).toBe('gzip');
    await expect(streamed.body.arrayBuffer()).rejects.toThrow();
  });

  it('truncated-body on esearch: the eSearchResult never closes', async () => {
    await start([{ fault: 'truncated-body', endpoint: 'esearch', times: 1 }]);
    const cut = await get(esearchUrl({ retmax: '50' }));
    const whole = await get(esearchUrl({ retmax: '50' }));
    expect(whole.body.startsWith(cut.body)).toBe(true);
    expect(cut.body).toContain('<eSearchResult>');
    expect(cut.body).not.toContain('</eSearchResult>');
  });

  it('stream-cut: a chunked 200 whose socket closes mid-body', async () => {
    await start([{ fault: 'stream-cut', times: 1 }]);
    const response = await request(efetchUrl());
    expect(response.statusCode).toBe(200);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const failure = await response.body.text().then(
      () => null,
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(lastEntry()).toMatchObject({ status: 200, fault: 'stream-cut' });
    expect((await get(efetchUrl())).body.endsWith('</PubmedArticleSet>')).toBe(true);
  });

  it('html-error-200: the diagnostic page with HTTP 200', async () => {
    await start([{ fault: 'html-error-200', times: 1 }]);
    const response = await get(efetchUrl());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(response.body.startsWith(transcribed.get('html-500-diagnostic') ?? '?')).toBe(true);
  });

  it('plain-text-error: "Unable to route request!" verbatim, as text/plain', async () => {
    await start([{ fault: 'plain-text-error', times: 1 }]);
    const response = await get(esearchUrl());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=UTF-8');
    expect(response.body).toBe(transcribed.get('plain-text-unable-to-route'));
  });

  it('empty-body: HTTP 200 with nothing in it', async () => {
    await start([{ fault: 'empty-body', times: 1 }]);
    const response = await get(efetchUrl());
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe('0');
    expect(response.body).toBe('');
  });

  it('prolog-only: declaration and DOCTYPE, no root element', async () => {
    await start([{ fault: 'prolog-only', times: 2 }]);
    expect((await get(esearchUrl())).body).toBe(ESEARCH_PROLOG);
    expect((await get(efetchUrl())).body).toBe(PUBMED_PROLOG);
  });

  it('backend-error: <ERROR>Search Backend failed</ERROR> in the endpoint’s own shape, HTTP 200', async () => {
    await start([{ fault: 'backend-error', times: 3 }]);
    const message = 'Search Backend failed: Database is not supported: pubmed';
    const xml = await get(esearchUrl());
    expect(xml.status).toBe(200);
    // The transcribed refinebio#1390 body, with the 2025 outage's message.
    const shape = (transcribed.get('esearch-error-backend') ?? '').replace(
      'Search Backend failed: Unable to open connection to #PMQuerySrv?dbaf=taxonomy',
      message,
    );
    expect(xml.body).toBe(`${shape}\n`);
    const json = await get(esearchUrl({ retmode: 'json' }));
    expect(JSON.parse(json.body)).toEqual({
      header: { type: 'esearch', version: '0.3' },
      esearchresult: { ERROR: message },
    });
    const efetch = await get(efetchUrl());
    expect(efetch.status).toBe(200);
    expect(efetch.body).toContain(`<eFetchResult>\n\t<ERROR>${message}</ERROR>\n</eFetchResult>\n`);
  });

  it('webenv-expired: waits for a request carrying a WebEnv, then answers the history error', async () => {
    await start([{ fault: 'webenv-expired', times: 1 }]);
    const search = await post(`${fake.url}esearch.fcgi`, {
      db: 'pubmed',
      term: 'x',
      usehistory: 'y',
      retmax: '0',
    });
    expect(search.status).toBe(200);
    expect(fake.requests[0]?.fault).toBe(null);
    expect((await get(efetchUrl())).status).toBe(200);
    const webEnv = /<WebEnv>([^<]+)</.exec(search.body)?.[1] ?? '';
    const page = { db: 'pubmed', WebEnv: webEnv, query_key: '1', retstart: '20', retmax: '10' };
    const expired = await post(`${fake.url}efetch.fcgi`, page);
    expect(expired.status).toBe(400);
    expect(expired.body).toContain(
      `<ERROR>Cannot retrieve history data. query_key: 1, WebEnv: ${webEnv}, retstart: 20, retmax: 10</ERROR>`,
    );
    expect(lastEntry()?.fault).toBe('webenv-expired');
    expect(articlePmids((await post(`${fake.url}efetch.fcgi`, page)).body)).toHaveLength(10);
  });

  it('webenv-expired on esearch: "Unable to obtain query"', async () => {
    await start([{ fault: 'webenv-expired', endpoint: 'esearch', times: 1 }]);
    const response = await get(
      esearchUrl({ WebEnv: 'MCID_0123456789abcdef01234567', query_key: '2', usehistory: 'y' }),
    );
    expect(response.body).toBe(
      `${ESEARCH_PROLOG}<eSearchResult>\n\t<ERROR>Unable to obtain query #2</ERROR>\n</eSearchResult>\n`,
    );
  });

  it('fewer-records: a complete set missing about 10% of the ids asked, at least one', async () => {
    await start([{ fault: 'fewer-records', times: 2 }]);
    const ids = fake.pmids().slice(100, 120);
    const response = await get(efetchUrl(ids));
    expect(response.status).toBe(200);
    expect(response.body.endsWith('</PubmedArticleSet>')).toBe(true);
    const served = articlePmids(response.body);
    expect(served).toHaveLength(18);
    expect(served).toEqual(ids.filter((id) => served.includes(id)));
    expect(lastEntry()).toMatchObject({ fault: 'fewer-records', idCount: 20 });
    expect(articlePmids((await get(efetchUrl([ids[0] ?? '']))).body)).toEqual([]);
    expect(articlePmids((await get(efetchUrl(ids))).body)).toEqual(ids);
  });
});
