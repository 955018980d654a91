/**
 * Parse-stage benchmark (`npm run bench parse`). Real fixture records, PMIDs remapped, multiplied to
 * >= 5,000 records / ~90 MB in a temp dir (never in the repo, never published). Reports, side by side
 * in one run, medians of interleaved runs:
 *   (a) fast-xml-parser 5 on the whole document (the baseline EUTILS.md measured),
 *   (b) streamStudyRecords: one thread, record at a time,
 *   (c) the worker pool on both cores, records delivered as objects to the main thread,
 *   (d) the same pool producing JSON lines (what `evidence-digest parse` prints),
 *   (e) a diagnostic: two workers parsing the same chunks with no file reading and no results sent
 *       back, i.e. what the parsing itself scales to; (c)/(d) minus (e) is the cost of I/O and transfer,
 * then peak RSS of a 300 MB file through the streaming path (and the pool) in a child process, and the
 * parsed-record cache layout (segments vs one file per record) at 100,000 records.
 * With BENCH_PARSE_BEFORE=DIR (a checkout of an earlier commit, e.g. `git archive REV src | tar -x -C
 * DIR` plus a node_modules link) rows (b), (c) and (d) are also run with DIR's parser, interleaved with
 * the current ones in the same process, so a change is measured against what it replaces on the same
 * machine state. BENCH_PARSE_QUICK=1 skips the 300 MB and cache sections.
 * The machine is shared: wall-clock figures move with other people's test runs, so CPU seconds and the
 * load average are printed beside them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import writeFileAtomic from 'write-file-atomic';
import { keyString, openParsedRecordCache, parsedRecordKey } from '../src/cache/parsed-records.ts';
import { createParsePool, PARSER_VERSION, parseArticleSet, streamStudyRecords } from '../src/parse/index.ts';
import type { StudyRecord } from '../src/records.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(REPO, '..', 'shared', 'fixtures', 'pubmed');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MB = 1e6;

if (process.argv[2] === '--rss-child') await rssChild(process.argv[3] ?? '', process.argv[4] ?? 'stream');
else await main();

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-digest-parse-bench-'));
  try {
    const records = fixtureRecords();
    const corpus = join(dir, 'corpus.xml');
    const { count, bytes } = writeCorpus(corpus, records, 5000, 80 * MB);
    const cpu = cpus()[0]?.model ?? 'unknown';
    log(
      `machine: ${cpus().length} x ${cpu}, node ${process.version}, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    log(
      `corpus: ${count} records (${records.length} distinct real records, PMIDs remapped), ${(bytes / MB).toFixed(1)} MB`,
    );

    const text = () => readFileSync(corpus, 'utf8');
    const baseline = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
    const pool = createParsePool({ workers: 2 });
    const parseOnly = await startParseOnly(corpus);
    const coldStart = await timed(() => drain(pool.parseFile(corpus)));
    const before = await startBefore(corpus);
    const cases: [string, () => Promise<unknown>][] = [
      ['(a) fast-xml-parser 5, whole document', async () => baseline.parse(text())],
      ['(b) streamStudyRecords, 1 thread', () => drain(streamStudyRecords(corpus))],
      ['(c) worker pool, 2 workers', () => drain(pool.parseFile(corpus))],
      [
        '(d) worker pool to JSON lines (the `parse` CLI path)',
        () => drainLines(pool.parseFileToJsonLines(corpus)),
      ],
      ['(e) 2 workers parsing, nothing read or sent back (diagnostic)', () => parseOnly.run()],
      ...(before?.cases ?? []),
    ];
    const samples = new Map<string, { wall: number[]; cpu: number[] }>(
      cases.map(([name]) => [name, { wall: [], cpu: [] }]),
    );
    for (let run = 0; run < RUNS; run++) {
      for (const [name, fn] of cases) {
        const sample = await timed(fn);
        samples.get(name)?.wall.push(sample.wall);
        samples.get(name)?.cpu.push(sample.cpu);
      }
    }
    await pool.close();
    await parseOnly.close();
    await before?.close();
    const baseWall = median(samples.get(cases[0]?.[0] ?? '')?.wall ?? []);
    // Best of N is the usual estimate of what the code does when nothing else runs; the median shows
    // what it did on this shared machine. Both are printed.
    const baseBest = Math.min(...(samples.get(cases[0]?.[0] ?? '')?.wall ?? []));
    log(
      '\n| parser | median s | median MB/s | best s | best MB/s | best vs (a) | CPU s, median (all threads) | runs (s) |',
    );
    log('|---|---:|---:|---:|---:|---:|---:|---|');
    for (const [name, { wall, cpu: cpuTimes }] of samples) {
      const m = median(wall);
      const best = Math.min(...wall);
      log(
        `| ${name} | ${m.toFixed(2)} | ${(bytes / MB / m).toFixed(1)} | ${best.toFixed(2)} | ${(bytes / MB / best).toFixed(1)} | ${(baseBest / best).toFixed(1)}x | ${median(cpuTimes).toFixed(2)} | ${wall.map((w) => w.toFixed(2)).join(' ')} |`,
      );
    }
    log(
      `median ratio (c)/(a): ${(baseWall / median(samples.get(cases[2]?.[0] ?? '')?.wall ?? [])).toFixed(1)}x`,
    );
    log(`pool cold start (first file, workers starting): ${coldStart.wall.toFixed(2)} s`);
    if (before !== null) {
      for (const letter of ['b', 'c', 'd']) {
        const now = samples.get(cases.find(([name]) => name.startsWith(`(${letter})`))?.[0] ?? '');
        const then = samples.get(cases.find(([name]) => name.startsWith(`(${letter}, before)`))?.[0] ?? '');
        if (now === undefined || then === undefined) continue;
        log(
          `(${letter}) before -> now: median ${median(then.wall).toFixed(2)} -> ${median(now.wall).toFixed(2)} s (${(median(then.wall) / median(now.wall)).toFixed(2)}x), best ${Math.min(...then.wall).toFixed(2)} -> ${Math.min(...now.wall).toFixed(2)} s, CPU ${median(then.cpu).toFixed(2)} -> ${median(now.cpu).toFixed(2)} s`,
        );
      }
    }
    log(
      `load after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );

    if (process.env.BENCH_PARSE_QUICK === '1') return;
    const big = join(dir, 'big.xml');
    const bigSize = writeCorpus(big, records, 0, 300 * MB).bytes;
    for (const mode of ['stream', 'pool']) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(import.meta.url), '--rss-child', big, mode],
        {
          encoding: 'utf8',
          cwd: REPO,
        },
      );
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
      log(
        `300 MB file (${(bigSize / MB).toFixed(0)} MB, ${result.records} records) via ${mode}: ${result.seconds?.toFixed(1)} s, peak RSS ${((result.maxRssKb ?? 0) / 1024).toFixed(0)} MB`,
      );
    }
    await cacheLayouts(dir, records);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows (b), (c), (d) with the parser of an earlier checkout (BENCH_PARSE_BEFORE), or null. */
