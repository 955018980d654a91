/**
 * What the refresh runs recorded, as the site shows it: the run history (about page, data/runs.json),
 * when a refresh first saw each study retracted (its page, the home page, the feed), and which cached
 * studies were withdrawn (left the query's results, or deleted by PubMed) and so leave the digest while
 * their pages stay, so citations to them keep working.
 */
import type { Manifest } from '../cache/raw-cache.ts';
import { type RunReport, readRefreshState, readRunReports } from '../cache/refresh-state.ts';
import type { DigestStudy } from '../search/index.ts';

export interface RefreshHistory {
  /** Every run, oldest first, failed ones included. */
  reports: RunReport[];
  withdrawn: Record<string, { at: string; reason: string }>;
}

export async function readRefreshHistory(
  cacheDir: string,
  manifest: Pick<Readonly<Manifest>, 'deleted'>,
): Promise<RefreshHistory> {
  const [reports, state] = await Promise.all([readRunReports(cacheDir), readRefreshState(cacheDir)]);
  const withdrawn: RefreshHistory['withdrawn'] = {};
  for (const [pmid, entry] of Object.entries(manifest.deleted ?? {}))
    withdrawn[pmid] = { at: entry.deletedAt, reason: 'deleted from PubMed' };
  for (const [pmid, entry] of Object.entries(state.withdrawn))
    withdrawn[pmid] = { at: entry.withdrawnAt, reason: entry.reason };
  return { reports, withdrawn };
}

/** What in the history changes the site: part of the build fingerprint. */
export function historyKey(history: RefreshHistory): string[] {
  return [
    ...history.reports.map((report) => `${report.runId}:${report.status}`),
    ...Object.entries(history.withdrawn)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([pmid, entry]) => `withdrawn:${pmid}:${entry.at}`),
  ];
}

/** What the refresh runs said about one study, before knowing whether its record is retracted. */
export interface StudyMarks {
  withdrawn?: { at: string; reason: string };
  /** Start of the first complete run that reported it newly retracted (kept only if the record is retracted). */
  noticedAt?: string;
}

/** Each PMID's marks from the history (one lookup per study instead of a scan of every report). */
export function marksFor(history: RefreshHistory): (pmid: string) => StudyMarks {
  const noticed = new Map<string, string>();
  for (const report of history.reports) {
    if (report.status !== 'complete') continue;
    for (const pmid of report.newlyRetracted) if (!noticed.has(pmid)) noticed.set(pmid, report.startedAt);
  }
  return (pmid) => {
    const withdrawn = history.withdrawn[pmid];
    const noticedAt = noticed.get(pmid);
    return { ...(withdrawn ? { withdrawn } : {}), ...(noticedAt ? { noticedAt } : {}) };
  };
}

/** The study with its marks (a new object when marked; the study itself otherwise). */
export function applyMarks(study: DigestStudy, marks: StudyMarks): DigestStudy {
  const { withdrawn } = marks;
  const retractionNoticedAt = study.record.retraction.retracted ? marks.noticedAt : undefined;
  if (withdrawn === undefined && retractionNoticedAt === undefined) return study;
  return {
    ...study,
    ...(withdrawn ? { withdrawn } : {}),
    ...(retractionNoticedAt ? { retractionNoticedAt } : {}),
  };
}

/** The studies with what the runs said about them (a new object per marked study; the rest as they were). */
export function markStudies(studies: DigestStudy[], history: RefreshHistory): DigestStudy[] {
  const marks = marksFor(history);
  return studies.map((study) => applyMarks(study, marks(study.record.pmid)));
}

/** Complete runs, newest first. */
export function completeRuns(history: RefreshHistory | undefined): RunReport[] {
  return (history?.reports ?? []).filter((report) => report.status === 'complete').reverse();
}
