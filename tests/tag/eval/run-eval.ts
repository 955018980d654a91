/**
 * `npm run eval [-- --split tune|check|all] [--family NAME] [--no-disagreements]`
 *
 * Tags every study of the labelled dev set (tests/tag/labels/dev-set.jsonl; texts read in place from
 * ../shared/fixtures) and prints per-tag precision, recall and F1, the design confusion matrix and the
 * disagreements with the evidence the engine gave. Exit code 1 when a family misses its issue-4 target.
 */
import type { TagSource } from '../../../src/tag/normalise-input.ts';
import type { DevLabel } from './dev-label.ts';
import { type DevSetReport, evaluateDevSet } from './evaluate-dev-set.ts';
import { loadDevSet } from './load-dev-set.ts';
import { loadFixtureStudies } from './load-fixture-studies.ts';
import { loadXmlFixtureStudies } from './load-xml-fixture-studies.ts';
import { type RetractionScan, scanFixtureRetractions } from './scan-fixture-retractions.ts';
import type { MultiLabelScore, SingleLabelScore, TagScore } from './score-labels.ts';

/** Issue 4's targets on the dev set. */
const TARGETS = { relevance: 0.96, design: 0.87, topics: 0.82, routes: 0.9, substances: 0.9 } as const;

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? undefined : args[index + 1];
};
const split = option('split') ?? 'all';
const family = option('family');
const showDisagreements = !args.includes('--no-disagreements');

const labels = loadDevSet().filter((label) => split === 'all' || label.split === split);
const studies = await loadStudies(labels);
const report = evaluateDevSet(labels, studies);
const retractions = await scanFixtureRetractions();
const out: string[] = [];
printReport(report, out);
printRetractionScan(retractions, out);
if (showDisagreements) printDisagreements(report, out, family);
const failures = printTargets(report, retractions, out);
process.stdout.write(`${out.join('\n')}\n`);
process.exitCode = failures === 0 ? 0 : 1;

async function loadStudies(wanted: DevLabel[]): Promise<Map<string, TagSource>> {
  const studies = new Map<string, TagSource>();
  for (const fixture of new Set(wanted.map((label) => label.fixture))) {
    const byPmid = fixture.endsWith('.jsonl')
      ? loadFixtureStudies(fixture)
      : await loadXmlFixtureStudies(fixture);
    for (const [pmid, study] of byPmid) studies.set(pmid, study);
  }
  return studies;
}

function printReport(r: DevSetReport, lines: string[]) {
  lines.push(`Dev set (${split}): ${r.records} labelled records, ${r.onTopic} on-topic with full labels`, '');
  lines.push(
    `RELEVANCE  on-topic F1 ${pct(r.relevance.onTopic.f1)}  (P ${pct(r.relevance.onTopic.precision)} R ${pct(r.relevance.onTopic.recall)})  accuracy ${pct(r.relevance.accuracy)}  macro-F1 ${pct(r.relevance.macroF1)}`,
  );
  table(r.relevance.perTag, lines);
  lines.push(
    '',
    `DESIGN  accuracy ${pct(r.design.accuracy)}  weighted F1 ${pct(r.design.weightedF1)}  macro F1 ${pct(r.design.macroF1)}   evidence level accuracy ${pct(r.evidenceLevel.accuracy)}`,
  );
  table(r.design.perTag, lines);
  confusion(r.design, lines);
  for (const name of ['topics', 'routes', 'substances', 'populations'] as const) {
    const score: MultiLabelScore = r.multi[name];
    lines.push(
      '',
      `${name.toUpperCase()}  micro F1 ${pct(score.micro.f1)}  (P ${pct(score.micro.precision)} R ${pct(score.micro.recall)})`,
    );
    table(score.perTag, lines);
  }
  for (const name of ['comparator', 'regimen'] as const) {
    const score: SingleLabelScore = r.single[name];
    lines.push('', `${name.toUpperCase()}  accuracy ${pct(score.accuracy)}  macro F1 ${pct(score.macroF1)}`);
    table(score.perTag, lines);
  }
  const n = r.sampleSize;
  lines.push(
    '',
    `SAMPLE SIZE n  exact ${n.exact}/${n.labelled} (${pct(n.exact / Math.max(1, n.labelled))}), missing ${n.missing}; given although not stated: ${n.givenWhenUnlabelled}/${n.unlabelled}`,
    `RETRACTION (labelled records)  flagged ${r.retraction.flagged}/${r.retraction.retracted}, ${r.retraction.falseFlags} false flags`,
  );
}

