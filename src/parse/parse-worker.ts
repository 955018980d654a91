/**
 * Worker thread body: parses chunks of whole records (see parse-pool.ts). Started through
 * parse-worker-entry.js, which registers tsx first; a worker thread does not inherit `--import tsx`.
 */
import { parentPort } from 'node:worker_threads';
import { parseChunk } from './parse-chunk.ts';
import type { ParseTask, ParseTaskResult } from './parse-worker-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('parse-worker.ts must run in a worker thread');

port.on('message', (task: ParseTask) => {
  let reply: ParseTaskResult;
  try {
    reply = { id: task.id, events: parseChunk(task) };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
