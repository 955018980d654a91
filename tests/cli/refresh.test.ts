/**
 * `evidence-digest refresh`, spawned as a real process against the fake E-utilities server: completeness
 * above the 9,999 cap, politeness, every fault shape of EUTILS.md alone and mixed, exhausted retries,
 * bad configuration, and secrets.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openRawCache } from '../../src/cache/raw-cache.ts';
import { type RunReport, readRefreshState } from '../../src/cache/refresh-state.ts';
import { verifyRawCache } from '../../src/cache/verify-raw-cache.ts';
import { type FakeEutils, startFakeEutils } from '../fake-eutils/index.ts';
import { FAULT_KINDS } from '../fake-eutils/validate-fault-rules.ts';
import { recordEnteredOn, ymdOf } from './changed-records.ts';
import { startFakeEutilsProcess } from './fake-eutils-process.ts';
import { collect, runCli, spawnCli, workdir } from './run-cli.ts';

const EMAIL = 'digest-team@example.org';
/** Fast backoff and short timeouts so fault tests take seconds; pacing well under the server's limit. */
const FAST = {
  email: EMAIL,
  retryBaseMs: 20,
  retryMaxMs: 300,
  requestTimeoutMs: 1500,
  maxAttempts: 8,
  batchSize: 100,
  requestsPerSecond: 40,
};

let server: FakeEutils | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(options: Parameters<typeof startFakeEutils>[0] = {}): Promise<FakeEutils> {
  server = await startFakeEutils({ rateLimitPerSecond: 50, ...options });
  return server;
}

function refresh(cwd: string, fake: FakeEutils, extraEnv: Record<string, string> = {}, args: string[] = []) {
  return runCli(['refresh', ...args], { cwd, env: { EUTILS_BASE_URL: fake.url, ...extraEnv } });
}

/** Starts a refresh in the background and returns once it has begun fetching records. */
async function refreshFetching(cwd: string, fake: FakeEutils) {
  const child = spawnCli(['refresh'], { cwd, env: { EUTILS_BASE_URL: fake.url } });
  const done = collect(child);
  while (!fake.requests.some((r) => r.endpoint === 'efetch')) await new Promise((r) => setTimeout(r, 20));
  return { child, done };
}

/** The cache holds exactly the server's records, each byte for byte as served. */
async function expectCompleteCache(cwd: string, fake: FakeEutils): Promise<void> {
  const root = join(cwd, 'cache');
  const verdict = await verifyRawCache(root);
  expect(verdict.problems).toEqual([]);
  const cache = await openRawCache(root);
  expect(Object.keys(cache.manifest.records).sort((a, b) => Number(a) - Number(b))).toEqual(fake.pmids());
  for (const pmid of fake.pmids()) {
    const stored = (await cache.readRecord(pmid)).toString('utf8');
    if (stored !== fake.recordXml(pmid))
      expect({ pmid, stored }).toEqual({ pmid, stored: fake.recordXml(pmid) });
  }
  expect(cache.manifest.missing).toEqual({});
}

async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string): Promise<void> {
    for (const name of await readdir(join(root, dir))) {
      const path = join(dir, name);
      if ((await stat(join(root, path))).isDirectory()) await walk(path);
      else
        out[path] = createHash('sha256')
          .update(await readFile(join(root, path)))
          .digest('hex');
    }
  }
  await walk('');
  return out;
}

