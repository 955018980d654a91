import type { SearchVocabulary } from './search-vocabulary.ts';

/** Bumped when the files change shape; the browser and the CLI refuse an index of another version. */
export const SEARCH_INDEX_VERSION = 3;

export const META_FILE = 'search/meta.json';
export const DOCS_FILE = 'search/docs.bin';
export const PMIDS_FILE = 'search/pmids.bin';
/** What every answer needs, whatever the query: search-boot.js fetches them while the page parses. */
export const FIRST_INDEX_FILES = [META_FILE, DOCS_FILE] as const;
export const rowsFile = (chunk: number) => `search/rows/${chunk}.json`;
export const shardFile = (part: number, shard: number) => `search/terms/${part + 1}-${shard}.bin`;

/**
 * The search index, split so that a query loads only what it needs, at 10,000 studies or 100,000
 * (PRODUCT.md section 6):
 * - meta.json (a few KB): the vocabulary, and per index part the first term of each of its shards.
 * - docs.bin: one column per facet for every study (what filtering, facet counts and sorting read).
 * - terms/<part>-<shard>.bin: the postings of a contiguous range of sorted terms; a query loads the
 *   shards holding its terms (a prefix, the shards its range spans).
 * - rows/<chunk>.json: what a result row shows, ROWS_PER_FILE studies a file; loaded for the rows shown.
 *   The digest's studies (on-topic) come first, then the off-topic ones, each newest first (rowSlots):
 *   a clinical query's best hits are nearly all in the digest, so its first page of results reads one
 *   or two row files instead of one per hit.
 * - pmids.bin: every study's PMID, for a PMID typed as the query and for exporting a result list.
 * Studies are numbered newest first, so "newest" is the doc order and the date column deltas are small.
 */
export interface SearchMeta {
  version: number;
  docCount: number;
  vocabulary: SearchVocabulary;
  rowsPerFile: number;
  /** In load order: the first (titles, keywords, MeSH, tags) answers before the second (authors, abstracts). */
  parts: { fields: string[]; shards: { first: string; bytes: number }[] }[];
}

/** docs.bin decoded: one typed column per field, indexed by doc. */
export interface DocColumns {
  year: Uint16Array;
  /** yyyymmdd of the PubMed entry date (or publication date): what "newest" sorts by. */
  date: Uint32Array;
  /** Index into vocabulary.design. */
  design: Uint8Array;
  /** 1..5, 0 when the design carries no level. */
  level: Uint8Array;
  /** Bit i set = vocabulary.<facet>[i] applies. */
  topic: Uint32Array;
  route: Uint32Array;
  substance: Uint32Array;
  population: Uint32Array;
  /** FLAG_* bits. */
  flags: Uint8Array;
  /** Participants when the abstract states them, else 0. */
  n: Uint32Array;
}

export const DOC_COLUMNS = [
  'year',
  'date',
  'design',
  'level',
  'topic',
  'route',
  'substance',
  'population',
  'flags',
  'n',
] as const satisfies readonly (keyof DocColumns)[];

/** rows/<chunk>.json: parallel arrays for the chunk's studies. */
export interface RowsChunk {
  pmid: string[];
  title: string[];
  /** "Daly EJ, et al. JAMA Psychiatry. 2018." */
  source: string[];
}

export const FLAG_RETRACTED = 1;
export const FLAG_OFF_TOPIC = 2;
export const FLAG_CONCERN = 4;

/** Field weights, lunr-style boosts: a word in the title says more about a study than one in its abstract. */
export const FIELD_BOOST: Record<string, number> = { title: 4, subject: 2, people: 1.5, abstract: 1 };

/** BM25's term-frequency part, (tf * (k1 + 1)) / (tf + k1 * (1 - b + b * length / avgLength)), lies in
 * (0, k1 + 1): stored per posting as a byte, IMPACT_SCALE units of it, so a query needs no doc lengths. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
export const IMPACT_SCALE = 255 / (BM25_K1 + 1);

/** One decoded shard (see encode-index-shard.ts for the bytes). */
export interface IndexShard {
  /** Sorted, so a prefix is a contiguous range. */
  terms: string[];
  termIds: Map<string, number>;
  /** Postings of term t are [start[t], start[t + 1]). */
  start: Uint32Array;
  doc: Uint32Array;
  field: Uint8Array;
  impact: Uint8Array;
  /** Distinct docs per term: BM25's document frequency. */
  df: Uint32Array;
}

/** One index part: its shards' ranges, and the shards loaded so far. */
export interface IndexPart {
  fields: string[];
  /** first[s] is shard s's first term; shard s holds the terms in [first[s], first[s + 1]). */
  first: string[];
  shards: (IndexShard | undefined)[];
}

export interface LoadedIndex {
  meta: SearchMeta;
  docs: DocColumns;
  /** The parts a query may use: the first only for the page's first answer, then both. */
  parts: IndexPart[];
  rows: (RowsChunk | undefined)[];
  /** Each doc's place in the row files (rowSlots). */
  rowSlot: Uint32Array;
  /** Loaded on demand (a PMID query, an export). */
  pmids: string[] | null;
}

/** Each doc's place in the row files: the on-topic docs first, then the off-topic ones, in doc order. */
export function rowSlots(flags: ArrayLike<number>): Uint32Array {
  const slots = new Uint32Array(flags.length);
  let onTopic = 0;
  for (let doc = 0; doc < flags.length; doc++) if (((flags[doc] as number) & FLAG_OFF_TOPIC) === 0) onTopic++;
  let next = 0;
  let nextOff = onTopic;
  for (let doc = 0; doc < flags.length; doc++)
    slots[doc] = ((flags[doc] as number) & FLAG_OFF_TOPIC) === 0 ? next++ : nextOff++;
  return slots;
}
