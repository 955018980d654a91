/**
 * Site bench (PRODUCT.md section 6): 10,192 studies (the fixture corpus served 28 times with remapped
 * PMIDs, in a temp dir, never published anywhere) from cache to site: cold build, unchanged rebuild, a
 * rebuild with every record parsed before; study page sizes; search in headless Chromium (first results
 * after the page loads, bytes before first results and in all, gzip as a host would send them) and the
 * median query of the shared query function. Targets: build <= 20 s, unchanged <= 2 s, study page < 50 KB,
 * first results < 300 ms, median query < 15 ms, <= 1 MB gzip before first results, <= 4 MB gzip in all.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { DEFAULT_QUERY } from '../src/query.ts';
import { runBuildCommand } from '../src/render/index.ts';
import { emptyFilters, loadSearchIndex, searchStudies } from '../src/search/index.ts';
import { launchChromium } from '../tests/browser/browser-site.ts';
import { makeFixtureCache, serveSite } from '../tests/render/test-site.ts';

const MULTIPLIER = Number(process.env.BENCH_MULTIPLIER ?? 28);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const QUERIES = [
  'esketamine',
  'ketamine depression',
  'TRD',
  'intravenous ketamine suicidal ideation',
  'spravato',
  'protein',
  'randomized controlled trial',
  'cancer -mice',
  'ketam*',
  'bipolar',
  '"major depressive disorder"',
  'dose response',
  'children',
  'meta-analysis',
  'brain',
  'liver',
  'iv infusion',
  'anxiety',
  'pain',
  'placebo',
];
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const s = (ms: number) => (ms / 1000).toFixed(2);

const phases: string[] = [];
async function build(cacheDir: string, outDir: string, force = false): Promise<number> {
  const stderr = new PassThrough();
  let log = '';
  const started = performance.now();
  // Process CPU (every thread) beside wall time: on a shared machine wall time says little on its own.
  const cpuStart = process.cpuUsage();
  stderr.on('data', (chunk) => {
    const cpu = process.cpuUsage(cpuStart);
    log += `[${s(performance.now() - started)} s wall, ${s((cpu.user + cpu.system) / 1000)} s CPU (${s(cpu.system / 1000)} system), load ${loadavg()[0]?.toFixed(1)}] ${chunk}`;
  });
  const code = await runBuildCommand({
    cacheDir,
    outDir,
    now: () => new Date(),
    query: DEFAULT_QUERY,
    stderr,
    force,
  });
  if (code !== 0) throw new Error(`build failed: ${log}`);
  phases.push(log.trim());
  return performance.now() - started;
}

const lines: string[] = [];
const out = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

out(
  `site bench: machine ${cpus()[0]?.model ?? '?'} x${cpus().length}, Node ${process.version}, load average at start ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const cacheDir = await makeFixtureCache({ multiplier: MULTIPLIER });
// Every build that must render every page publishes to a folder of its own, and the folders are removed
// only when the bench ends. Removing a 51,000-file site just before the next build measures the file
// system instead of the build: on ext4 without a journal (this machine's root), each new inode is checked
// against the recently deleted ones (the kernel's recently_deleted(), dirty inode tables count as recent
// for 5 minutes), and creating 50,000 files took 1.9 s of system time on a quiet disk but 17-38 s right
// after an rm -rf of as many (perf: find_get_block_common under __ext4_new_inode). See bench/RESULTS.md.
const siteRoot = join(cacheDir, '..', `${cacheDir.split('/').pop()}-sites`);
let sites = 0;
const freshSiteDir = () => join(siteRoot, `site-${++sites}`);
let siteDir = '';
try {
  // Cold: nothing parsed, tagged or cited before (the prepared-study store removed) and no published site
  // to keep pages from, repeated for a median.
  const colds: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    await rm(join(cacheDir, 'parsed'), { recursive: true, force: true });
    await rm(join(cacheDir, 'derived'), { recursive: true, force: true });
    siteDir = freshSiteDir();
    colds.push(await build(cacheDir, siteDir, true));
  }
  const cold = [...colds].sort((a, b) => a - b)[Math.floor(colds.length / 2)] ?? Number.NaN;
  out(`cold builds: ${colds.map((t) => s(t)).join(', ')} s (median ${s(cold)} s)`);
  const unchanged: number[] = [];
  for (let i = 0; i < RUNS; i++) unchanged.push(await build(cacheDir, siteDir));
  const warm: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) warm.push(await build(cacheDir, siteDir, true));
  // Every study page rendered again from the store: no published site to keep pages from.
  const rerendered: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) rerendered.push(await build(cacheDir, freshSiteDir(), true));
  const info = JSON.parse(await readFile(join(siteDir, '.evidence-digest-build.json'), 'utf8')) as {
    studies: number;
  };

  // Study pages: sizes of every one.
  const { readdir } = await import('node:fs/promises');
  const pmids = await readdir(join(siteDir, 'studies'));
  const sizes: number[] = [];
  for (const pmid of pmids) sizes.push((await stat(join(siteDir, 'studies', pmid, 'index.html'))).size);
  const maxPage = Math.max(...sizes);

  // What a host sends before the first results: the page, its stylesheet and scripts, meta.json and terms-1.bin.
  const gz = async (path: string) => gzipSync(await readFile(join(siteDir, path)), { level: 6 }).length;
  const firstFiles = [
    'search/index.html',
    'assets/site.css',
    'assets/search.js',
    'assets/search-worker.js',
    'search/meta.json',
    'search/terms-1.bin',
  ];
  const before = (await Promise.all(firstFiles.map(gz))).reduce((a, b) => a + b, 0);
  const rawIndex =
    (await stat(join(siteDir, 'search/meta.json'))).size +
    (await stat(join(siteDir, 'search/terms-1.bin'))).size +
    (await stat(join(siteDir, 'search/terms-2.bin'))).size;
  const total = before + (await gz('search/terms-2.bin'));

  // The shared query function in Node, every index part loaded.
  const index = await loadSearchIndex({
    text: (path) => readFile(join(siteDir, path), 'utf8'),
    bytes: async (path) => new Uint8Array(await readFile(join(siteDir, path))),
  });
  const queryMs: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of QUERIES) {
      const started = performance.now();
      searchStudies(index, {
        q,
        filters: { ...emptyFilters(), includeOffTopic: true },
        sort: null,
        offset: 0,
        limit: 20,
      });
      queryMs.push(performance.now() - started);
    }
  }

  // Headless Chromium: a fresh context per run (nothing cached), time from navigation start to first results.
  const server = await serveSite(siteDir);
  const browser = await launchChromium();
  const firstResults: number[] = [];
  const fullText: number[] = [];
  const browserQuery: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/search/index.html?q=esketamine&offtopic=show`);
      await page.waitForFunction(() => document.body.dataset.firstResults !== undefined, undefined, {
        timeout: 30_000,
      });
      firstResults.push(
        await page.evaluate(() => performance.getEntriesByName('first-results')[0]?.startTime ?? Number.NaN),
      );
      await page.waitForFunction(() => document.body.dataset.resultsStage === '2', undefined, {
        timeout: 60_000,
      });
      fullText.push(await page.evaluate(() => performance.now()));
      for (const q of QUERIES) {
        await page.fill('#q', q);
        await page.waitForFunction((query) => new URLSearchParams(location.search).get('q') === query, q);
        await page.waitForTimeout(30);
        browserQuery.push(Number(await page.evaluate(() => document.body.dataset.lastQueryMs)));
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const row = (name: string, value: string, target: string, met: boolean) =>
    out(`| ${name} | ${value} | ${target} | ${met ? 'met' : 'MISSED'} |`);
  out(`\n${info.studies} studies, ${pmids.length} study pages\n`);
  out('| measure | value | target | |');
  out('|---|---|---|---|');
  row(
    `cold build (nothing parsed before), median of ${colds.length}`,
    `${s(cold)} s`,
    '<= 20 s',
    cold <= 20_000,
  );
  row('unchanged rebuild (median)', `${s(median(unchanged))} s`, '<= 2 s', median(unchanged) <= 2_000);
  row(
    'forced rebuild, studies prepared and pages published before (median)',
    `${s(median(warm))} s`,
    '(<= 20 s)',
    median(warm) <= 20_000,
  );
  row(
    'forced rebuild, studies prepared before, every page rendered (median)',
    `${s(median(rerendered))} s`,
    '(<= 20 s)',
    median(rerendered) <= 20_000,
  );
  row(
    'largest study page',
    `${(maxPage / 1024).toFixed(1)} KB (median ${(median(sizes) / 1024).toFixed(1)} KB)`,
    '< 50 KB',
    maxPage < 50_000,
  );
  row(
    'first results in Chromium (median of runs)',
    `${median(firstResults).toFixed(0)} ms (runs: ${firstResults.map((v) => v.toFixed(0)).join(', ')})`,
    '< 300 ms',
    median(firstResults) < 300,
  );
  row('abstracts searchable (median)', `${median(fullText).toFixed(0)} ms`, '(after first results)', true);
  row(
    'median query, Node, all parts',
    `${median(queryMs).toFixed(2)} ms (max ${Math.max(...queryMs).toFixed(1)})`,
    '< 15 ms',
    median(queryMs) < 15,
  );
  row(
    'median query, Chromium worker',
    `${median(browserQuery).toFixed(2)} ms`,
    '< 15 ms',
    median(browserQuery) < 15,
  );
  row('gzip before first results', `${(before / 1e6).toFixed(2)} MB`, '<= 1 MB', before <= 1e6);
  row(
    'gzip in all (with abstracts index)',
    `${(total / 1e6).toFixed(2)} MB (raw index ${(rawIndex / 1e6).toFixed(1)} MB)`,
    '<= 4 MB',
    total <= 4e6,
  );
  const indent = (log: string | undefined) =>
    (log ?? '')
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
  out(`\ncold build:\n${indent(phases[0])}\nforced rebuild:\n${indent(phases.at(-1))}`);
  out(
    `\nload average at end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await rm(siteRoot, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
}
