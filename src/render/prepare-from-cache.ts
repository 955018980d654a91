import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Manifest } from '../cache/raw-cache.ts';
import { type BuildThread, runOnThreads, startBuildThread } from './build-threads.ts';
import { fromSent, type PreparedStudy, type PrepareJob, type PrepareResult } from './prepare-study.ts';
import {
  openPreparedStore,
  type PreparedStore,
  preparedCodes,
  preparedStoreDir,
  recordKeyOf,
  type StoredLocation,
  summaryKey,
} from './prepared-store.ts';
import type { StudyMarks } from './refresh-history.ts';
import { SearchIndexThread } from './search-index-thread.ts';
import type { CarriedStudy, CarrySource } from './site-state.ts';

export interface PrepareOptions {
  /** Build threads; default one per core. */
  workers?: number;
  /** Below this many records the work stays on the calling thread (a worker costs ~0.3 s to start). */
  minJobsForWorkers?: number;
  batchSize?: number;
  /** Stored lines' JSON bytes each build thread keeps to render pages from (build-work.ts). */
  heldBytes?: number;
  warn?: (message: string) => void;
}

export interface PreparePass {
  /** The threads, still running (to render pages next); close() when done. */
  threads: BuildThread[];
  /** The search index thread the build threads sent the studies' terms to (null: the terms came here). */
  index: SearchIndexThread | null;
  problems: { pmid: string; message: string }[];
  /** Records parsed now, and records whose tags, terms and citations were made now (the rest came from the store). */
  parsed: number;
  derived: number;
  /** Studies taken from their stored summaries (their records were not read). */
  summarized: number;
  /** Of those, studies carried from the published site (site-state.ts): no build thread saw them. */
  carried: number;
  /** Where each prepared study's line and summary are, and its record in the raw cache, by PMID. */
  located: Map<string, LocatedStudy>;
  derivedCode: string;
  /** Makes the threads' lines durable and writes the store's index for the next build. */
  save(): Promise<void>;
  close(): Promise<void>;
}

export interface LocatedStudy {
  /** Its place in the list of jobs (PMID order): its provisional number in the search index thread. */
  index: number;
  key: string;
  stored: StoredLocation | null;
  summary: { key: string; stored: StoredLocation } | null;
  /** The job that prepared it: where its XML is, to parse it again if its stored line cannot be read. */
  job: PrepareJob;
  /** The build thread (its place in `threads`) that prepared it, -1 when none did (carried). */
  thread: number;
}

/**
 * Every cached record, prepared on build threads in PMID order: each thread reads its records' bytes from
 * the raw cache itself, takes what the prepared-study store already holds, parses, tags and cites the
 * rest and appends them to the store. `each` receives the studies in PMID order, as batches complete;
 * the calling thread never sees a record's XML. `full`: studies keep their whole record (loadStudies);
 * otherwise each arrives as its entry (digest-entry.ts), with its slim study (slim-study.ts) only when
 * on-topic, and its page is written by the same threads later.
 */
