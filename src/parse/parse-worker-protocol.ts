import type { ParseEvent } from './parse-event.ts';
import type { ParseProblem } from './parse-problem.ts';
import type { SlicerState } from './slice-records.ts';

/** A chunk of whole records sent to a parse worker (its bytes are transferred, not copied). */
export interface ParseTask {
  id: number;
  file: string;
  /** File offset of bytes[0]. */
  base: number;
  bytes: ArrayBuffer;
  state: SlicerState;
  /** The last chunk of the file: an unfinished record or set is a fault. */
  final: boolean;
  /** `events`: records as objects; `jsonl`: records and deletions already as JSON lines. */
  output: 'events' | 'jsonl';
}

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
  | { id: number; error: string };
