import type { ParseEvent } from './parse-event.ts';
import { parseSlices } from './parse-slices.ts';
import type { ParseTask } from './parse-worker-protocol.ts';
import { sliceRecords } from './slice-records.ts';

/** What a worker does with one task: slice and parse a chunk that was cut at a record boundary. */
export function parseChunk(task: Omit<ParseTask, 'id'>): ParseEvent[] {
  const buffer = Buffer.from(task.bytes);
  const result = sliceRecords(buffer, task.state, task.final);
  const events = parseSlices(buffer, result, task.file, task.base);
  // Chunks end after a record's end tag, so nothing but whitespace may be left over.
  if (result.consumed < buffer.length && buffer.subarray(result.consumed).toString('latin1').trim() !== '') {
    events.push({
      kind: 'problem',
      problem: {
        code: 'PARSE_MALFORMED_RECORD',
        file: task.file,
        pmid: null,
        offset: task.base + result.consumed,
        reason: 'record is not closed (or larger than the chunk limit)',
      },
    });
  }
  return events;
}