describe('refresh: completeness and politeness', () => {
  it('caches every record byte for byte; a second refresh fetches nothing it already has', async () => {
    const fake = await start();
    const cwd = await workdir(FAST);
    const first = await refresh(cwd, fake);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    await expectCompleteCache(cwd, fake);

    for (const entry of fake.requests) {
      expect(entry).toMatchObject({
        method: 'POST',
        params: { db: 'pubmed', tool: 'evidence-digest', email: EMAIL },
      });
    }
    const efetches = fake.requests.filter((r) => r.endpoint === 'efetch');
    expect(efetches.length).toBe(Math.ceil(fake.pmids().length / FAST.batchSize));

    const before = fake.requests.length;
    const second = await refresh(cwd, fake);
    expect(second.code, second.stderr).toBe(0);
    const again = fake.requests.slice(before);
    // Incremental: new records by entry date and changed ones by modification date since the last run.
    expect(again.map((r) => [r.endpoint, r.params.datetype])).toEqual([
      ['esearch', 'edat'],
      ['esearch', 'mdat'],
    ]);
    expect(second.stderr).toContain(': 0 to fetch');
  });

  it('gets more than 9,999 records past the esearch cap at 3 requests/s, with zero 429s', async () => {
    // The server that counts requests runs in its own process (see fake-eutils-process.ts); an idle
    // in-process twin with the same corpus tells what complete means.
    const remote = await startFakeEutilsProcess(['--multiplier', '28', '--rate-limit', '3']);
    try {
      const expected = await start({ multiplier: 28 });
      expect(expected.pmids().length).toBeGreaterThan(9_999);
      const cwd = await workdir({ email: EMAIL });
      const result = await runCli(['refresh', '--verbose'], { cwd, env: { EUTILS_BASE_URL: remote.url } });
      expect(result.code, result.stderr).toBe(0);
      await expectCompleteCache(cwd, expected);

      const log = (await remote.requests()).filter(
        (r) => r.endpoint === 'esearch' || r.endpoint === 'efetch',
      );
      expect(log.filter((r) => r.status === 429)).toEqual([]);
      const searches = log.filter((r) => r.endpoint === 'esearch');
      expect(searches.length).toBeGreaterThan(2); // the unsplit search hit the cap and was split
      expect(searches.every((r) => (r.idCount ?? 0) <= 9_999)).toBe(true);
      expect(log.filter((r) => r.endpoint === 'efetch').length).toBe(
        Math.ceil(expected.pmids().length / 200),
      );
      // Starts spaced for 3/s: no one-second window ever holds four.
      const starts = log.map((r) => r.startedAtMs);
      for (const t of starts)
        expect(starts.filter((s) => s >= t && s < t + 1000).length).toBeLessThanOrEqual(3);
    } finally {
      remote.close();
    }
  }, 120_000);

  it('a query PubMed finds nothing for is a valid empty result, not an error', async () => {
    const fake = await start();
    const cwd = await workdir({ ...FAST, query: 'nomatchxyz[tiab]' });
    const result = await refresh(cwd, fake);
    expect(result.code, result.stderr).toBe(0);
    expect(fake.requests.map((r) => r.endpoint)).toEqual(['esearch']);
    expect(result.stderr).toContain('esearch: 0 records');
  });

  it('--dry-run searches and reports, but writes no record', async () => {
    const fake = await start();
    const cwd = await workdir(FAST);
    const result = await refresh(cwd, fake, {}, ['--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`dry run: would fetch ${fake.pmids().length} records`);
    expect(fake.requests.some((r) => r.endpoint === 'efetch')).toBe(false);
    expect(await readdir(cwd)).toEqual(['evidence-digest.config.json']); // not even a cache folder
  });

  it('two refreshes at once: the second exits 75 and says why; the first completes the cache', async () => {
    const fake = await start({ latencyMs: 200 });
    const cwd = await workdir({ ...FAST, batchSize: 20 });
    const { done: firstDone } = await refreshFetching(cwd, fake);
    const second = await refresh(cwd, fake);
    expect(second.code).toBe(75);
    expect(second.stderr).toContain('[CACHE_LOCKED] another refresh is running on this cache');
    expect((await firstDone).code).toBe(0);
    await expectCompleteCache(cwd, fake);
  });

  it('a lock left by a killed refresh is taken over once stale', async () => {
    const fake = await start({ latencyMs: 30 });
    // Stale after 6 s: the lock's mtime is renewed every 2 s (a third of it), so the second run finds it
    // fresh if it reaches the lock within 4-6 s of the kill. At 2 s that window was 1.3-2 s, less than a
    // CLI start can take when this 2-core machine runs the rest of the suite beside it.
    const cwd = await workdir({ ...FAST, lockStaleMs: 6000 });
    const { child: first, done: firstDone } = await refreshFetching(cwd, fake);
    first.kill('SIGKILL');
    await firstDone;
    expect((await readdir(join(cwd, 'cache'))).includes('refresh.lock')).toBe(true);
    expect((await refresh(cwd, fake)).code).toBe(75); // still fresh: the killed run might be alive
    await new Promise((r) => setTimeout(r, 6200));
    const taken = await refresh(cwd, fake);
    expect(taken.code, taken.stderr).toBe(0);
    await expectCompleteCache(cwd, fake);
    expect((await readdir(join(cwd, 'cache'))).includes('refresh.lock')).toBe(false);
  });
});

/**
 * Every shape of EUTILS.md's table the fake server can inject, but the expired WebEnv: the client never
 * uses the history server (tested on its own below).
 */
const FAULTS = FAULT_KINDS.filter((fault) => fault !== 'webenv-expired');

/**
 * The published data export of a site, each study as exported but for when it was fetched: what a
 * fault-free run and a run through faults must agree on.
 */
async function exportedStudies(cwd: string): Promise<unknown[]> {
  const lines = (await readFile(join(cwd, 'site', 'data', 'studies.jsonl'), 'utf8')).trim().split('\n');
  return lines.map((line) => {
    const { fetchedAt: _when, ...study } = JSON.parse(line) as Record<string, unknown>;
    return study;
  });
}

describe('refresh under injected faults', () => {
  // The fault-free run every faulted one must equal, export included.
  let reference: unknown[] = [];
  beforeAll(async () => {
    const fake = await startFakeEutils({ rateLimitPerSecond: 50 });
    try {
      const cwd = await workdir(FAST);
      const result = await runCli(['run'], { cwd, env: { EUTILS_BASE_URL: fake.url } });
      expect(result.code, result.stderr).toBe(0);
      reference = await exportedStudies(cwd);
      expect(reference).toHaveLength(fake.pmids().length);
    } finally {
      await fake.close();
    }
  }, 120_000);

  for (const fault of FAULTS) {
    it(`${fault}: run ends with the complete cache and the same export as a fault-free run`, async () => {
      const fake = await start();
      fake.injectFaults([
        { fault, endpoint: 'efetch', times: 2 },
        ...(fault === 'fewer-records' ? [] : [{ fault, endpoint: 'esearch' as const, times: 1 }]),
      ]);
      const cwd = await workdir(FAST);
      const result = await runCli(['run', '--verbose'], { cwd, env: { EUTILS_BASE_URL: fake.url } });
      expect(result.code, result.stderr).toBe(0);
      expect(fake.requests.filter((r) => r.fault === fault).length).toBe(fault === 'fewer-records' ? 2 : 3);
      await expectCompleteCache(cwd, fake);
      expect(await exportedStudies(cwd)).toEqual(reference);
    }, 60_000);
  }

  it('a 502 on a batch retries half of it and fetches the other half as a batch of its own', async () => {
    const fake = await start();
    fake.injectFaults([{ fault: 'http-502', endpoint: 'efetch', times: 1 }]);
    const cwd = await workdir({ ...FAST, maxInFlight: 1 });
    const result = await refresh(cwd, fake);
    expect(result.code, result.stderr).toBe(0);
    const asked = fake.requests.filter((r) => r.endpoint === 'efetch').map((r) => r.params.id ?? '');
    const [failed, retried] = asked;
    const ids = failed?.split(',') ?? [];
    expect(fake.requests.find((r) => r.endpoint === 'efetch')).toMatchObject({
      status: 502,
      fault: 'http-502',
    });
    expect(ids).toHaveLength(100);
    expect(retried).toBe(ids.slice(0, 50).join(','));
    expect(asked.slice(2)).toContain(ids.slice(50).join(','));
    await expectCompleteCache(cwd, fake);
  });

  it('all faults mixed at 5% of requests: still the complete cache and the same export', async () => {
    const fake = await start({ seed: 7 });
    fake.injectFaults(FAULTS.map((fault) => ({ fault, endpoint: 'any' as const, probability: 0.05 })));
    const cwd = await workdir({ ...FAST, batchSize: 25 });
    const result = await runCli(['run'], { cwd, env: { EUTILS_BASE_URL: fake.url } });
    expect(result.code, result.stderr).toBe(0);
    expect(new Set(fake.requests.filter((r) => r.fault).map((r) => r.fault)).size).toBeGreaterThan(5);
    await expectCompleteCache(cwd, fake);
    expect(await exportedStudies(cwd)).toEqual(reference);
  }, 120_000);

  it('records PMIDs that never come back as missing, after asking twice, and says so', async () => {
    const fake = await start();
    fake.injectFaults([{ fault: 'fewer-records', endpoint: 'efetch', probability: 1 }]);
    const cwd = await workdir(FAST);
    const result = await refresh(cwd, fake);
    expect(result.code, result.stderr).toBe(0);
    const cache = await openRawCache(join(cwd, 'cache'));
    const missing = Object.keys(cache.manifest.missing);
    expect(missing.length).toBeGreaterThan(0);
    // Every PMID is either cached or recorded missing: none dropped silently.
    expect(
      [...Object.keys(cache.manifest.records), ...missing].sort((a, b) => Number(a) - Number(b)),
    ).toEqual(fake.pmids());
    for (const pmid of missing) expect(cache.manifest.missing[pmid]).toMatchObject({ times: 1 });
    expect(result.stderr).toContain(`${missing.length} PMID(s) not returned by efetch after a second try`);
    // Each missing PMID was asked for exactly twice.
    for (const pmid of missing.slice(0, 5)) {
      const asked = fake.requests.filter(
        (r) => r.endpoint === 'efetch' && r.params.id?.split(',').includes(pmid),
      );
      expect(asked.length).toBe(2);
    }
  });

  it('never depends on the history server, so an expired WebEnv cannot strike', async () => {
    const fake = await start();
    fake.injectFaults([{ fault: 'webenv-expired', endpoint: 'any', probability: 1 }]);
    const cwd = await workdir(FAST);
    const result = await refresh(cwd, fake);
    expect(result.code, result.stderr).toBe(0);
    expect(fake.requests.some((r) => 'WebEnv' in r.params || r.params.usehistory === 'y')).toBe(false);
    await expectCompleteCache(cwd, fake);
  });
});

describe('refresh when it cannot succeed', () => {
  it('exhausted retries: exit 1 naming what failed, and the cache is untouched', async () => {
    const fake = await start();
    const cwd = await workdir(FAST);
    expect((await refresh(cwd, fake)).code).toBe(0);
    const root = join(cwd, 'cache');
    const before = await snapshot(root);

    // PubMed gains a record today, and efetch is down for the whole run.
    const pmid = fake.pmids().find((p) => fake.recordXml(p)?.includes('PubStatus="entrez"')) ?? '';
    fake.setRecord(
      '89999999',
      recordEnteredOn(fake.recordXml(pmid) ?? '', pmid, '89999999', ymdOf(Date.now())),
    );
    fake.injectFaults([{ fault: 'http-503', endpoint: 'efetch', probability: 1 }]);
    const result = await refresh(cwd, fake);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refresh failed; records fetched before the failure are kept');
    expect(result.stderr).toContain(
      '[EUTILS_RETRIES_EXHAUSTED] efetch failed 8 times in a row; last: HTTP 503',
    );
    expect(result.stderr).toContain(`url=${fake.url}efetch.fcgi`);

    // Records untouched; what changed is the run's own bookkeeping: its searches, its report (status
    // failed) and the state that says a run is pending, with the watermark where it was.
    const after = await snapshot(root);
    const changed = Object.keys(after).filter(
      (file) => !file.startsWith('raw/esearch/') && after[file] !== before[file],
    );
    expect(changed.filter((file) => !file.startsWith('runs/'))).toEqual(['refresh-state.json']);
    const report = JSON.parse(
      await readFile(join(root, changed.find((file) => file.startsWith('runs/')) ?? ''), 'utf8'),
    ) as RunReport;
    expect(report).toMatchObject({ status: 'failed', mode: 'incremental', counts: { new: 0, fetched: 0 } });
    expect(report.error).toContain('[EUTILS_RETRIES_EXHAUSTED]');
    const state = await readRefreshState(root);
    expect(state.watermark).toBe(report.watermark.before);
    expect(state.pending).toMatchObject({ since: report.startedAt, full: false, runs: [report.runId] });
    expect(Object.keys(before).filter((file) => !(file in after))).toEqual([]);

    fake.clearFaults();
    expect((await refresh(cwd, fake)).code).toBe(0);
    await expectCompleteCache(cwd, fake);
  });

  it('a client mistake is not retried: one request, exit 1', async () => {
    const fake = await start();
    const cwd = await workdir({ ...FAST, eutilsBaseUrl: fake.url.replace('/entrez/eutils/', '/nowhere/') });
    const result = await runCli(['refresh'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[EUTILS_CLIENT_ERROR\] esearch: HTTP 404/);
  });

  it('bad configuration: exit 2, every bad field named, nothing requested', async () => {
    const fake = await start();
    const cwd = await workdir({ batchSize: 20_000, maxInFlight: 0, searchFrom: 'last year', color: 'red' });
    const result = await runCli(['refresh'], {
      cwd,
      env: { EUTILS_BASE_URL: 'ftp://example.org/', NCBI_EMAIL: 'not-an-address' },
    });
    expect(result.code).toBe(2);
    for (const field of [
      'color',
      'eutilsBaseUrl (from EUTILS_BASE_URL)',
      'email (from NCBI_EMAIL)',
      'maxInFlight',
      'batchSize',
      'searchFrom',
    ]) {
      expect(result.stderr).toContain(`  - ${field}`);
    }
    expect(fake.requests).toEqual([]);
  });

  it('bad usage exits 2; --help exits 0 on every command', async () => {
    const cwd = await workdir({});
    expect((await runCli(['refresh', '--bogus'], { cwd })).code).toBe(2);
    expect((await runCli(['nonsense'], { cwd })).code).toBe(2);
    for (const args of [['--help'], ['refresh', '--help'], ['run', '--help']]) {
      const result = await runCli(args, { cwd });
      expect([args, result.code]).toEqual([args, 0]);
      expect(result.stdout).toContain('Usage: evidence-digest');
    }
  });
});

describe('the API key', () => {
  it('is sent (the server grants 10/s) but never appears in output, logs or the cache', async () => {
    const key = 'f00dfacecafe0123456789abcdef01234567';
    const fake = await start({ rateLimitPerSecond: 3 });
    const cwd = await workdir({ email: EMAIL, batchSize: 100 });
    const result = await refresh(cwd, fake, { NCBI_API_KEY: key }, ['--verbose']);
    expect(result.code, result.stderr).toBe(0);
    expect(fake.requests.every((r) => r.params.api_key === '***')).toBe(true);
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(result.stdout + result.stderr).not.toContain(key);
    const files = await snapshot(join(cwd, 'cache'));
    for (const file of Object.keys(files)) {
      expect([file, (await readFile(join(cwd, 'cache', file))).includes(key)]).toEqual([file, false]);
    }
  });
});