async function startBefore(corpus: string) {
  const dir = process.env.BENCH_PARSE_BEFORE;
  if (dir === undefined || dir === '') return null;
  const before = (await import(
    join(dir, 'src', 'parse', 'index.ts')
  )) as typeof import('../src/parse/index.ts');
  const pool = before.createParsePool({ workers: 2 });
  await drain(pool.parseFile(corpus));
  log(`before: ${dir}`);
  const cases: [string, () => Promise<unknown>][] = [
    ['(b, before) streamStudyRecords, 1 thread', () => drain(before.streamStudyRecords(corpus))],
    ['(c, before) worker pool, 2 workers', () => drain(pool.parseFile(corpus))],
    ['(d, before) worker pool to JSON lines', () => drainLines(pool.parseFileToJsonLines(corpus))],
  ];
  return { cases, close: () => pool.close() };
}

/** The real records of every PubMed fixture (PubmedArticle / PubmedBookArticle), as XML strings. */
function fixtureRecords(): string[] {
  const files = [
    ...readdirSync(FIXTURES)
      .filter((n) => /\.xml(\.gz)?$/.test(n))
      .map((n) => join(FIXTURES, n)),
    ...readdirSync(join(FIXTURES, 'single')).map((n) => join(FIXTURES, 'single', n)),
  ];
  return files.flatMap((file) => {
    const raw = readFileSync(file);
    const xml = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    return [...xml.matchAll(/<(PubmedArticle|PubmedBookArticle)>[\s\S]*?<\/\1>/g)].map((m) => m[0]);
  });
}

/** Writes records round-robin, each with a fresh PMID, until both minimums are reached. */
function writeCorpus(path: string, records: string[], minRecords: number, minBytes: number) {
  const parts = [
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n',
  ];
  let bytes = parts[0]?.length ?? 0;
  let count = 0;
  let pmid = 90_000_000;
  while (count < minRecords || bytes < minBytes) {
    const record = records[count % records.length] ?? '';
    // Only the record's own (first) PMID is remapped; references keep theirs.
    const remapped = record.replace(
      /<PMID Version="(\d+)">\d+<\/PMID>/,
      (_m, v) => `<PMID Version="${v}">${pmid++}</PMID>`,
    );
    parts.push(remapped, '\n');
    bytes += Buffer.byteLength(remapped) + 1;
    count++;
  }
  parts.push('</PubmedArticleSet>\n');
  writeFileSync(path, parts.join(''));
  return { count, bytes: statSync(path).size };
}

async function drain(events: AsyncIterable<{ kind: string }>): Promise<number> {
  let records = 0;
  for await (const event of events) if (event.kind === 'record') records++;
  return records;
}

async function drainLines(batches: AsyncIterable<{ lines: string; records: number }>): Promise<number> {
  let records = 0;
  for await (const batch of batches) records += batch.records;
  return records;
}

