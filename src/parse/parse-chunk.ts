import type { ParseEvent } from './parse-event.ts';
import { parseSlices } from './parse-slices.ts';
import { type SlicerState, sliceRecords } from './slice-records.ts';

/** Whole records of one file, cut at a record boundary: what a worker parses per task. */
export interface RecordChunk {
  file: string;
  /** File offset of bytes[0]. */
  base: number;
  bytes: Uint8Array;
  state: SlicerState;
  /** The last chunk of the file: an unfinished record or set is a fault. */
  final: boolean;
}

/** What a worker does with one task: slice and parse a chunk that was cut at a record boundary. */
export function parseChunk(chunk: RecordChunk): ParseEvent[] {
  const buffer = Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength);
  const result = sliceRecords(buffer, chunk.state, chunk.final);
  const events = parseSlices(buffer, result, chunk.file, chunk.base);
  // Chunks end after a record's end tag, so nothing but whitespace may be left over.
  if (result.consumed < buffer.length && buffer.subarray(result.consumed).toString('latin1').trim() !== '') {
    events.push({
      kind: 'problem',
      problem: {
        code: 'PARSE_MALFORMED_RECORD',
        file: chunk.file,
        pmid: null,
        offset: chunk.base + result.consumed,
        reason: 'record is not closed (or larger than the chunk limit)',
      },
    });
  }
  return events;
}
