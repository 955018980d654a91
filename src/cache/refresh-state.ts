/**
 * What scheduled refreshes remember between runs, beside the raw cache (docs/CACHE.md):
 *
 *   refresh-state.json   the watermark (start of the last complete run), the run in progress or left
 *                        unfinished, and the records a full re-sync found withdrawn
 *   runs/<run-id>.json   one report per refresh run, complete or failed: what it searched, found and fetched
 *
 * Both are written whole (write-file-atomic), so a kill leaves the old file or the new one.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { DigestError } from '../errors.ts';
import type { DateType, SearchSlice } from '../fetch/search-pmids.ts';

export const STATE_FILE = 'refresh-state.json';
export const RUNS_DIR = 'runs';

export interface WithdrawnEntry {
  /** Start of the run that found the record gone. */
  withdrawnAt: string;
  runId: string;
  reason: 'left the result set' | 'deleted from PubMed';
}

export interface RefreshState {
  layout: 1;
  /**
   * Start (ISO) of the last run that finished with every batch stored, or of the first of the runs it
   * resumed. The next incremental run searches entry and modification dates from this day minus the overlap.
   */
  watermark: string | null;
  lastFullSync: string | null;
  /**
   * A run started and not yet finished (killed or failed). Its successor resumes it: records fetched since
   * `since` are not fetched again, a full re-sync stays full, and the watermark stays put until one finishes.
   */
  pending: { since: string; full: boolean; runs: string[] } | null;
  /** Records a full re-sync no longer found for the query. Their cached history stays. */
  withdrawn: Record<string, WithdrawnEntry>;
}

export interface SearchSummary {
  datetype: DateType;
  from: string;
  to: string;
  /** PMIDs listed across the windows the range was split into. */
  count: number;
  slices: SearchSlice[];
}

export interface RunCounts {
  /** PMIDs the searches listed. */
  matched: number;
  fetched: number;
  new: number;
  updated: number;
  /** Fetched again (changed in PubMed by modification date) but with the same bytes. */
  unchanged: number;
  newlyRetracted: number;
  withdrawn: number;
  reinstated: number;
  offTopic: number;
  failed: number;
}

/** One refresh run, as kept in runs/<run-id>.json and shown on the about page (PRISMA-S items). */
export interface RunReport {
  runId: string;
  status: 'complete' | 'failed' | 'dry-run';
  mode: 'full' | 'incremental';
  /** Start of the unfinished run this one resumed, when it did. */
  resumedFrom: string | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  database: 'PubMed';
  interface: 'NCBI E-utilities';
  /** Base URL of the E-utilities used (never with the API key). */
  eutilsBaseUrl: string;
  query: string;
  searches: SearchSummary[];
  counts: RunCounts;
  new: string[];
  updated: string[];
  newlyRetracted: string[];
  withdrawn: string[];
  reinstated: string[];
  offTopic: { pmid: string; reason: string }[];
  failed: { pmid: string; reason: string }[];
  requests: number;
  retries: number;
  rateLimited: number;
  watermark: { before: string | null; after: string | null };
  /** Why a failed run failed (secrets removed). */
  error: string | null;
}

export function emptyState(): RefreshState {
  return { layout: 1, watermark: null, lastFullSync: null, pending: null, withdrawn: {} };
}

export async function readRefreshState(cacheDir: string): Promise<RefreshState> {
  const file = join(cacheDir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  let state: Partial<RefreshState>;
  try {
    state = JSON.parse(text) as Partial<RefreshState>;
  } catch (error) {
    throw new DigestError('CACHE_CORRUPT', `${file} is not valid JSON`, { cause: error, context: { file } });
  }
  if (state.layout !== 1) {
    throw new DigestError('CACHE_CORRUPT', `${file} does not hold a layout-1 refresh state`, {
      context: { file },
    });
  }
  return { ...emptyState(), ...state };
}

export async function writeRefreshState(cacheDir: string, state: RefreshState): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await writeFileAtomic(join(cacheDir, STATE_FILE), `${JSON.stringify(state, null, 1)}\n`);
}

export async function writeRunReport(cacheDir: string, report: RunReport): Promise<string> {
  const dir = join(cacheDir, RUNS_DIR);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${report.runId}.json`);
  await writeFileAtomic(file, `${JSON.stringify(report, null, 1)}\n`);
  return file;
}

/** Every run report, oldest first (run ids are start times, so they sort by name). */
export async function readRunReports(cacheDir: string): Promise<RunReport[]> {
  let names: string[];
  try {
    names = await readdir(join(cacheDir, RUNS_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const reports: RunReport[] = [];
  for (const name of names.filter((n) => /^[\w.-]+\.json$/.test(n)).sort()) {
    const file = join(cacheDir, RUNS_DIR, name);
    try {
      reports.push(JSON.parse(await readFile(file, 'utf8')) as RunReport);
    } catch (error) {
      throw new DigestError('CACHE_CORRUPT', `${file} is not a readable run report`, {
        cause: error,
        context: { file },
      });
    }
  }
  return reports;
}
