import type { SearchVocabulary } from './search-vocabulary.ts';

/** Bumped when the files change shape; the browser and the CLI refuse an index of another version. */
export const SEARCH_INDEX_VERSION = 1;

export const META_FILE = 'search/meta.json';
export const FIRST_PART_FILE = 'search/terms-1.bin';
/** What the first results need: search-boot.js fetches them while the search worker starts. */
export const FIRST_INDEX_FILES = [META_FILE, FIRST_PART_FILE] as const;

/**
 * search/meta.json: what the result list and the facets need, one column per field (columns of numbers
 * and short strings gzip far better than an array of objects with repeated keys).
 */
export interface SearchMeta {
  version: number;
  docCount: number;
  vocabulary: SearchVocabulary;
  /** Index part files in load order: the first (titles, keywords, MeSH, tags, authors) before first results. */
  parts: { file: string; fields: string[] }[];
  docs: {
    pmid: string[];
    title: string[];
    /** "Daly EJ et al. JAMA Psychiatry. 2018" */
    source: string[];
    year: number[];
    /** yyyymmdd of the PubMed entry date (or publication date): what "newest" sorts by. */
    date: number[];
    /** Index into vocabulary.design. */
    design: number[];
    /** 1..5, 0 when the design carries no level. */
    level: number[];
    /** Bit i set = vocabulary.<facet>[i] applies. */
    topic: number[];
    route: number[];
    substance: number[];
    population: number[];
    /** FLAG_* bits. */
    flags: number[];
    /** Participants when the abstract states them, else 0. */
    n: number[];
  };
}

export const FLAG_RETRACTED = 1;
export const FLAG_OFF_TOPIC = 2;
export const FLAG_CONCERN = 4;

/** Field weights, lunr-style boosts: a word in the title says more about a study than one in its abstract. */
export const FIELD_BOOST: Record<string, number> = { title: 4, subject: 2, people: 1.5, abstract: 1 };

/** Decoded index part (see encode-index-part.ts for the bytes). */
export interface IndexPart {
  fields: string[];
  docCount: number;
  /** Sorted, so a prefix is a contiguous range. */
  terms: string[];
  termIds: Map<string, number>;
  /** Postings of term t are [start[t], start[t + 1]). */
  start: Uint32Array;
  doc: Uint32Array;
  field: Uint8Array;
  tf: Uint8Array;
  /** Terms per doc per field. */
  lengths: Uint16Array[];
  avgLength: number[];
}

export interface LoadedIndex {
  meta: SearchMeta;
  parts: IndexPart[];
}
