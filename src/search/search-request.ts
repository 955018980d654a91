/** What a reader asks: the URL of the search page holds exactly this (see search-params.ts). */
export interface SearchFilters {
  topic: string[];
  design: string[];
  level: string[];
  route: string[];
  population: string[];
  substance: string[];
  yearFrom: number | null;
  yearTo: number | null;
  hideRetracted: boolean;
  /** Off-topic studies leave the digest but stay findable (PRODUCT.md section 5). */
  includeOffTopic: boolean;
}

export type SearchSort = 'relevance' | 'date' | 'level';

export interface SearchRequest {
  q: string;
  filters: SearchFilters;
  /** Default: relevance with a query, strongest evidence without one. */
  sort: SearchSort | null;
  offset: number;
  limit: number;
}

export const FACETS = ['topic', 'design', 'level', 'route', 'population', 'substance'] as const;
export type FacetId = (typeof FACETS)[number];

export function emptyFilters(): SearchFilters {
  return {
    topic: [],
    design: [],
    level: [],
    route: [],
    population: [],
    substance: [],
    yearFrom: null,
    yearTo: null,
    hideRetracted: false,
    includeOffTopic: false,
  };
}

export interface SearchHit {
  /** Doc number in the index (docs.bin, rows, pmids.bin): newest first. */
  doc: number;
  score: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** value id -> count of studies matching the query and every other facet's filter. */
  facets: Record<FacetId, Record<string, number>>;
  /** True when no study held every clause and the results hold any of them instead. */
  relaxed: boolean;
  /** Terms and prefixes to highlight. */
  highlight: { terms: string[]; prefixes: string[] };
  /** Whether the abstracts' index was part of this search. */
  fullText: boolean;
  sort: SearchSort;
  /** Years spanned by the matching studies, for the year-range inputs. */
  years: [number, number] | null;
}
