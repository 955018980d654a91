/**
 * Where the stages meet, in order. refresh(): read the watermark -> search new (entry date) and changed
 * (modification date) records, or everything for a full re-sync -> fetch what the cache lacks or holds an
 * older copy of -> store -> report. Effects (clock, randomness, output) are handed in, so tests drive them.
 */
import { type CacheLock, lockCache } from './cache/cache-lock.ts';
import { type Manifest, openRawCache, type RawCache } from './cache/raw-cache.ts';
import {
  type RunReport,
  readRefreshState,
  type SearchSummary,
  writeRefreshState,
  writeRunReport,
} from './cache/refresh-state.ts';
import type { Config } from './config.ts';
import { describeError } from './errors.ts';
import { redactSecret } from './fetch/build-request.ts';
import { createEutilsClient, type EutilsClient } from './fetch/eutils-client.ts';
import { fetchRecords } from './fetch/fetch-records.ts';
import { type Clock, createPacer, intervalForRate } from './fetch/pacer.ts';
import { type DateType, type DateWindow, formatYmd, searchPmids } from './fetch/search-pmids.ts';
import { parseRecordXml } from './parse/index.ts';
import type { Progress, Reporter } from './reporter.ts';
import { tagStudy } from './tag/index.ts';

export interface PipelineDeps {
  clock: Clock;
  random: () => number;
  reporter: Reporter;
}

export interface RefreshOptions {
  dryRun: boolean;
  /** Search the whole date range, fetch every record again and mark those that left the result set. */
  full?: boolean;
  /** The caller already holds the cache lock (`run` holds it across refresh and build). */
  lockHeld?: boolean;
}

/** A refresh that failed midway: its report (also written under the cache) and the reason. */
export class RefreshFailed extends Error {
  constructor(
    readonly report: RunReport,
    readonly reason: unknown,
  ) {
    super(describeError(reason));
    this.name = 'RefreshFailed';
  }
}

const DAY_MS = 86_400_000;

export async function refresh(
  config: Config,
  deps: PipelineDeps,
  options: RefreshOptions,
): Promise<RunReport> {
  // A dry run writes nothing, so it neither needs nor blocks on the lock.
  const lock =
    options.dryRun || options.lockHeld ? null : await lockCache(config.cacheDir, config.lockStaleMs);
  try {
    return await refreshLocked(config, deps, options, lock);
  } finally {
    await lock?.release();
  }
}

