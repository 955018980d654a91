/**
 * Worker thread body: parses chunks of whole records (see parse-pool.ts). Started through
 * parse-worker-entry.js, which registers tsx first; a worker thread does not inherit `--import tsx`.
 */
import { parentPort } from 'node:worker_threads';
import { parseChunk } from './parse-chunk.ts';
import type { ParseEvent } from './parse-event.ts';
import type { JsonLinesBatch, ParseTask, ParseTaskResult } from './parse-worker-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('parse-worker.ts must run in a worker thread');

port.on('message', (task: ParseTask) => {
  let reply: ParseTaskResult;
  try {
    const events = parseChunk(task);
    reply = task.output === 'jsonl' ? { id: task.id, jsonl: toJsonLines(events) } : { id: task.id, events };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});

function toJsonLines(events: ParseEvent[]): JsonLinesBatch {
  const batch: JsonLinesBatch = { lines: '', records: 0, deletions: 0, problems: [] };
  for (const event of events) {
    if (event.kind === 'record') {
      batch.lines += `${JSON.stringify(event.record)}\n`;
      batch.records++;
    } else if (event.kind === 'deletion') {
      batch.lines += `${JSON.stringify(event.deletion)}\n`;
      batch.deletions++;
    } else batch.problems.push(event.problem);
  }
  return batch;
}
