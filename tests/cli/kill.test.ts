/**
 * kill -9 at random moments of the scheduled job (`run`: refresh, then build and publish): after every
 * kill the cache on disk is consistent (every record it points at is whole and is that PMID's) and the
 * published site is whole, the old one or the new one and never a mix; the next run completes to exactly
 * what an uninterrupted run publishes.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
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

const CONFIG = {
  email: 'team@example.org',
  batchSize: 40,
  requestsPerSecond: 20,
  retryBaseMs: 20,
  lockStaleMs: 2000,
};

/** The published export, each study as exported but for when it was fetched. */
async function exported(site: string): Promise<unknown[]> {
  const text = await readFile(join(site, 'data', 'studies.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const { fetchedAt: _when, ...study } = JSON.parse(line) as Record<string, unknown>;
      return study;
    });
}

/**
 * A published site is whole when it is one build: its build note, home page and export are there, and
 * its study pages are exactly the studies its export lists.
 */
async function expectWholeSite(site: string, context: object): Promise<void> {
  const exists = await stat(site).then(
    () => true,
    () => false,
  );
  if (!exists) return; // nothing published yet: the first run was killed before its publish
  const note = JSON.parse(await readFile(join(site, '.evidence-digest-build.json'), 'utf8')) as {
    studies: number;
  };
  expect((await stat(join(site, 'index.html'))).isFile()).toBe(true);
  const pages = (await readdir(join(site, 'studies'))).sort();
  const listed = ((await exported(site)) as { pmid: string }[]).map((study) => study.pmid).sort();
  expect({ ...context, pages: pages.length, note: note.studies }).toEqual({
    ...context,
    pages: listed.length,
    note: listed.length,
  });
  expect(pages).toEqual(listed);
}

it('survives kill -9 at 12 random moments across refresh and build, then publishes what an uninterrupted run does', async () => {
  server = await startFakeEutils({ multiplier: 3, rateLimitPerSecond: 100, latencyMs: 40 });
  const fake = server;
  const env = { EUTILS_BASE_URL: fake.url, EVIDENCE_DIGEST_NOW: '2027-03-01T06:00:00Z' };

  // The uninterrupted run: what every interrupted history must end with, and how long a run takes.
  const referenceDir = await workdir(CONFIG);
  const started = Date.now();
  const reference = await runCli(['run', '--quiet'], { cwd: referenceDir, env });
  let runMs = Date.now() - started;
  expect(reference.code, reference.stderr).toBe(0);
  const expected = await exported(join(referenceDir, 'site'));
  expect(expected).toHaveLength(fake.pmids().length);

  const cwd = await workdir(CONFIG);
  const root = join(cwd, 'cache');
  const site = join(cwd, 'site');
  const random = seeded(20261126);
  let kills = 0;
  let killedAfterPublish = 0;
  for (let round = 0; kills < 12 && round < 30; round++) {
    const roundStarted = Date.now();
    const child = spawnCli(['run', '--quiet'], { cwd, env });
    const done = collect(child);
    // Anywhere from start-up to the end of a whole run: searching, fetching, parsing, rendering, publishing.
    const delayMs = 300 + Math.floor(random() * runMs);
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    const result = await done;
    clearTimeout(timer);

    const verdict = await verifyRawCache(root);
    expect({ round, delayMs, problems: verdict.problems }).toEqual({ round, delayMs, problems: [] });
    const served = new Set(fake.pmids());
    expect(verdict.pmids.filter((pmid) => !served.has(pmid))).toEqual([]);
    await expectWholeSite(site, { round, delayMs });
    if (result.signal === 'SIGKILL') {
      kills++;
      if (
        await stat(site).then(
          () => true,
          () => false,
        )
      )
        killedAfterPublish++;
    } else {
      expect(result.code, result.stderr).toBe(0);
      // Finished before the kill: later runs are incremental and shorter, so kill within their length.
      runMs = Math.max(500, Date.now() - roundStarted);
    }
    // The killed run's lock must go stale before the next run may take it over.
    await new Promise((resolve) => setTimeout(resolve, 2100));
  }
  expect(kills).toBeGreaterThanOrEqual(10);
  expect(killedAfterPublish).toBeGreaterThan(0); // some kills hit a run that had a site to keep

  const final = await runCli(['run'], { cwd, env });
  expect(final.code, final.stderr).toBe(0);
  const cache = await openRawCache(root);
  expect(Object.keys(cache.manifest.records).sort((a, b) => Number(a) - Number(b))).toEqual(fake.pmids());
  for (const pmid of fake.pmids()) {
    expect((await cache.readRecord(pmid)).toString('utf8') === fake.recordXml(pmid)).toBe(true);
  }
  expect((await verifyRawCache(root)).problems).toEqual([]);
  await expectWholeSite(site, { final: true });
  expect(await exported(site)).toEqual(expected);
}, 300_000);