async function refreshLocked(
  config: Config,
  deps: PipelineDeps,
  options: RefreshOptions,
  lock: CacheLock | null,
): Promise<RunReport> {
  const { reporter, clock } = deps;
  const startedMs = clock.now();
  const startedAt = new Date(startedMs).toISOString();
  const runId = startedAt.replace(/[:.]/g, '-');
  const cache = await openRawCache(config.cacheDir, () => new Date(clock.now()), {
    readOnly: options.dryRun,
  });
  const state = await readRefreshState(config.cacheDir);
  const before = snapshotManifest(cache.manifest);
  const full = options.full === true || state.watermark === null || state.pending?.full === true;
  const chainStart = state.pending?.since ?? startedAt;
  const watermarkBefore = state.watermark;
  if (state.pending !== null)
    reporter.info(
      `resuming the unfinished refresh of ${state.pending.since}: records fetched since then are kept, not fetched again`,
    );
  if (!options.dryRun) {
    // Written before anything is fetched: a run killed from here on is resumed by the next one.
    state.pending = { since: chainStart, full, runs: [...(state.pending?.runs ?? []), runId] };
    await writeRefreshState(config.cacheDir, state);
  }

  const client = createEutilsClient({
    baseUrl: config.eutilsBaseUrl,
    identity: { tool: config.tool, email: config.email, apiKey: config.apiKey },
    pacer: createPacer(intervalForRate(config.requestsPerSecond), clock),
    clock,
    random: deps.random,
    policy: { maxAttempts: config.maxAttempts, baseMs: config.retryBaseMs, maxMs: config.retryMaxMs },
    maxInFlight: config.maxInFlight,
    requestTimeoutMs: config.requestTimeoutMs,
    onRetry: ({ endpoint, attempt, delayMs, outcome }) => {
      lock?.check();
      reporter.detail(`${endpoint}: ${outcome.message}; attempt ${attempt + 1} in ${delayMs} ms`);
    },
  });

  const searches: SearchOutcome[] = [];
  let esearchSaved = 0;
  const saveEsearch = options.dryRun
    ? undefined
    : (body: Buffer) => cache.saveEsearch(runId, ++esearchSaved, body).then(() => {});
  let fetchedCount = 0;
  let missing: string[] = [];
  let deleted: string[] = [];
  const report = (status: RunReport['status'], analysis: Analysis, error: string | null): RunReport => {
    const finishedMs = clock.now();
    const complete = status === 'complete';
    return {
      runId,
      status,
      mode: full ? 'full' : 'incremental',
      resumedFrom: chainStart === startedAt ? null : chainStart,
      startedAt,
      finishedAt: new Date(finishedMs).toISOString(),
      durationMs: finishedMs - startedMs,
      database: 'PubMed',
      interface: 'NCBI E-utilities',
      eutilsBaseUrl: config.eutilsBaseUrl,
      query: config.query,
      searches: searches.map(({ pmids: _listed, ...summary }) => summary),
      counts: {
        matched: new Set(searches.flatMap((s) => s.pmids)).size,
        fetched: fetchedCount,
        new: analysis.new.length,
        updated: analysis.updated.length,
        unchanged: analysis.unchanged,
        newlyRetracted: analysis.newlyRetracted.length,
        withdrawn: analysis.withdrawn.length,
        reinstated: analysis.reinstated.length,
        offTopic: analysis.offTopic.length,
        failed: analysis.failed.length,
      },
      new: analysis.new,
      updated: analysis.updated,
      newlyRetracted: analysis.newlyRetracted,
      withdrawn: analysis.withdrawn,
      reinstated: analysis.reinstated,
      offTopic: analysis.offTopic,
      failed: analysis.failed,
      requests: client.stats.requests,
      retries: client.stats.retries,
      rateLimited: client.stats.rateLimited,
      watermark: { before: watermarkBefore, after: complete ? chainStart : watermarkBefore },
      error,
    };
  };

  try {
    const today = formatYmd(new Date(startedMs));
    const from = full
      ? config.searchFrom
      : formatYmd(new Date(Date.parse(watermarkBefore ?? startedAt) - config.overlapDays * DAY_MS));
    const window = { from, to: today };
    reporter.info(
      full
        ? `esearch: full re-sync, entry dates ${window.from}-${window.to}`
        : `esearch: entry and modification dates ${window.from}-${window.to} (last complete run ${watermarkBefore}, ${config.overlapDays} days of overlap)`,
    );
    const search = (datetype: DateType) =>
      runSearch(client, saveEsearch, reporter, config.query, window, datetype);
    searches.push(await search('edat'));
    if (!full) searches.push(await search('mdat'));

    const listed = new Set(searches.flatMap((s) => s.pmids));
    const changed = new Set(full ? listed : (searches[1]?.pmids ?? []));
    // Fetched since the chain of unfinished runs began: as fresh as this run would get, never fetched twice.
    const freshInChain = (pmid: string) => (cache.manifest.records[pmid]?.fetchedAt ?? '') >= chainStart;
    const retryMissing = Object.keys(cache.manifest.missing).filter((pmid) => !listed.has(pmid));
    // A DeleteCitation seen since the window began answers for the PMID; PubMed's index lags a deletion.
    const windowStart = `${window.from.replaceAll('/', '-')}T00:00:00.000Z`;
    const deletedInWindow = (pmid: string) => (cache.manifest.deleted[pmid]?.deletedAt ?? '') >= windowStart;
    const toFetch = [...listed, ...retryMissing]
      .filter((pmid) => !cache.has(pmid) || (changed.has(pmid) && !freshInChain(pmid)))
      .filter((pmid) => !deletedInWindow(pmid))
      .sort((a, b) => Number(a) - Number(b));
    const newCount = toFetch.filter((pmid) => !cache.has(pmid)).length;
    reporter.info(
      `esearch: ${listed.size} records listed; ${newCount} not cached, ${toFetch.length - newCount} cached but changed in PubMed` +
        (retryMissing.length > 0 ? ` (${retryMissing.length} missing last time, asked again)` : '') +
        `: ${toFetch.length} to fetch`,
    );

    if (options.dryRun) {
      if (toFetch.length > 0)
        reporter.info(
          `dry run: would fetch ${toFetch.length} records, e.g. PMIDs ${toFetch.slice(0, 10).join(', ')}`,
        );
      return report('dry-run', emptyAnalysis(), null);
    }

    if (toFetch.length > 0) {
      const bar = reporter.progress('efetch', 'records', toFetch.length);
      const plannedBatches = Math.ceil(toFetch.length / config.batchSize);
      try {
        const result = await fetchRecords(
          {
            client,
            sink: {
              saveEfetch: (...args) => {
                lock?.check();
                return cache.saveEfetch(...args);
              },
            },
            batchSize: config.batchSize,
            onBatch: ({ records, batches }) => {
              fetchedCount = records;
              bar.update(records, undefined, `batch ${batches}/${plannedBatches}`);
            },
          },
          toFetch,
        );
        missing = result.missing;
        deleted = result.deleted;
      } finally {
        bar.stop();
        await cache.compact();
      }
      if (missing.length > 0)
        reporter.warn(
          `${missing.length} PMID(s) not returned by efetch after a second try, recorded as missing and asked for again next run: ` +
            missing.slice(0, 20).join(', '),
        );
    }

    const withdrawnBefore = new Set(Object.keys(state.withdrawn));
    if (full) {
      for (const pmid of Object.keys(cache.manifest.records)) {
        if (!listed.has(pmid) && !state.withdrawn[pmid] && !cache.manifest.deleted[pmid])
          state.withdrawn[pmid] = { withdrawnAt: startedAt, runId, reason: 'left the result set' };
      }
    }
    for (const pmid of deleted)
      state.withdrawn[pmid] = { withdrawnAt: startedAt, runId, reason: 'deleted from PubMed' };
    const reinstated = [...withdrawnBefore].filter(
      (pmid) => listed.has(pmid) && state.withdrawn[pmid]?.reason === 'left the result set',
    );
    for (const pmid of reinstated) delete state.withdrawn[pmid];
    const analysis = await analyse(cache, before, chainStart, reporter);
    analysis.withdrawn = Object.keys(state.withdrawn)
      .filter((pmid) => !withdrawnBefore.has(pmid))
      .sort(byNumber);
    analysis.reinstated = reinstated.sort(byNumber);
    analysis.failed.push(
      ...missing.map((pmid) => ({ pmid, reason: 'not returned by efetch after two asks' })),
    );

    lock?.check();
    state.watermark = chainStart;
    state.pending = null;
    if (full) state.lastFullSync = chainStart;
    const done = report('complete', analysis, null);
    // The report first: a kill between the two writes leaves the run pending, and its successor redoes
    // only the bookkeeping (everything it fetched is cached).
    await writeRunReport(config.cacheDir, done);
    await writeRefreshState(config.cacheDir, state);
    return done;
  } catch (error) {
    if (options.dryRun) throw error;
    let analysis = emptyAnalysis();
    try {
      analysis = await analyse(cache, before, chainStart, reporter);
    } catch {
      // The cache itself may be what failed; the report still says what the run did.
    }
    const failed = report('failed', analysis, redactSecret(describeError(error), config.apiKey));
    await writeRunReport(config.cacheDir, failed).catch(() => {});
    throw new RefreshFailed(failed, error);
  } finally {
    await client.close();
  }
}

