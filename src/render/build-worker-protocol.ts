import type { DigestStudy } from '../search/index.ts';
import type { TemplateSources } from './load-templates.ts';
import type { PrepareJob, PrepareResult } from './prepare-study.ts';
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
  full: boolean;
}

/**
 * Study pages to write: each rendered from its stored line, or, when `reuse` says its inputs are those of
 * the published page, hard-linked from the published site. `linked`: the (slim) studies the pages show as
 * cards or link to; the pages' own studies are read back in full.
 */
export interface RenderBatch {
  /** Sent with a thread's first batch. */
  templates?: TemplateSources;
  siteTitle: string;
  topicIds: string[];
  publishedDir: string | null;
  pages: RenderPage[];
  linked: DigestStudy[];
}

export interface RenderPage extends StudyMarks {
  pmid: string;
  key: string;
  stored: StoredLocation | null;
  fetchedAt: string;
  similar: string[];
  reuse: boolean;
}

export interface RenderBatchResult {
  files: number;
  bytes: number;
  rendered: number;
  reused: number;
}

export type BuildWorkerRequest =
  | { type: 'prepare'; id: number; jobs: PrepareJob[] }
  | { type: 'render'; id: number; batch: RenderBatch }
  | { type: 'sync' };

export type BuildWorkerReply =
  | { type: 'prepared'; id: number; results: PrepareResult[] }
  | { type: 'rendered'; id: number; result: RenderBatchResult }
  | { type: 'synced' }
  | { type: 'failed'; message: string };
