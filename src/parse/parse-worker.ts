/**
 * Worker thread body: parses chunks of whole records, or reads and parses byte ranges of a plain file
 * (see parse-pool.ts). Started through parse-worker-entry.js (its bundle, or this through tsx: worker
 * threads do not inherit loaders).
 */
import { parentPort } from 'node:worker_threads';
import { isDigestError } from '../errors.ts';
import { parseChunk } from './parse-chunk.ts';
import type { ParseEvent } from './parse-event.ts';
import type { JsonLinesBatch, ParseTask, ParseTaskResult } from './parse-worker-protocol.ts';
import { parseRecordRange } from './read-record-range.ts';

const port = parentPort;
if (port === null) throw new Error('parse-worker.ts must run in a worker thread');

port.on('message', (task: ParseTask) => {
  let reply: ParseTaskResult;
  try {
    const events = parseTask(task);
    reply = task.output === 'jsonl' ? { id: task.id, jsonl: toJsonLines(events) } : { id: task.id, events };
  } catch (error) {
    reply = isDigestError(error)
      ? { id: task.id, error: error.message, code: error.code, context: error.context }
      : { id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});

function parseTask(task: ParseTask): ParseEvent[] {
  if (task.kind === 'chunk') return parseChunk({ ...task, bytes: new Uint8Array(task.bytes) });
  return parseRecordRange(task);
}

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
