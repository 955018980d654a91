import type { Manifest } from '../cache/raw-cache.ts';
import type { DigestEntry, DigestStudy } from '../search/index.ts';
import type { TagRuleSet } from '../tag/index.ts';
import type { RefreshHistory } from './refresh-history.ts';
import type { StudyCitations } from './study-citations.ts';

/** Everything a site is made from: a pure function of this (and the templates) gives the same bytes. */
export interface SiteInput {
  /**
   * The studies, each with its whole record or slim (slim-study.ts). With `entries`, only those a list
   * can show need be here (the on-topic ones); without, entries are made from these, which are then all.
   */
  studies: DigestStudy[];
  /** Every study's entry (digest-entry.ts), when the build made them elsewhere (build threads). */
  entries?: DigestEntry[];
  /** A study's search terms (studyIndexTerms), when not in `studies`. */
  searchTerms?: (pmid: string) => string[];
  problems: { pmid: string; message: string }[];
  manifest: Pick<Readonly<Manifest>, 'updatedAt' | 'missing'>;
  /** Refresh run start times (ISO), oldest first. */
  runs: string[];
  /** The refresh runs' reports and the withdrawn records (refresh-history.ts); absent for a bare cache. */
  history?: RefreshHistory;
  query: string;
  rules: TagRuleSet;
  /** Absolute site URL ending in '/', for the feed and sitemap; null writes site-relative URLs. */
  siteUrl: string | null;
  siteTitle: string;
  /** Precomputed cite boxes and download files by PMID (made on build workers); computed here when absent. */
  citations?: Map<string, StudyCitations>;
}

/** The built site in memory: path relative to the site root -> content. */
export type SiteFiles = Map<string, string | Uint8Array>;
