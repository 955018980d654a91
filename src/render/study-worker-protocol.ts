import type { StudyRecord } from '../records.ts';
import type { DigestStudy } from '../search/index.ts';
import type { StudyTags } from '../tag/index.ts';
import type { TemplateSources } from './load-templates.ts';
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
 * space-joined, computed here because analysis is as CPU-bound as tagging. `derived`: the DerivedData as
 * the derived cache's JSON line, made here so the main thread does not stringify 100 MB. `citations` is
 * null when the worker keeps the study to render its page later (study pages need them; nothing else does).
 */
export type StudyJobResult =
  | {
      pmid: string;
      record: StudyRecord | null;
      tags: StudyTags;
      terms: string[];
      derived: string;
      citations: StudyCitations | null;
    }
  | { pmid: string; error: string; code: string | null };

/** Main -> worker. `keep`: hold the prepared studies for a later `render`. */
export type StudyWorkerRequest =
  | { type: 'prepare'; id: number; jobs: StudyJob[]; keep: boolean }
  | ({ type: 'render' } & StudyPageRequest);

/** Worker -> main. */
export type StudyWorkerReply =
  | { type: 'prepared'; id: number; results: StudyJobResult[] }
  | { type: 'rendered'; pages: StudyPageFiles[] }
  | { type: 'failed'; message: string };

/**
 * What a worker needs to render pages of the studies it holds exactly as the main thread would: the
 * templates, the site-wide facts a study page shows, each page's study as the main thread has it
 * (everything but the record, which the worker holds: tags, and whatever the build added, such as
 * withdrawal) with its similar studies, and the studies those pages link to (similar studies, notices)
 * that the worker does not hold.
 */
export interface StudyPageRequest {
  templates: TemplateSources;
  siteTitle: string;
  topicIds: string[];
  dataAsOf: string | null;
  pages: { pmid: string; study: Omit<DigestStudy, 'record' | 'terms'>; similar: string[] }[];
  linked: DigestStudy[];
}

/** A study page and its four citation downloads, as [site path, content] pairs in publishing order. */
export type StudyPageFiles = [string, string][];