interface SearchOutcome extends SearchSummary {
  pmids: string[];
}

async function runSearch(
  client: EutilsClient,
  saveResponse: ((body: Buffer) => Promise<void>) | undefined,
  reporter: Reporter,
  query: string,
  window: DateWindow,
  datetype: DateType,
): Promise<SearchOutcome> {
  const label = datetype === 'edat' ? 'entry dates' : 'modification dates';
  let bar: Progress | null = null;
  const result = await searchPmids(
    {
      client,
      ...(saveResponse ? { saveResponse } : {}),
      onSlice: (slice) =>
        reporter.detail(
          `esearch: ${slice.count} records, ${label} ${slice.window.from}-${slice.window.to}` +
            (slice.uidRange ? `, PMIDs ${slice.uidRange[0]}-${slice.uidRange[1]}` : ''),
        ),
      onProgress: ({ listed, total, windows, requests }) => {
        if (total === 0) return;
        bar ??= reporter.progress(`esearch ${datetype}`, 'PMIDs', total);
        bar.update(listed, total, `${windows} window(s), ${requests} request(s)`);
      },
    },
    query,
    window,
    datetype,
  ).finally(() => (bar as Progress | null)?.stop());
  if (result.pmids.length !== result.totalCount)
    reporter.warn(
      `esearch counted ${result.totalCount} records by ${label} but the windows listed ${result.pmids.length} (PubMed changed during the run?)`,
    );
  return {
    datetype,
    from: window.from,
    to: window.to,
    count: result.pmids.length,
    slices: result.slices,
    pmids: result.pmids,
  };
}

