/**
 * kill -9 at random moments of a refresh: after every kill the cache on disk is consistent (every record
 * it points at is whole and is that PMID's), and the next run completes to exactly the fault-free result.
 */
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openRawCache } from '../../src/cache/raw-cache.ts';
import { verifyRawCache } from '../../src/cache/verify-raw-cache.ts';
import { type FakeEutils, startFakeEutils } from '../fake-eutils/index.ts';
import { collect, runCli, spawnCli, workdir } from './run-cli.ts';

let server: FakeEutils | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A small seeded generator, so a failing kill schedule can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

it('survives kill -9 at 12 random moments and then completes identically', async () => {
  server = await startFakeEutils({ multiplier: 20, rateLimitPerSecond: 100, latencyMs: 40 });
  const fake = server;
  const cwd = await workdir({
    email: 'team@example.org',
    batchSize: 40,
    requestsPerSecond: 20,
    retryBaseMs: 20,
    lockStaleMs: 2000,
  });
  const env = { EUTILS_BASE_URL: fake.url };
  const random = seeded(20261126);
  const root = join(cwd, 'cache');
  let killedWithRecords = 0;
  let kills = 0;

  for (let round = 0; round < 12; round++) {
    const child = spawnCli(['refresh', '--quiet'], { cwd, env });
    const done = collect(child);
    // From start-up (before any request) to well into the fetch.
    const delayMs = 300 + Math.floor(random() * 1400);
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    const result = await done;
    clearTimeout(timer);

    const verdict = await verifyRawCache(root);
    expect({ round, delayMs, problems: verdict.problems }).toEqual({ round, delayMs, problems: [] });
    const served = new Set(fake.pmids());
    expect(verdict.pmids.filter((pmid) => !served.has(pmid))).toEqual([]);
    if (result.signal === 'SIGKILL') kills++;
    if (result.signal === 'SIGKILL' && verdict.pmids.length > 0) killedWithRecords++;
    if (result.code === 0) break; // finished before the kill came
    // The killed run's lock must go stale before the next run may take it over.
    await new Promise((resolve) => setTimeout(resolve, 2100));
  }
  expect(kills).toBeGreaterThanOrEqual(10);
  expect(killedWithRecords).toBeGreaterThan(3);

  const final = await runCli(['refresh'], { cwd, env });
  expect(final.code, final.stderr).toBe(0);
  const cache = await openRawCache(root);
  expect(Object.keys(cache.manifest.records).sort((a, b) => Number(a) - Number(b))).toEqual(fake.pmids());
  for (const pmid of fake.pmids()) {
    expect((await cache.readRecord(pmid)).toString('utf8') === fake.recordXml(pmid)).toBe(true);
  }
  expect((await verifyRawCache(root)).problems).toEqual([]);
}, 180_000);
