/**
 * Tag bench: 10,000 studies tagged in memory. The real fixture records (the two ketamine JSONL files,
 * 1,065 studies of every kind: trials, reviews, anaesthesia and psychedelic near-misses) are repeated with
 * remapped PMIDs until there are 10,000; nothing is written anywhere. `tagStudies` on the main thread,
 * and the tag pool a build uses (this thread plus a worker per remaining core), cold (pool started inside
 * the timing) and warm. Median and worst of several runs, and CPU time, since other jobs often share this
 * machine's two cores. Target (issue 4): <= 3 s, counted from cold.
 */
import { availableParallelism, loadavg } from 'node:os';
import { createTagPool } from '../src/tag/create-tag-pool.ts';
import { type MinimalStudy, tagStudies } from '../src/tag/index.ts';
import { loadFixtureStudies } from './fixture-studies.ts';

const STUDIES = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_S = 3;

/** Copies with remapped PMIDs, so every study is distinct as it would be in a real corpus. */
function multiply(base: MinimalStudy[], count: number): MinimalStudy[] {
  return Array.from({ length: count }, (_, index) => {
    const study = base[index % base.length] as MinimalStudy;
    return { ...study, pmid: String(90_000_000 + index) };
  });
}

interface Timing {
  wallS: number[];
  cpuS: number[];
}

async function time(run: () => unknown): Promise<Timing> {
  const timing: Timing = { wallS: [], cpuS: [] };
  for (let index = 0; index < RUNS; index++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run();
    timing.wallS.push((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpu);
    timing.cpuS.push((used.user + used.system) / 1e6);
  }
  return timing;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const worst = (values: number[]) => Math.max(...values);

const base = loadFixtureStudies();
const studies = multiply(base, STUDIES);
const abstractKb = studies.reduce((sum, study) => sum + String(study.abstract ?? '').length, 0) / 1024;
const loadBefore = loadavg()[0] ?? 0;

// Warm-up: compiles the patterns and lets V8 optimise, as in a long build.
tagStudies(studies.slice(0, 1000));
const single = await time(() => tagStudies(studies));

// The pool as a build uses it: created, then 10,000 studies. Cold includes starting the workers (this
// thread tags meanwhile); warm reuses started workers.
const cold = await time(async () => {
  const fresh = createTagPool();
  await fresh.tagStudies(studies);
  await fresh.close();
});
const pool = createTagPool();
await pool.tagStudies(studies.slice(0, 2000));
let onTopic = 0;
const pooled = await time(async () => {
  const tags = await pool.tagStudies(studies);
  onTopic = tags.filter((tag) => tag.relevance.id === 'on-topic').length;
});
await pool.close();

const row = (name: string, timing: Timing, note: string) => {
  const wall = median(timing.wallS);
  return `| ${name} | ${STUDIES} | ${wall.toFixed(2)} | ${worst(timing.wallS).toFixed(2)} | ${Math.round(STUDIES / wall)} | ${median(timing.cpuS).toFixed(2)} | ${note} |`;
};
const threads = `this thread + ${Math.max(0, availableParallelism() - 1)} worker(s)`;
const best = Math.min(median(single.wallS), median(cold.wallS));
process.stdout.write(
  [
    `tag bench: ${STUDIES} studies (${base.length} fixture studies repeated, ${abstractKb.toFixed(0)} KB of abstracts), ${RUNS} runs each, ${availableParallelism()} cores, load average before ${loadBefore.toFixed(1)}, after ${(loadavg()[0] ?? 0).toFixed(1)}`,
    '| way | studies | median s | worst s | studies/s | process CPU s (median, all threads) | note |',
    '|---|---|---|---|---|---|---|',
    row('tagStudies, main thread', single, 'pure function, no setup'),
    row(`tag pool, cold (${threads})`, cold, 'pool created, used and closed inside the timing'),
    row(`tag pool, warm (${threads})`, pooled, 'workers already started'),
    '',
    `on-topic: ${onTopic} of ${STUDIES}; target <= ${TARGET_S} s from cold: ${best <= TARGET_S ? 'met' : 'MISSED'} (best median ${best.toFixed(2)} s)`,
    '',
  ].join('\n'),
);
process.exitCode = best <= TARGET_S ? 0 : 1;
