/**
 * Where the stages meet, in order. refresh(): search -> diff against the cache -> fetch what is new ->
 * store. Effects (clock, randomness, output) are handed in, so tests drive them.
 */
import { lockCache } from './cache/cache-lock.ts';
import { openRawCache } from './cache/raw-cache.ts';
import type { Config } from './config.ts';
import { createEutilsClient } from './fetch/eutils-client.ts';
import { fetchRecords } from './fetch/fetch-records.ts';
import { type Clock, createPacer, intervalForRate } from './fetch/pacer.ts';
import { type DateWindow, formatYmd, type SearchSlice, searchPmids } from './fetch/search-pmids.ts';
import type { Progress, Reporter } from './reporter.ts';

export interface PipelineDeps {
  clock: Clock;
  random: () => number;
  reporter: Reporter;
}

export interface RefreshOptions {
  dryRun: boolean;
}

export interface RefreshReport {
  runId: string;
  startedAt: string;
  finishedAt: string;
  dryRun: boolean;
  query: string;
  window: DateWindow;
  slices: SearchSlice[];
  /** esearch's count for the unsplit query, and the PMIDs actually listed across windows. */
  searchCount: number;
  matched: number;
  alreadyCached: number;
  toFetch: number;
  fetched: number;
  batches: number;
  missing: string[];
  requests: number;
  retries: number;
  rateLimited: number;
  durationMs: number;
}

export async function refresh(
  config: Config,
  deps: PipelineDeps,
  options: RefreshOptions,
): Promise<RefreshReport> {
  const startedMs = deps.clock.now();
  const runId = new Date(startedMs).toISOString().replace(/[:.]/g, '-');
  // A dry run writes nothing, so it neither needs nor blocks on the lock.
  const lock = options.dryRun ? null : await lockCache(config.cacheDir, config.lockStaleMs);
  try {
    return await refreshLocked(config, deps, options, runId, startedMs);
  } finally {
    await lock?.release();
  }
}

async function refreshLocked(
  config: Config,
  deps: PipelineDeps,
  options: RefreshOptions,
  runId: string,
  startedMs: number,
): Promise<RefreshReport> {
  const { reporter, clock } = deps;
  const cache = await openRawCache(config.cacheDir, () => new Date(clock.now()), {
    readOnly: options.dryRun,
  });
  const client = createEutilsClient({
    baseUrl: config.eutilsBaseUrl,
    identity: { tool: config.tool, email: config.email, apiKey: config.apiKey },
    pacer: createPacer(intervalForRate(config.requestsPerSecond), clock),
    clock,
    random: deps.random,
    policy: { maxAttempts: config.maxAttempts, baseMs: config.retryBaseMs, maxMs: config.retryMaxMs },
    maxInFlight: config.maxInFlight,
    requestTimeoutMs: config.requestTimeoutMs,
    onRetry: ({ endpoint, attempt, delayMs, outcome }) =>
      reporter.detail(`${endpoint}: ${outcome.message}; attempt ${attempt + 1} in ${delayMs} ms`),
  });

  try {
    const window = { from: config.searchFrom, to: formatYmd(new Date(clock.now())) };
    reporter.info(`esearch: ${config.eutilsBaseUrl} entry dates ${window.from}-${window.to}`);
    let saved = 0;
    let searchBar: Progress | null = null;
    const search = await searchPmids(
      {
        client,
        saveResponse: options.dryRun
          ? undefined
          : (body) => cache.saveEsearch(runId, ++saved, body).then(() => {}),
        onSlice: (slice) =>
          reporter.detail(
            `esearch: ${slice.count} records, entry dates ${slice.window.from}-${slice.window.to}` +
              (slice.uidRange ? `, PMIDs ${slice.uidRange[0]}-${slice.uidRange[1]}` : ''),
          ),
        onProgress: ({ listed, total, windows, requests }) => {
          searchBar ??= reporter.progress('esearch', 'PMIDs', total);
          searchBar.update(listed, total, `${windows} window(s), ${requests} request(s)`);
        },
      },
      config.query,
      window,
    ).finally(() => (searchBar as Progress | null)?.stop());
    if (search.pmids.length !== search.totalCount) {
      reporter.warn(
        `esearch counted ${search.totalCount} records but the windows listed ${search.pmids.length} (PubMed changed during the run?)`,
      );
    }
    const toFetch = search.pmids.filter((pmid) => !cache.has(pmid));
    reporter.info(
      `esearch: ${search.pmids.length} records in ${search.slices.length} window(s); ` +
        `${search.pmids.length - toFetch.length} cached, ${toFetch.length} to fetch`,
    );

    let fetched = { fetched: 0, batches: 0, missing: [] as string[] };
    if (options.dryRun) {
      if (toFetch.length > 0) {
        reporter.info(
          `dry run: would fetch ${toFetch.length} records, e.g. PMIDs ${toFetch.slice(0, 10).join(', ')}`,
        );
      }
    } else if (toFetch.length > 0) {
      const bar = reporter.progress('efetch', 'records', toFetch.length);
      const plannedBatches = Math.ceil(toFetch.length / config.batchSize);
      try {
        fetched = await fetchRecords(
          {
            client,
            sink: cache,
            batchSize: config.batchSize,
            onBatch: ({ records, batches }) =>
              bar.update(records, undefined, `batch ${batches}/${plannedBatches}`),
          },
          toFetch,
        );
      } finally {
        bar.stop();
        await cache.compact();
      }
      if (fetched.missing.length > 0) {
        reporter.warn(
          `${fetched.missing.length} PMID(s) not returned by efetch after a second try, recorded as missing: ` +
            fetched.missing.slice(0, 20).join(', '),
        );
      }
    }

    const finishedMs = clock.now();
    return {
      runId,
      startedAt: new Date(startedMs).toISOString(),
      finishedAt: new Date(finishedMs).toISOString(),
      dryRun: options.dryRun,
      query: config.query,
      window,
      slices: search.slices,
      searchCount: search.totalCount,
      matched: search.pmids.length,
      alreadyCached: search.pmids.length - toFetch.length,
      toFetch: toFetch.length,
      fetched: fetched.fetched,
      batches: fetched.batches,
      missing: fetched.missing,
      requests: client.stats.requests,
      retries: client.stats.retries,
      rateLimited: client.stats.rateLimited,
      durationMs: finishedMs - startedMs,
    };
  } finally {
    await client.close();
  }
}