export async function prepareFromCache(
  cacheDir: string,
  manifest: Readonly<Manifest>,
  options: PrepareOptions & {
    full: boolean;
    marks?: (pmid: string) => StudyMarks;
    stageDir?: string | null;
    /** Send the studies' search terms to a search index thread (when the build threads are workers). */
    searchIndex?: boolean;
    /** Work for the calling thread while the build threads start. */
    meanwhile?: () => void;
    /**
     * The published site's studies (asked after `meanwhile`): a study it holds as it would be made now
     * is carried from there instead of being sent to a build thread.
     */
    carry?: () => CarrySource | null;
    /** Each study, with its job and the job's place in PMID order. */
    each: (study: PreparedStudy, job: PrepareJob, at: number) => void;
  },
): Promise<PreparePass> {
  const codes = await preparedCodes();
  const count = Object.keys(manifest.records).length;
  const cores = Math.max(1, options.workers ?? availableParallelism());
  const inThread = cores === 1 || count < (options.minJobsForWorkers ?? 400);
  const batchSize = options.batchSize ?? 100;
  const batches = Math.ceil(count / batchSize);
  // The threads start first (a worker takes most of a second to load its code), while this thread reads
  // the store's index and does the caller's `meanwhile`.
  let storeDir: string | null = preparedStoreDir(cacheDir);
  try {
    await mkdir(storeDir, { recursive: true });
  } catch (error) {
    storeDir = null;
    options.warn?.(`prepared-study store unavailable, preparing every record: ${(error as Error).message}`);
  }
  const run = `${Date.now()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const index = options.searchIndex && !inThread ? new SearchIndexThread() : null;
  const threads = Array.from({ length: inThread ? 1 : Math.max(1, Math.min(cores, batches)) }, (_, t) =>
    startBuildThread(
      {
        cacheDir,
        storeDir,
        segment: `${run}-${t}.jsonl`,
        stageDir: options.stageDir ?? null,
        derivedCode: codes.derived,
        summaryCode: codes.summary,
        full: options.full,
        ...(options.heldBytes === undefined ? {} : { heldBytes: options.heldBytes }),
        ...(index ? { index: index.port() } : {}),
      },
      inThread,
    ),
  );
  let store: PreparedStore | null = null;
  try {
    options.meanwhile?.();
  } catch (error) {
    await Promise.all([...threads.map((thread) => thread.close()), index?.close()]);
    throw error;
  }
  if (storeDir !== null) {
    try {
      store = await openPreparedStore(cacheDir, codes);
    } catch (error) {
      options.warn?.(`prepared-study store unavailable, preparing every record: ${(error as Error).message}`);
    }
  }
  const jobs: PrepareJob[] = Object.entries(manifest.records)
    .sort(([a], [b]) => Number(a) - Number(b) || a.localeCompare(b))
    .map(([pmid, entry]): PrepareJob => {
      const key = entry.sha256 ? `${pmid}.${entry.version}.${entry.sha256}` : null;
      const marks = options.marks?.(pmid);
      const summary =
        key === null ? null : summaryKey(key, codes.summary, { fetchedAt: entry.fetchedAt, ...marks });
      return {
        pmid,
        version: entry.version,
        file: entry.file,
        offset: entry.offset,
        length: entry.length,
        sha256: entry.sha256 ?? null,
        fetchedAt: entry.fetchedAt,
        stored: key === null ? null : (store?.get(key) ?? null),
        summaryKey: summary,
        summary: summary === null ? null : (store?.get(summary) ?? null),
        ...marks,
      };
    });
  const pass: PreparePass = {
    threads,
    index,
    problems: [],
    parsed: 0,
    derived: 0,
    summarized: 0,
    carried: 0,
    located: new Map(),
    derivedCode: codes.derived,
    async save() {
      await Promise.all(threads.map((thread) => thread.call({ type: 'sync' })));
      if (store === null) return;
      const live = new Map<string, StoredLocation>();
      for (const { key, stored, summary } of pass.located.values()) {
        if (stored) live.set(key, stored);
        if (stored && summary) live.set(summary.key, summary.stored);
      }
      try {
        await store.save(live);
      } catch (error) {
        options.warn?.(`could not save prepared studies for the next build: ${(error as Error).message}`);
      }
    },
    close: async () => {
      await Promise.all([...threads.map((thread) => thread.close()), index?.close()]);
    },
  };
  // Studies the published site holds as they would be made now: carried, not sent to the threads (only
  // with a search index thread, which takes their postings).
  const source = index === null ? null : (options.carry?.() ?? null);
  const carried = jobs.map((job) =>
    source === null || job.summaryKey === null ? undefined : source.find(job.pmid, job.summaryKey),
  );
  const todo: number[] = [];
  for (const [at, study] of carried.entries()) if (study === undefined) todo.push(at);
  const todoPlace = new Int32Array(jobs.length).fill(-1);
  for (const [place, at] of todo.entries()) todoPlace[at] = place;
  const todoBatches = Math.ceil(todo.length / batchSize);
  if (index !== null && source !== null && todo.length < jobs.length) {
    const pairs: number[] = [];
    for (const [at, study] of carried.entries()) if (study !== undefined) pairs.push(at, study.place);
    index.carry(source.postingsFile, Int32Array.from(pairs));
  }
  // Batches finish out of order; studies are handed on in order, the carried ones between them.
  const finished: (PrepareResult[] | undefined)[] = new Array(todoBatches);
  const preparedOn = new Int16Array(todoBatches).fill(-1);
  let next = 0;
  const take = (sent: PrepareResult, job: PrepareJob, at: number, thread: number) => {
    if ('error' in sent) {
      pass.problems.push({
        pmid: sent.pmid,
        message: `${sent.code ? `[${sent.code}] ` : ''}${sent.error}`,
      });
      return;
    }
    const result = 'entry' in sent ? sent : fromSent(sent, job);
    if (result.parsed) pass.parsed++;
    if (result.derivedMade) pass.derived++;
    if (result.summarized) pass.summarized++;
    pass.located.set(result.pmid, {
      index: at,
      key: result.key,
      stored: result.stored,
      summary: result.summary,
      job,
      thread,
    });
    options.each(result, job, at);
  };
  const handOn = () => {
    while (next < jobs.length) {
      const job = jobs[next] as PrepareJob;
      const study = carried[next];
      if (study === undefined) {
        const place = todoPlace[next] as number;
        const batch = Math.floor(place / batchSize);
        const results = finished[batch];
        if (results === undefined) return;
        take(results[place % batchSize] as PrepareResult, job, next, preparedOn[batch] as number);
        if (place % batchSize === results.length - 1) finished[batch] = undefined;
      } else take(carriedStudy(study, job), job, next, -1);
      next++;
    }
  };
  try {
    const running = runOnThreads(
      threads,
      todoBatches,
      async (thread, id, t) => {
        preparedOn[id] = t;
        const batch = todo.slice(id * batchSize, (id + 1) * batchSize);
        const reply = await thread.call({
          type: 'prepare',
          id,
          indices: batch,
          jobs: batch.map((at) => jobs[at] as PrepareJob),
        });
        if (reply.type !== 'prepared') throw new Error(`build thread: unexpected ${reply.type} reply`);
        return reply.results;
      },
      (id, results) => {
        finished[id] = results;
        handOn();
      },
    );
    // The carried studies before the first batch's are handed on while the threads work.
    handOn();
    await running;
    handOn();
    if (next < jobs.length) throw new Error(`build: ${jobs.length - next} studies were never handed on`);
  } catch (error) {
    await pass.close();
    throw error;
  }
  pass.carried = jobs.length - todo.length;
  return pass;
}

/** A carried study as the build takes it: from its published summary, stored where its job says. */
function carriedStudy(study: CarriedStudy, job: PrepareJob): PreparedStudy {
  const summaryKey = job.summaryKey as string;
  return {
    pmid: job.pmid,
    key: recordKeyOf(summaryKey),
    ...study.head,
    head: study.headBytes,
    terms: null,
    lines: { from: study.from, sizes: study.sizes },
    stored: job.stored,
    summary: job.summary === null ? null : { key: summaryKey, stored: job.summary },
    citations: null,
    parsed: false,
    derivedMade: false,
    summarized: true,
  };
}