async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpuStart);
  return { wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Two plain workers, each holding the corpus cut into the pool's 256 KB whole-record chunks, parsing half
 * of them per run through the same parseChunk the pool's workers call. Workers evaluate a tiny script
 * that registers tsx, then import the TypeScript modules.
 */
async function startParseOnly(corpus: string): Promise<{ run(): Promise<void>; close(): Promise<void> }> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { register } = await import('tsx/esm/api');
      register();
      const { readFileSync } = await import('node:fs');
      const { parseChunk } = await import(workerData.parseChunk);
      const { lastRecordEnd } = await import(workerData.slice);
      const buf = readFileSync(workerData.corpus);
      const chunks = [];
      for (let pos = 0, i = 0; pos < buf.length; i++) {
        const limit = Math.min(buf.length, pos + 256 * 1024);
        let end = limit === buf.length ? limit : lastRecordEnd(buf.subarray(0, limit), false);
        if (end <= pos) end = buf.length;
        if (i % 2 === workerData.index) chunks.push({ base: pos, bytes: buf.subarray(pos, end), first: pos === 0, final: end === buf.length });
        pos = end;
      }
      parentPort.on('message', () => {
        let events = 0;
        for (const c of chunks) {
          // A copy, as a worker gets its own bytes from the pool.
          const bytes = new Uint8Array(c.bytes);
          events += parseChunk({ file: 'x', base: c.base, bytes, state: { root: c.first ? null : 'PubmedArticleSet' }, final: c.final }).length;
        }
        parentPort.postMessage(events);
      });
      parentPort.postMessage('ready');
    })();
  `;
  const modules = {
    parseChunk: new URL('../src/parse/parse-chunk.ts', import.meta.url).href,
    slice: new URL('../src/parse/slice-records.ts', import.meta.url).href,
  };
  const workers = [0, 1].map(
    (index) =>
      new Worker(source, {
        eval: true,
        execArgv: [],
        workerData: { index, corpus, ...modules },
        // The pool's limits, so the comparison is fair.
        resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 24 },
      }),
  );
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
  return {
    async run() {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise((resolve) => {
              worker.once('message', resolve);
              worker.postMessage('go');
            }),
        ),
      );
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

async function rssChild(file: string, mode: string): Promise<void> {
  const start = performance.now();
  let records: number;
  if (mode === 'pool') {
    const pool = createParsePool({ workers: 2 });
    records = await drain(pool.parseFile(file));
    await pool.close();
  } else records = await drain(streamStudyRecords(file));
  // maxRSS is in kilobytes and covers every thread of the process (workers included).
  log(
    JSON.stringify({
      records,
      seconds: (performance.now() - start) / 1000,
      maxRssKb: process.resourceUsage().maxRSS,
    }),
  );
}

/** Parsed-record cache at 100,000 records: segment layout vs one atomic file per record. */
async function cacheLayouts(dir: string, records: string[]): Promise<void> {
  const parsed = parseArticleSet(`<PubmedArticleSet>${records.join('')}</PubmedArticleSet>`, {
    file: 'bench',
  }).records;
  const entries = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const record = parsed[i % parsed.length] as StudyRecord;
      const pmid = String(90_000_000 + i);
      return { key: parsedRecordKey(pmid, record.version, `${pmid}:${i}`), record: { ...record, pmid } };
    });
  const total = 100_000;
  const all = entries(total);
  const segmentsDir = join(dir, 'segments');
  const write = await timed(async () => {
    const cache = await openParsedRecordCache(segmentsDir, { parserVersion: PARSER_VERSION });
    for (const { key, record } of all) cache.set(key, record);
    await cache.flush();
  });
  let hits = 0;
  const read = await timed(async () => {
    const cache = await openParsedRecordCache(segmentsDir, { parserVersion: PARSER_VERSION });
    hits = (await cache.getMany(all.map((entry) => entry.key))).size;
  });
  const segmentFiles = readdirSync(join(segmentsDir, 'parsed', 'segments')).length;
  const sample = 2000;
  const filesDir = join(dir, 'files');
  mkdirSync(filesDir);
  const perFileWrite = await timed(async () => {
    for (const { key, record } of all.slice(0, sample)) {
      await writeFileAtomic(join(filesDir, `${keyString(key)}.json`), JSON.stringify(record));
    }
  });
  const perFileRead = await timed(async () => {
    // Kept, like getMany keeps them: a build holds every record it loads.
    const kept = new Map<string, StudyRecord>();
    for (const { key } of all.slice(0, sample)) {
      kept.set(keyString(key), JSON.parse(readFileSync(join(filesDir, `${keyString(key)}.json`), 'utf8')));
    }
  });
  const scale = total / sample;
  log(`\nparsed-record cache, ${total} records:`);
  log('| layout | files | write s | open + read all s |');
  log('|---|---:|---:|---:|');
  log(
    `| segments (this cache) | ${segmentFiles} | ${write.wall.toFixed(1)} | ${read.wall.toFixed(1)} (${hits} hits) |`,
  );
  log(
    `| one file per record (measured on ${sample}, x${scale}) | ${total} | ${(perFileWrite.wall * scale).toFixed(0)} | ${(perFileRead.wall * scale).toFixed(1)} |`,
  );
}
