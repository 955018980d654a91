import type { MessagePort } from 'node:worker_threads';
import type { DigestStudy } from '../search/index.ts';
import type { TemplateSources } from './load-templates.ts';
import type { PrepareJob, PrepareResult, RecordSource } from './prepare-study.ts';
import type { StoredLocation } from './prepared-store.ts';
import type { StudyMarks } from './refresh-history.ts';

/** What each build thread is given once. */
export interface BuildWorkerInit {
  cacheDir: string;
  /** The prepared-study store's folder, or null when it cannot be written (the studies stay in memory). */
  storeDir: string | null;
  /** This thread's segment file in the store. */
  segment: string | null;
  /** The staging folder the thread writes study pages into (null when only preparing). */
  stageDir: string | null;
  derivedCode: string;
  summaryCode: string;
  full: boolean;
  /** Stored lines' JSON bytes to keep in memory for rendering (default HELD_LINE_BYTES in build-work.ts). */
  heldBytes?: number;
  /** Where to send the prepared studies' search terms (the search index thread), if anywhere. */
  index?: MessagePort;
}

/**
 * Study pages to write: each rendered from its stored line, or, when `link` says its inputs are those of
 * the published page, hard-linked from the published site. `linked`: the (slim) studies the pages show as
 * cards; `present`: the other studies they link to (retraction notices in the site); the pages' own
 * studies are read back in full. `replace`: the staging folder is a
 * reused spare, whose files are unlinked before they are written or linked (never written into).
 */
export interface RenderBatch {
  /** Sent with a thread's first batch. */
  templates?: TemplateSources;
  siteTitle: string;
  topicIds: string[];
  publishedDir: string | null;
  replace: boolean;
  pages: RenderPage[];
  linked: DigestStudy[];
  present: string[];
}

export interface RenderPage extends StudyMarks {
  pmid: string;
  key: string;
  stored: StoredLocation | null;
  /** Its record in the raw cache, parsed again if the stored line cannot be read back. */
  source: RecordSource;
  fetchedAt: string;
  similar: string[];
  link: boolean;
}

export interface RenderBatchResult {
  files: number;
  bytes: number;
  rendered: number;
  reused: number;
  /** Bytes of each page's files, in the order of the batch's pages. */
  sizes: number[];
}

export type BuildWorkerRequest =
  /** `indices`: each job's place in the build's list of jobs. */
  | { type: 'prepare'; id: number; indices: number[]; jobs: PrepareJob[] }
  | { type: 'render'; id: number; batch: RenderBatch }
  | { type: 'sync' };

export type BuildWorkerReply =
  | { type: 'prepared'; id: number; results: PrepareResult[] }
  | { type: 'rendered'; id: number; result: RenderBatchResult }
  | { type: 'synced' }
  | { type: 'failed'; message: string };
