import { Worker } from 'node:worker_threads';
import {
  buildSearchIndexFromEntries,
  createVocabulary,
  type SearchEntry,
  type SearchIndexFiles,
} from '../search/index.ts';

/** What the search index thread is given: the entries' JSON, one a line, and the topics in rule order. */
export interface SearchIndexJob {
  entries: ArrayBuffer;
  topicIds: string[];
}

/**
 * The search index of the studies whose entries (searchEntry JSON, made by the build threads) are given,
 * built on a thread of its own so the main thread renders the other pages meanwhile, and never parses the
 * studies' terms; or on the calling thread (`inThread`, small caches: a thread costs ~0.3 s to start).
 */
export async function buildSearchIndexOnThread(
  entries: Uint8Array[],
  topicIds: string[],
  inThread: boolean,
): Promise<SearchIndexFiles> {
  const job: SearchIndexJob = { entries: joinLines(entries), topicIds };
  if (inThread) return buildFromJob(job);
  const worker = new Worker(new URL('./search-index-worker-entry.js', import.meta.url), {
    workerData: job,
    transferList: [job.entries],
    execArgv: [],
  });
  try {
    return await new Promise<SearchIndexFiles>((resolve, reject) => {
      worker.once('message', (files: SearchIndexFiles | { failed: string }) =>
        'failed' in files ? reject(new Error(`search index thread: ${files.failed}`)) : resolve(files),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`search index thread exited with code ${code}`)));
    });
  } finally {
    await worker.terminate();
  }
}

export function buildFromJob({ entries, topicIds }: SearchIndexJob): SearchIndexFiles {
  const lines = new TextDecoder().decode(entries);
  const parsed = lines === '' ? [] : lines.split('\n').map((line) => JSON.parse(line) as SearchEntry);
  return buildSearchIndexFromEntries(parsed, createVocabulary(topicIds));
}

function joinLines(entries: Uint8Array[]): ArrayBuffer {
  let total = Math.max(0, entries.length - 1);
  for (const entry of entries) total += entry.length;
  const buffer = new ArrayBuffer(total);
  const bytes = new Uint8Array(buffer);
  let at = 0;
  for (const [i, entry] of entries.entries()) {
    if (i > 0) bytes[at++] = 0x0a;
    bytes.set(entry, at);
    at += entry.length;
  }
  return buffer;
}
