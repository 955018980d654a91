import { afterEach, describe, expect, it } from 'vitest';
import { type FakeEutils, type FakeEutilsOptions, type FaultRule, startFakeEutils } from './index.ts';
import { get, query } from './test-http.ts';

let fake: FakeEutils;
afterEach(() => fake?.close());

async function start(rules: FaultRule[], options: FakeEutilsOptions = {}): Promise<FakeEutils> {
  fake = await startFakeEutils({ rateLimitPerSecond: null, ...options });
  fake.injectFaults(rules);
  return fake;
}

const esearchUrl = (params: Record<string, string> = {}) =>
  `${fake.url}esearch.fcgi?${query({ db: 'pubmed', term: 'ketamine', ...params })}`;
const efetchUrl = () => `${fake.url}efetch.fcgi?${query({ db: 'pubmed', id: '9997,12091962' })}`;

describe('latency', () => {
  it('delays every response by latencyMs', async () => {
    await start([], { latencyMs: 120 });
    const startedAt = performance.now();
    expect((await get(esearchUrl())).status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(115);
  });
});

describe('fault rules', () => {
  it('apply to their endpoint only, in order, for the number of times given', async () => {
    await start([
      { fault: 'http-500', endpoint: 'efetch', times: 1 },
      { fault: 'http-503', times: 2 },
    ]);
    expect((await get(esearchUrl())).status).toBe(503);
    expect((await get(efetchUrl())).status).toBe(500);
    expect((await get(efetchUrl())).status).toBe(503);
    expect((await get(efetchUrl())).status).toBe(200);
    expect(fake.requests.map((e) => e.fault)).toEqual(['http-503', 'http-500', 'http-503', null]);
  });

  it('with a probability, replay identically for the same seed', async () => {
    const pattern = async (seed: number) => {
      await start([{ fault: 'http-503', probability: 0.5 }], { seed });
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) statuses.push((await get(esearchUrl({ rettype: 'count' }))).status);
      await fake.close();
      return statuses;
    };
    const first = await pattern(42);
    expect(await pattern(42)).toEqual(first);
    expect(first).toContain(200);
    expect(first).toContain(503);
  });

  it('are cleared by clearFaults and rejected when malformed', async () => {
    await start([{ fault: 'http-500' }]);
    fake.clearFaults();
    expect((await get(esearchUrl())).status).toBe(200);
    expect(() => fake.injectFaults([{ fault: 'nope' as 'http-500', times: 0 }])).toThrow(
      'invalid fault rules: [0].fault: unknown fault "nope"; [0].times: must be a positive integer',
    );
  });
});
