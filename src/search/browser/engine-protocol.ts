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

/** What the page asks the search engine, each with an id its replies carry. */
export type Question =
  | { type: 'query'; id: number; request: SearchRequest }
  | { type: 'pmids'; id: number; request: SearchRequest; max: number };

export type EngineReply =
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

/** What search-boot.js leaves for the page: the first index files, fetched while the page parses. */
export interface SearchBoot {
  /** Each file's bytes, or null when its fetch failed (the engine then fetches it again and reports). */
  files: Promise<Record<string, ArrayBuffer | null>>;
}
