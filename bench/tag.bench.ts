/**
 * Tag bench: 10,000 studies tagged in memory, as `tag` and the build do it. The real fixture records (the
 * two ketamine JSONL files, 1,065 studies of every kind: trials, reviews, anaesthesia and psychedelic
 * near-misses) are repeated with remapped PMIDs until there are 10,000; nothing is written anywhere.
 * Reports the median and worst of several runs, and studies per second. Target (issue 4): <= 3 s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MinimalStudy, tagStudies } from '../src/tag/index.ts';
import { FIXTURES } from '../tests/fixtures-path.ts';

const STUDIES = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_S = 3;

function loadFixtureStudies(): MinimalStudy[] {
  return ['ketamine/on_topic.jsonl', 'ketamine/near_miss.jsonl'].flatMap((file) =>
    readFileSync(join(FIXTURES, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as MinimalStudy),
  );
}

/** Copies with remapped PMIDs, so every study is distinct as it would be in a real corpus. */
function multiply(base: MinimalStudy[], count: number): MinimalStudy[] {
  return Array.from({ length: count }, (_, index) => {
    const study = base[index % base.length] as MinimalStudy;
    return { ...study, pmid: String(90_000_000 + index) };
  });
}

const base = loadFixtureStudies();
const studies = multiply(base, STUDIES);
const abstractKb = studies.reduce((sum, study) => sum + String(study.abstract ?? '').length, 0) / 1024;

// One warm-up run compiles the patterns and lets V8 optimise, as in a long build.
tagStudies(studies.slice(0, 500));
const timesS: number[] = [];
let onTopic = 0;
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const tags = tagStudies(studies);
  timesS.push((performance.now() - started) / 1000);
  onTopic = tags.filter((tag) => tag.relevance.id === 'on-topic').length;
}
timesS.sort((a, b) => a - b);
const median = timesS[Math.floor(timesS.length / 2)] as number;
const worst = timesS[timesS.length - 1] as number;

process.stdout.write(
  [
    `tag bench: ${STUDIES} studies (${base.length} fixture studies repeated, ${abstractKb.toFixed(0)} KB of abstracts), ${RUNS} runs`,
    `| studies | median s | worst s | studies/s (median) | per study ms | on-topic | target |`,
    `|---|---|---|---|---|---|---|`,
    `| ${STUDIES} | ${median.toFixed(2)} | ${worst.toFixed(2)} | ${Math.round(STUDIES / median)} | ${((median * 1000) / STUDIES).toFixed(3)} | ${onTopic} | <= ${TARGET_S} s: ${median <= TARGET_S ? 'met' : 'MISSED'} |`,
    '',
  ].join('\n'),
);
process.exitCode = median <= TARGET_S ? 0 : 1;