function printDisagreements(r: DevSetReport, lines: string[], only: string | undefined) {
  const shown = r.disagreements.filter((d) => only === undefined || d.family === only);
  lines.push('', `DISAGREEMENTS (${shown.length})  family | PMID | label | engine | engine evidence | title`);
  for (const d of shown) {
    lines.push(
      `  ${d.family} | ${d.pmid} | ${d.gold} | ${d.predicted} | ${d.evidence} | ${d.title.slice(0, 90)}`,
    );
  }
}

function printRetractionScan(scan: RetractionScan, lines: string[]) {
  lines.push(
    `RETRACTION (every fixture XML: ${scan.files} files, ${scan.records} records)  flagged ${scan.retracted.length - scan.missed.length}/${scan.retracted.length} retracted records, ${scan.falseFlags.length} false flags`,
  );
  for (const id of scan.missed) lines.push(`  missed: ${id}`);
  for (const id of scan.falseFlags) lines.push(`  false flag: ${id}`);
}

function printTargets(r: DevSetReport, scan: RetractionScan, lines: string[]): number {
  const results: Array<[string, number, number]> = [
    ['relevance (on-topic F1)', r.relevance.onTopic.f1, TARGETS.relevance],
    ['design (weighted F1)', r.design.weightedF1, TARGETS.design],
    ['topics (micro F1)', r.multi.topics.micro.f1, TARGETS.topics],
    ['routes (micro F1)', r.multi.routes.micro.f1, TARGETS.routes],
    ['substances (micro F1)', r.multi.substances.micro.f1, TARGETS.substances],
    [
      'retractions flagged (XML)',
      (scan.retracted.length - scan.missed.length) / Math.max(1, scan.retracted.length),
      1,
    ],
    ['no false retraction flags', scan.falseFlags.length === 0 ? 1 : 0, 1],
  ];
  lines.push('', 'TARGETS (issue 4)');
  let failures = 0;
  for (const [name, value, target] of results) {
    const ok = value >= target;
    if (!ok) failures++;
    lines.push(`  ${ok ? 'ok  ' : 'MISS'} ${name.padEnd(26)} ${pct(value)}  target ${pct(target)}`);
  }
  return failures;
}

function table(scores: TagScore[], lines: string[]) {
  lines.push(
    `  ${'tag'.padEnd(22)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${'n'.padStart(5)}`,
  );
  for (const s of scores) {
    lines.push(
      `  ${s.tag.padEnd(22)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${String(s.support).padStart(5)}`,
    );
  }
}

function confusion(score: SingleLabelScore, lines: string[]) {
  const classes = [
    ...new Set([
      ...score.confusion.keys(),
      ...[...score.confusion.values()].flatMap((row) => [...row.keys()]),
    ]),
  ].sort();
  const short = (name: string) => name.slice(0, 6);
  lines.push('', `  confusion (rows: label, columns: engine)`);
  lines.push(`  ${''.padEnd(22)}${classes.map((c) => short(c).padStart(7)).join('')}`);
  for (const gold of classes) {
    const row = score.confusion.get(gold);
    if (row === undefined) continue;
    lines.push(`  ${gold.padEnd(22)}${classes.map((c) => String(row.get(c) ?? '.').padStart(7)).join('')}`);
  }
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`.padStart(6);
}
