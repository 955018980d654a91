/**
 * Fetch bench: 10,000+ records from the fake E-utilities server enforcing NCBI's 3 requests/s, as a real
 * refresh does it. Reports elapsed time against the ideal the rate limit allows (requests / 3 s), request
 * count and 429s, for three pacing intervals side by side: exactly 1000/3 ms, EDirect's 350 ms (5% margin) and
 * ours (10% margin, close to Biopython's 370 ms). The server runs in its own process so its work does not stall the client.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/fetch/pacer.ts';
import { refresh } from '../src/pipeline.ts';
import { createReporter } from '../src/reporter.ts';
import { REPO_ROOT } from '../tests/fixtures-path.ts';

const MULTIPLIER = 28; // 364 fixture records x 28 = 10,192
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const VARIANTS = [
  { name: 'exact 1000/3 = 334 ms', intervalMs: 334 },
  { name: '+5% = 350 ms (EDirect)', intervalMs: 350 },
  { name: 'ours, +10% = 367 ms', intervalMs: 367 },
];

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'tests/fake-eutils/main.ts'),
      '--multiplier',
      String(MULTIPLIER),
      '--rate-limit',
      '3',
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr?.resume();
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    if (line.startsWith('http://')) return { url: line.trim(), child };
  }
  throw new Error('fake E-utilities server did not print its URL');
}

async function runOnce(url: string, intervalMs: number) {
  const cwd = await mkdtemp(join(tmpdir(), 'ed-bench-fetch-'));
  const config = await loadConfig({
    cwd,
    env: { EUTILS_BASE_URL: url, NCBI_EMAIL: 'bench@example.org' },
    needsNetwork: true,
  });
  // requestsPerSecond such that intervalForRate() gives exactly intervalMs.
  config.requestsPerSecond = 1100 / (intervalMs - 0.5);
  const started = performance.now();
  const report = await refresh(
    config,
    { clock: systemClock, random: Math.random, reporter: createReporter(process.stderr, 'quiet') },
    { dryRun: false },
  );
  const elapsedS = (performance.now() - started) / 1000;
  await rm(cwd, { recursive: true, force: true });
  const idealS = report.requests / 3;
  return {
    elapsedS,
    idealS,
    ratio: elapsedS / idealS,
    requests: report.requests,
    rateLimited: report.rateLimited,
    fetched: report.counts.fetched,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const { url, child } = await startServer();
try {
  console.log(
    `fetch bench: ${MULTIPLIER}x fixtures, server limit 3/s, ${RUNS} runs per variant, ${cpus()[0]?.model} x${cpus().length}, node ${process.version}`,
  );
  console.log(
    '| pacing | records | requests | median elapsed s | ideal s (requests/3) | median ratio | worst ratio | 429s (all runs) |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const variant of VARIANTS) {
    const runs = [];
    // Let the server's one-second window empty between runs.
    for (let i = 0; i < RUNS; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      runs.push(await runOnce(url, variant.intervalMs));
    }
    const ratios = runs.map((r) => r.ratio);
    console.log(
      `| ${variant.name} | ${runs[0]?.fetched} | ${runs[0]?.requests} | ${median(runs.map((r) => r.elapsedS)).toFixed(2)} | ` +
        `${runs[0]?.idealS.toFixed(2)} | ${median(ratios).toFixed(3)} | ${Math.max(...ratios).toFixed(3)} | ` +
        `${runs.reduce((sum, r) => sum + r.rateLimited, 0)} |`,
    );
  }
} finally {
  child.kill();
}
