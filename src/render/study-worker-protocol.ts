import type { StudyRecord } from '../records.ts';
import type { StudyTags } from '../tag/index.ts';
import type { StudyCitations } from './study-citations.ts';

/** One record to prepare: raw XML bytes to parse, or a record the parsed-record cache already held. */
export type StudyJob =
  | { pmid: string; file: string; offset: number; xml: Uint8Array }
  | { pmid: string; record: StudyRecord };

/** What tagging, search analysis and citing make of a record: cached between builds (derived-cache.ts). */
export interface DerivedData {
  tags: StudyTags;
  terms: string[];
  citations: StudyCitations;
}

/**
 * `record` only when the worker parsed it (the main thread already holds cached ones: sending 10,000
 * records back would cost more than tagging them). `terms`: the search index's analysed text per field,
 * space-joined, computed here because analysis is as CPU-bound as tagging.
 */
export type StudyJobResult =
  | { pmid: string; record: StudyRecord | null; tags: StudyTags; terms: string[]; citations: StudyCitations }
  | { pmid: string; error: string; code: string | null };

export interface StudyBatch {
  id: number;
  jobs: StudyJob[];
}

export interface StudyBatchResult {
  id: number;
  results: StudyJobResult[];
}
