import type { ParseEvent } from './parse-event.ts';
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
}

export type ParseTaskResult = { id: number; events: ParseEvent[] } | { id: number; error: string };