interface Analysis {
  new: string[];
  updated: string[];
  unchanged: number;
  newlyRetracted: string[];
  withdrawn: string[];
  reinstated: string[];
  offTopic: { pmid: string; reason: string }[];
  failed: { pmid: string; reason: string }[];
}

function emptyAnalysis(): Analysis {
  return {
    new: [],
    updated: [],
    unchanged: 0,
    newlyRetracted: [],
    withdrawn: [],
    reinstated: [],
    offTopic: [],
    failed: [],
  };
}

type ManifestSnapshot = Map<string, { sha256: string | undefined; version: string }>;

function snapshotManifest(manifest: Readonly<Manifest>): ManifestSnapshot {
  return new Map(
    Object.entries(manifest.records).map(([pmid, entry]) => [
      pmid,
      { sha256: entry.sha256, version: entry.version },
    ]),
  );
}

/**
 * What the chain of runs since `chainStart` changed, from the manifest (so a resumed run reports what its
 * killed predecessors fetched too): records first cached since then are new; records whose content changed
 * since then are updated, and parsed before and after to notice a retraction. New and updated records are
 * tagged for the off-topic count; a record that cannot be parsed is a failed PMID.
 */
async function analyse(
  cache: RawCache,
  before: ManifestSnapshot,
  chainStart: string,
  reporter: Reporter,
): Promise<Analysis> {
  const analysis = emptyAnalysis();
  for (const [pmid, entry] of Object.entries(cache.manifest.records)) {
    if (entry.fetchedAt < chainStart) continue;
    if (entry.firstFetchedAt >= chainStart) analysis.new.push(pmid);
    else if (entry.changedAt >= chainStart) analysis.updated.push(pmid);
    else if (before.has(pmid)) analysis.unchanged++;
  }
  analysis.new.sort(byNumber);
  analysis.updated.sort(byNumber);
  const read = async (pmid: string, previous: boolean) => {
    const entry = cache.manifest.records[pmid];
    const bytes =
      previous && entry?.previous ? await cache.readLocation(entry.previous) : await cache.readRecord(pmid);
    const parsed = parseRecordXml(bytes.toString('utf8'), {
      file: entry?.file ?? '?',
      offset: entry?.offset ?? 0,
    });
    if (parsed.kind === 'deletion') throw new Error('the cached bytes hold a DeleteCitation');
    return parsed;
  };
  const updated = new Set(analysis.updated);
  for (const pmid of [...analysis.new, ...analysis.updated]) {
    try {
      const record = await read(pmid, false);
      const tags = tagStudy(record);
      if (tags.relevance.id !== 'on-topic') analysis.offTopic.push({ pmid, reason: tags.relevance.reason });
      if (record.retraction.retracted && updated.has(pmid)) {
        const previous = await read(pmid, true);
        if (!previous.retraction.retracted) analysis.newlyRetracted.push(pmid);
      }
    } catch (error) {
      reporter.warn(`PMID ${pmid}: cached record cannot be read: ${describeError(error)}`);
      analysis.failed.push({ pmid, reason: `unreadable record: ${describeError(error)}` });
    }
  }
  return analysis;
}

function byNumber(a: string, b: string): number {
  return Number(a) - Number(b);
}
