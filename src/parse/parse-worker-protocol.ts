import type { ErrorCode, ErrorContext } from '../errors.ts';
import type { ParseEvent } from './parse-event.ts';
import type { ParseProblem } from './parse-problem.ts';
import type { RecordRange } from './read-record-range.ts';
import type { SlicerState } from './slice-records.ts';

interface TaskCommon {
  id: number;
  file: string;
  /** `events`: records as objects; `jsonl`: records and deletions already as JSON lines. */
  output: 'events' | 'jsonl';
}

/** Whole records read by the main thread (gzip, streams); the bytes are transferred, not copied. */
export interface ChunkTask extends TaskCommon {
  kind: 'chunk';
  /** File offset of bytes[0]. */
  base: number;
  bytes: ArrayBuffer;
  state: SlicerState;
  /** The last chunk of the file: an unfinished record or set is a fault. */
  final: boolean;
}

/** A byte range of a plain file that the worker reads itself (see read-record-range.ts). */
export interface RangeTask extends TaskCommon, RecordRange {
  kind: 'range';
}

export type ParseTask = ChunkTask | RangeTask;

/** One chunk as JSON lines (what `evidence-digest parse` prints), made on the worker. */
export interface JsonLinesBatch {
  lines: string;
  records: number;
  deletions: number;
  problems: ParseProblem[];
}

export type ParseTaskResult =
  | { id: number; events: ParseEvent[] }
  | { id: number; jsonl: JsonLinesBatch }
  /** `code` when the failure is the input's (a file that cannot be read), not the worker's. */
  | { id: number; error: string; code?: ErrorCode; context?: ErrorContext };
