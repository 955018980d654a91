/**
 * The search index thread's body (search-index-thread.ts): builds the index from the entries it was
 * started with, sends the files back (their bytes transferred, not copied) and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildFromJob, type SearchIndexJob } from './search-index-thread.ts';

const port = parentPort;
if (port === null) throw new Error('search-index-worker.ts must run in a worker thread');
try {
  const files = buildFromJob(workerData as SearchIndexJob);
  const transfer = files.flatMap(([, content]) =>
    typeof content === 'string' || !(content.buffer instanceof ArrayBuffer) ? [] : [content.buffer],
  );
  port.postMessage(files, [...new Set(transfer)]);
} catch (error) {
  port.postMessage({ failed: error instanceof Error ? error.message : String(error) });
}
