import type { RunReport } from '../cache/refresh-state.ts';
import { isRetracted } from '../search/index.ts';
import type { TagRule } from '../tag/index.ts';
import { formatCount } from './format-count.ts';
import { formatDate } from './layout-view.ts';
import { pageLayout } from './page-context.ts';
import type { SiteFacts } from './site-facts.ts';
import type { SiteInput } from './site-input.ts';
import { searchPath, studyPath } from './site-paths.ts';

const OFF_TOPIC_SHOWN = 100;

/** Method and provenance, PRISMA-S style: the query, the runs, what was found and what was left out, the rules. */
export function viewAbout(input: SiteInput, facts: SiteFacts) {
  const layout = pageLayout(input, facts, 'about/index.html', {
    title: `About and method: ${input.siteTitle}`,
    description:
      'The exact PubMed query, run dates, counts, screening and the tagging rules behind this digest.',
    nav: 'about',
  });
  const root = layout.root;
  const reasons = new Map<string, number>();
  for (const entry of facts.offTopic) reasons.set(entry.reason, (reasons.get(entry.reason) ?? 0) + 1);
  const rules = input.rules;
  const table = (name: string, rows: TagRule[]) => ({
    name,
    rows: rows.map((rule) => ({
      id: rule.id,
      tag: rule.tag,
      label: rule.label,
      fields: rule.fields.join(', '),
      rationale: rule.rationale,
      patterns: (rule.patterns ?? []).map((pattern) => pattern.source),
      mesh: (rule.mesh ?? []).join('; '),
      publicationTypes: (rule.publicationTypes ?? []).join('; '),
    })),
  });
  const missing = Object.keys(input.manifest.missing).length;
  const recordsInCache = facts.entries.length + input.problems.length;
  return {
    layout,
    query: input.query,
    runs: {
      count: input.runs.length,
      first: input.runs.length > 0 ? formatDate(input.runs[0] ?? null) : null,
      last: input.runs.length > 0 ? formatDate(input.runs.at(-1) ?? null) : null,
    },
    dataAsOf: formatDate(facts.dataAsOf),
    history: runHistory(input.history?.reports ?? []),
    historyJson: `${root}/data/runs.json`,
    withdrawn: facts.withdrawn.map((entry) => ({
      url: `${root}/${studyPath(entry.pmid)}`,
      pmid: entry.pmid,
      title: entry.title,
      reason: entry.withdrawn?.reason ?? '',
      at: formatDate(entry.withdrawn?.at ?? null),
    })),
    counts: {
      identified: formatCount(recordsInCache + missing),
      missing,
      retrieved: formatCount(recordsInCache),
      unreadable: input.problems.length,
      screenedOut: formatCount(facts.offTopic.length),
      included: formatCount(facts.included.length),
      retracted: facts.included.filter(isRetracted).length,
      withdrawn: facts.withdrawn.length,
    },
    problems: input.problems.slice(0, 50),
    reasons: [...reasons].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count })),
    offTopic: facts.offTopic.slice(0, OFF_TOPIC_SHOWN).map((entry) => ({
      url: `${root}/${studyPath(entry.pmid)}`,
      pmid: entry.pmid,
      title: entry.title,
      reason: entry.reason,
    })),
    offTopicMore: facts.offTopic.length > OFF_TOPIC_SHOWN ? facts.offTopic.length - OFF_TOPIC_SHOWN : 0,
    offTopicSearch: `${root}/${searchPath(new URLSearchParams({ offtopic: 'show', sort: 'date' }))}`,
    offTopicCsv: `${root}/data/studies.csv`,
    tables: [
      table('Relevance (screening)', rules.relevance),
      table('Topics', rules.topics),
      table('Design', rules.design),
      table('Routes', rules.routes),
      table('Substances', rules.substances),
      table('Populations', rules.populations),
      table('Comparator', rules.comparator),
      table('Regimen', rules.regimen),
      table('Retraction', rules.retraction),
    ],
    sampleSize: rules.sampleSize.map((rule) => ({
      id: rule.id,
      label: rule.label,
      rationale: rule.rationale,
    })),
    levels: rules.evidenceLevels.map((row) => ({
      design: row.design,
      level: row.level ?? 'none',
      reason: row.reason,
    })),
  };
}

const RUNS_SHOWN = 52;

/** The run history, newest first, PRISMA-S style: when, how, which date limits, what each run found. */
function runHistory(reports: RunReport[]) {
  const rows = [...reports].reverse().slice(0, RUNS_SHOWN);
  return {
    count: reports.length,
    more: Math.max(0, reports.length - RUNS_SHOWN),
    rows: rows.map((report) => ({
      date: `${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
      mode: report.mode === 'full' ? 'full re-sync' : 'incremental',
      status: report.status,
      failed: report.status !== 'complete',
      limits: report.searches
        .map((s) => `${s.datetype === 'edat' ? 'entry' : 'modified'} ${s.from}-${s.to}`)
        .join('; '),
      listed: formatCount(report.counts.matched),
      new: formatCount(report.counts.new),
      updated: formatCount(report.counts.updated),
      retracted: report.counts.newlyRetracted,
      withdrawn: report.counts.withdrawn,
      offTopic: report.counts.offTopic,
      failedPmids: report.counts.failed,
      requests: report.requests,
      minutes: (report.durationMs / 60_000).toFixed(1),
    })),
  };
}
