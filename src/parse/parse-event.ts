import type { DeletionEvent, StudyRecord } from '../records.ts';
import type { ParseProblem } from './parse-problem.ts';

/** Where a record came from: enough to read it again, or to key the parsed-record cache. */
export interface RecordSource {
  file: string;
  /** Byte range of the record in the (decompressed) file. */
  offset: number;
  length: number;
}

/** What streaming a file yields, in file order. */
export type ParseEvent =
  | { kind: 'record'; record: StudyRecord; source: RecordSource }
  | { kind: 'deletion'; deletion: DeletionEvent; source: RecordSource }
  | { kind: 'problem'; problem: ParseProblem };
