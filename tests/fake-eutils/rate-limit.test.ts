import { afterEach, describe, expect, it } from 'vitest';
import { type FakeEutils, type FakeEutilsOptions, startFakeEutils } from './index.ts';
import { get, post, query } from './test-http.ts';

let fake: FakeEutils;
afterEach(() => fake?.close());

// A frozen clock: every request falls in the same one-second window, however slow the machine.
let nowMs = 1_700_000_000_000;
async function start(options: FakeEutilsOptions = {}): Promise<FakeEutils> {
  fake = await startFakeEutils({ now: () => nowMs, ...options });
  return fake;
}

const search = () => get(`${fake.url}esearch.fcgi?${query({ db: 'pubmed', term: 'ketamine', retmax: 1 })}`);
const times = <T>(n: number, make: () => Promise<T>) => Promise.all(Array.from({ length: n }, make));

describe('rate limit', () => {
  it('answers exactly one of 4 simultaneous requests with 429 at 3 per second', async () => {
    await start();
    const responses = await times(4, search);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 429]);
    const rejected = responses.find((r) => r.status === 429);
    expect(rejected?.body).toBe('{"error":"API rate limit exceeded","count":"4","limit":"3"}');
    expect(rejected?.headers['content-type']).toBe('application/json');
    expect(rejected?.headers['x-ratelimit-limit']).toBe('3');
    expect(rejected?.headers['x-ratelimit-remaining']).toBe('0');
    expect(rejected?.headers['retry-after']).toBeUndefined();
    const remaining = responses
      .filter((r) => r.status === 200)
      .map((r) => r.headers['x-ratelimit-remaining']);
    expect(remaining.sort()).toEqual(['0', '1', '2']);
    // A real rejection is logged without a fault.
    expect(fake.requests.filter((e) => e.status === 429)).toEqual([
      expect.objectContaining({ endpoint: 'esearch', status: 429, fault: null }),
    ]);
  });

  it('counts by request start in a sliding second, rejected requests included', async () => {
    await start();
    await times(5, search);
    nowMs += 999;
    expect((await search()).status).toBe(429);
    nowMs += 1;
    // The 999 ms request still counts; the first five have left the window.
    expect((await search()).status).toBe(200);
    expect(JSON.parse((await times(2, search)).find((r) => r.status === 429)?.body ?? '{}')).toEqual({
      error: 'API rate limit exceeded',
      count: '4',
      limit: '3',
    });
  });

  it('allows 10 per second with a non-empty api_key, and never logs the key', async () => {
    await start();
    const keyed = () =>
      post(`${fake.url}esearch.fcgi`, { db: 'pubmed', term: 'x', api_key: 'secret-key-123' });
    const responses = await times(11, keyed);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(1);
    expect(responses.find((r) => r.status === 429)?.body).toBe(
      '{"error":"API rate limit exceeded","count":"11","limit":"10"}',
    );
    expect(responses.every((r) => r.headers['x-ratelimit-limit'] === '10')).toBe(true);
    // An empty api_key is no key.
    await times(3, () => get(`${fake.url}esearch.fcgi?db=pubmed&term=x&api_key=`));
    expect((await get(`${fake.url}esearch.fcgi?db=pubmed&term=x&api_key=another-key`)).status).toBe(200);
    expect(JSON.stringify(fake.requests)).not.toContain('secret-key-123');
    expect(JSON.stringify(fake.requests)).not.toContain('another-key');
    expect(fake.requests[0]?.params).toEqual({ db: 'pubmed', term: 'x', api_key: '***' });
  });

  it('sends Retry-After when configured', async () => {
    await start({ retryAfterSeconds: 2 });
    const responses = await times(4, search);
    expect(responses.find((r) => r.status === 429)?.headers['retry-after']).toBe('2');
  });

  it('uses a configured limit, and none at all with null', async () => {
    await start({ rateLimitPerSecond: 1 });
    expect((await times(2, search)).map((r) => r.status).sort()).toEqual([200, 429]);
    await fake.close();
    await start({ rateLimitPerSecond: null });
    expect((await times(25, search)).every((r) => r.status === 200)).toBe(true);
  });

  it('does not rate limit or count admin requests', async () => {
    await start();
    const admin = await times(6, () => get(`${fake.url.replace('/entrez/eutils/', '')}/__admin/requests`));
    expect(admin.every((r) => r.status === 200)).toBe(true);
    expect((await times(3, search)).every((r) => r.status === 200)).toBe(true);
  });
});
