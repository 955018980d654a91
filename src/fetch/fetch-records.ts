/**
 * Fetches records by PMID in POST batches and stores each response as received. Every batch is checked
 * for its closing tag and for the PMIDs asked vs received; PMIDs that did not come back are asked for
 * once more, then recorded as missing: never dropped without a trace.
 */
import type { StoredRecord } from '../cache/raw-cache.ts';
import type { Classification } from './classify-response.ts';
import type { EutilsClient } from './eutils-client.ts';
import { runAll } from './run-all.ts';
import { type ScanResult, scanArticleSet } from './scan-article-set.ts';

export interface RecordSink {
  saveEfetch(
    body: Buffer,
    records: StoredRecord[],
    missing: string[],
    deleted?: readonly string[],
  ): Promise<unknown>;
}

export interface FetchDeps {
  client: EutilsClient;
  sink: RecordSink;
  batchSize: number;
  onBatch?: (progress: { records: number; batches: number }) => void;
}

export interface FetchResult {
  fetched: number;
  batches: number;
  /** PMIDs asked for twice that PubMed did not return (deleted or merged records). */
  missing: string[];
  /** PMIDs the responses announced as deleted (DeleteCitation). */
  deleted: string[];
}

export async function fetchRecords(deps: FetchDeps, pmids: readonly string[]): Promise<FetchResult> {
  let fetched = 0;
  let batches = 0;
  const deletedPmids: string[] = [];

  async function fetchBatch(ids: string[], isLastTry: boolean, signal: AbortSignal): Promise<string[]> {
    let asked = ids;
    let scan: ScanResult | null = null;
    const deferred: string[][] = [];
    const response = await deps.client.call(
      'efetch',
      { id: asked.join(','), retmode: 'xml' },
      {
        signal,
        validate: (body) => {
          scan = scanArticleSet(body);
          return damaged(scan.problem);
        },
        // A 502 on a large request: ask for the first half now and queue the rest as its own batch.
        shrink: () => {
          if (asked.length < 2) return null;
          const half = Math.ceil(asked.length / 2);
          deferred.push(asked.slice(half));
          asked = asked.slice(0, half);
          return { id: asked.join(','), retmode: 'xml' };
        },
      },
    );
    const { records, deleted } = scan ?? scanArticleSet(response.body);
    // A DeleteCitation answers for its PMIDs: PubMed removed them, they are not missing.
    const received = new Set([...records.map((r) => r.pmid), ...deleted]);
    const missing = asked.filter((pmid) => !received.has(pmid));
    const askedSet = new Set(asked);
    deletedPmids.push(...deleted.filter((pmid) => askedSet.has(pmid)));
    // Missing PMIDs are journalled only on their last try, so a first miss is not yet recorded as missing.
    await deps.sink.saveEfetch(response.body, records, isLastTry ? missing : [], deleted);
    fetched += records.length;
    batches++;
    deps.onBatch?.({ records: fetched, batches });
    const rest = await runAll(
      deferred.map((part) => (inner) => fetchBatch(part, isLastTry, inner)),
      signal,
    );
    return [...missing, ...rest.flat()];
  }

  const firstMisses = await runAll(
    chunk(pmids, deps.batchSize).map((ids) => (signal) => fetchBatch(ids, false, signal)),
  );
  const retry = firstMisses.flat();
  const secondMisses = await runAll(
    chunk(retry, deps.batchSize).map((ids) => (signal) => fetchBatch(ids, true, signal)),
  );
  return {
    fetched,
    batches,
    missing: secondMisses.flat().sort((a, b) => Number(a) - Number(b)),
    deleted: [...new Set(deletedPmids)].sort((a, b) => Number(a) - Number(b)),
  };
}

function damaged(problem: string | null): Classification | null {
  if (problem === null) return null;
  return {
    kind: 'truncated',
    code: 'EUTILS_TRUNCATED',
    transient: true,
    message: problem,
    retryAfterMs: null,
    smallerBatch: false,
  };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
