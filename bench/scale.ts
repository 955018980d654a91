/**
 * `npm run bench:scale`: the scheduled job end to end at 1,000, 10,000 and 100,000 studies (or the sizes
 * in SCALE_SIZES), to see how each stage grows. Real fixture records multiplied with remapped PMIDs by
 * the fake E-utilities server (in this process, rate limit lifted), a cache and a site in a temp dir that
 * is removed afterwards. Per stage, each run in its own process: wall time, CPU time of all threads,
 * peak RSS, requests; per size: site bytes and search payload. Then two weekly refreshes of 100 new
 * studies into the same site, each built incrementally: the first build after the cold one has no spare
 * (the site published before the current one, which a build writes into), the second has, as every
 * scheduled build after it does.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { recordEnteredOn } from '../tests/cli/changed-records.ts';
import { type FakeEutils, startFakeEutils } from '../tests/fake-eutils/index.ts';
import {
  measureIndexBytes,
  measureSearchInChromium,
  median,
  searchPayload,
  siteShardsHoldingStudies,
} from './measure-search.ts';

const STAGE = fileURLToPath(new URL('./scale-stage.ts', import.meta.url));
const SIZES = (process.env.SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const BROWSER_RUNS = Number(process.env.SCALE_BROWSER_RUNS ?? 5);
const CORPUS = 364;
const T0 = Date.UTC(2027, 2, 1, 6);
const DAY = 86_400_000;

interface StageResult {
  code: number;
  wallS: number;
  cpuS: number;
  maxRssMb: number;
  requests: number;
}

/** Runs one CLI command in its own process (bench/scale-stage.ts) and reads its resource use. */
async function stage(fake: FakeEutils, cwd: string, args: string[], nowMs: number): Promise<StageResult> {
  const before = fake.requests.length;
  // The stage runs in the temp dir, where a bare `--import tsx` would not resolve. With the V8 flag
  // bin/evidence-digest.js and `npm start` run the CLI with.
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', '--import', import.meta.resolve('tsx'), STAGE, ...args],
    {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: cwd,
        TMPDIR: process.env.TMPDIR ?? tmpdir(),
        EUTILS_BASE_URL: fake.url,
        EVIDENCE_DIGEST_NOW: new Date(nowMs).toISOString(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number>((resolve) =>
    child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : -1))),
  );
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) {
    // Where one machine stops: say how the stage died (V8 heap limit, the kernel's OOM killer...).
    const lines = stderr.split('\n');
    const reason =
      lines.find((line) => /FATAL ERROR|out of memory|Killed/i.test(line)) ??
      lines
        .filter((line) => /error|failed/i.test(line))
        .slice(-2)
        .join(' / ');
    throw new StageFailed(`${args.join(' ')} exited ${code}: ${reason || stderr.slice(-500)}`);
  }
  return { ...(JSON.parse(last) as Omit<StageResult, 'requests'>), requests: fake.requests.length - before };
}

class StageFailed extends Error {}

async function treeBytes(dir: string, filter: (path: string) => boolean, gzip = false) {
  let raw = 0;
  let gzipped = 0;
  let files = 0;
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if (!(await stat(path)).isFile() || !filter(name)) continue;
    files++;
    const content = await readFile(path);
    raw += content.length;
    if (gzip) gzipped += gzipSync(content).length;
  }
  return { files, raw, gzip: gzipped };
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const searchRows: string[] = [];
const shardRows: string[] = [];
const rows: string[] = [];
const log = (line: string) => {
  rows.push(line);
  process.stdout.write(`${line}\n`);
};

