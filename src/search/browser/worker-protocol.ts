import type { TextRun } from '../highlight-text.ts';
import type { SearchRequest, SearchResult } from '../search-request.ts';

export interface ResultRow {
  pmid: string;
  title: TextRun[];
  source: string;
  design: string;
  level: number;
  n: number;
  retracted: boolean;
  concern: boolean;
  offTopic: boolean;
}

/** The worker name search-boot.js gives the worker: it then waits for a 'preloaded' message. */
export const PRELOADED_WORKER = 'search-preloaded';

export type ToWorker =
  | { type: 'preloaded'; files: Record<string, ArrayBuffer> }
  | { type: 'query'; id: number; request: SearchRequest }
  | { type: 'pmids'; id: number; request: SearchRequest; max: number };

/** What the page asks the worker, each with an id its reply carries. */
export type Question = Exclude<ToWorker, { type: 'preloaded' }>;

export type FromWorker =
  | { type: 'ready'; docCount: number; labels: Record<string, Record<string, string>> }
  | {
      type: 'result';
      id: number;
      result: Omit<SearchResult, 'hits'>;
      rows: ResultRow[];
      /** Index parts searched: 1 = titles, keywords, MeSH and tags; 2 = authors and abstracts too. */
      stage: number;
      /** The last answer to this query; an earlier one comes before the second part's shards are in. */
      final: boolean;
      /** searchStudies() time, and the time spent loading the shards and rows it needed. */
      ms: number;
      loadMs: number;
    }
  | { type: 'pmids'; id: number; pmids: string[]; total: number }
  | { type: 'error'; message: string };