log(
  `scale bench: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
log(
  '\n| studies | stage | wall s | CPU s | peak RSS MB | requests | site MB (files) | search MB raw / gzip |',
);
log('|---:|---|---:|---:|---:|---:|---:|---:|');
const results: Record<number, Record<string, StageResult>> = {};
for (const size of SIZES) {
  const multiplier = Math.ceil(size / CORPUS);
  const fake = await startFakeEutils({ multiplier, rateLimitPerSecond: null });
  const cwd = await mkdtemp(join(tmpdir(), 'evidence-digest-scale-'));
  try {
    await writeFile(
      join(cwd, 'evidence-digest.config.json'),
      JSON.stringify({ email: 'bench@example.org', requestsPerSecond: 50, batchSize: 200 }),
    );
    const studies = fake.pmids().length;
    const refresh = await stage(fake, cwd, ['refresh'], T0);
    const build = await stage(fake, cwd, ['build'], T0).catch((error: unknown) => {
      if (!(error instanceof StageFailed)) throw error;
      log(
        `| ${studies.toLocaleString('en')} | refresh (full) | ${refresh.wallS.toFixed(1)} | ${refresh.cpuS.toFixed(1)} | ${refresh.maxRssMb.toFixed(0)} | ${refresh.requests} | |`,
      );
      log(`| ${studies.toLocaleString('en')} | build (cold) | **failed**: ${error.message} | | | | |`);
      return null;
    });
    if (build === null) continue;
    const site = await treeBytes(join(cwd, 'site'), () => true);
    const search = await treeBytes(join(cwd, 'site'), (path) => path.startsWith('search/'), true);
    // The search bars at this size: bytes before the first results and in all, first results and query
    // time in headless Chromium (the bench's own stages are done; nothing else runs meanwhile).
    const bytes = await measureIndexBytes(join(cwd, 'site'));
    const browser = await measureSearchInChromium(join(cwd, 'site'), BROWSER_RUNS);
    const held = await siteShardsHoldingStudies(join(cwd, 'site'), 100);
    shardRows.push(
      `- ${studies.toLocaleString('en')} studies: ${held.map((part, p) => `part ${p + 1}: ${part.held} of ${part.all}`).join(', ')}`,
    );
    const { pageBytes, esketamine, heaviestFirst, heaviestAll } = searchPayload(
      bytes,
      await bytes.gzipOf(browser.pageFiles),
    );
    searchRows.push(
      `| ${studies.toLocaleString('en')} | ${median(browser.afterLoad).toFixed(0)} (${browser.afterLoad.map((t) => t.toFixed(0)).join(', ')}) | ${median(browser.firstResults).toFixed(0)} (static page paints at ${median(browser.staticPaint).toFixed(0)}) | ${median(browser.queryMs).toFixed(2)} | ${median(browser.loadMs).toFixed(1)} | ${kb(pageBytes + esketamine.first)} | ${kb(pageBytes + heaviestFirst.first)} ("${heaviestFirst.q}") | ${kb(pageBytes + heaviestAll.all)} ("${heaviestAll.q}") | ${mb(bytes.whole.gzip)} / ${mb(bytes.whole.raw)} (${bytes.whole.files.toLocaleString('en')}) |`,
    );
    // A week later: 100 new studies, entered yesterday; and the same the week after.
    const source = fake.pmids().find((pmid) => fake.recordXml(pmid)?.includes('PubStatus="entrez"')) ?? '';
    const week = async (n: number) => {
      for (let i = 0; i < 100; i++) {
        const pmid = String(99_000_000 + 100 * (n - 1) + i);
        const entered = new Date(T0 + (7 * n - 1) * DAY);
        fake.setRecord(
          pmid,
          recordEnteredOn(fake.recordXml(source) ?? '', source, pmid, [
            entered.getUTCFullYear(),
            entered.getUTCMonth() + 1,
            entered.getUTCDate(),
          ]),
        );
      }
      const refreshed = await stage(fake, cwd, ['refresh'], T0 + 7 * n * DAY);
      return [refreshed, await stage(fake, cwd, ['build'], T0 + 7 * n * DAY)] as const;
    };
    const [weekly, incremental] = await week(1);
    const [weekly2, incremental2] = await week(2);
    results[studies] = { refresh, build, weekly, incremental, weekly2, incremental2 };
    const line = (name: string, r: StageResult, extra = '| |') =>
      log(
        `| ${studies.toLocaleString('en')} | ${name} | ${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${r.maxRssMb.toFixed(0)} | ${r.requests} ${extra}`,
      );
    line('refresh (full)', refresh);
    line(
      'build (cold)',
      build,
      `| ${mb(site.raw)} (${site.files.toLocaleString('en')}) | ${mb(search.raw)} / ${mb(search.gzip)} |`,
    );
    line('refresh, 100 new a week later', weekly);
    line(
      `build after it, no spare (${((100 * incremental.wallS) / build.wallS).toFixed(0)}% of cold)`,
      incremental,
    );
    line('refresh, 100 new the week after', weekly2);
    line(
      `build after it, in the spare (${((100 * incremental2.wallS) / build.wallS).toFixed(0)}% of cold)`,
      incremental2,
    );
  } finally {
    await fake.close();
    await rm(cwd, { recursive: true, force: true });
  }
}

log(
  `\nSearch in headless Chromium (median of ${BROWSER_RUNS} fresh page loads of ${'`search/index.html?q=esketamine&offtopic=show`'}; 20 queries typed per load; gzip as a host sends it, page files included):\n`,
);
log(
  '| studies | first results ms after the page loads (runs) | from navigation start | median query ms | median shard + row loading ms | gzip before first results ("esketamine") | heaviest before first results | heaviest in all | whole index MB gzip / raw (files) |',
);
log('|---:|---|---|---:|---:|---:|---|---|---|');
for (const row of searchRows) log(row);

log(
  "\nTerm shards holding postings of 100 studies spread evenly over the index (what a weekly refresh of 100 new studies like them changes, whatever the numbering; the bench's own weekly studies are copies of one record):\n",
);
for (const row of shardRows) log(row);

const sizes = Object.keys(results).map(Number);
log('\nGrowth per 10x (wall time ratio, peak RSS ratio):');
for (let i = 1; i < sizes.length; i++) {
  const [a, b] = [results[sizes[i - 1] ?? 0], results[sizes[i] ?? 0]];
  if (!a || !b) continue;
  const factor = (sizes[i] ?? 0) / (sizes[i - 1] ?? 1);
  for (const name of ['refresh', 'build', 'weekly', 'incremental', 'incremental2'] as const) {
    const [x, y] = [a[name], b[name]];
    if (!x || !y) continue;
    log(
      `- ${name}, ${sizes[i - 1]} -> ${sizes[i]} (x${factor.toFixed(1)}): wall x${(y.wallS / x.wallS).toFixed(1)}, CPU x${(y.cpuS / x.cpuS).toFixed(1)}, peak RSS x${(y.maxRssMb / x.maxRssMb).toFixed(1)}`,
    );
  }
}
log(
  `load at end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
