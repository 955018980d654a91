/**
 * Search: the sharded two-part index the build writes (build-search-index.ts) and the one query function the
 * search page's engine and `evidence-digest search` share (search-studies.ts).
 */
export { analyseText } from './analyse-text.ts';
export {
  addStudyTerms,
  buildSearchIndex,
  carryPostings,
  type SearchIndexFiles,
  savePostings,
  searchDocFiles,
  searchDocOrder,
  searchMetaFile,
  searchPostings,
  searchShardFiles,
  studyIndexTerms,
} from './build-search-index.ts';
export { type DigestEntry, digestEntry, isIncluded } from './digest-entry.ts';
export { type DigestStudy, isRetracted, studyDate } from './digest-study.ts';
export { highlightText, type TextRun } from './highlight-text.ts';
export * from './index-format.ts';
export {
  type IndexReader,
  loadPmids,
  loadQueryShards,
  loadRows,
  loadWholeIndex,
  openSearchIndex,
  rowOf,
} from './load-search-index.ts';
export { parseQuery } from './parse-query.ts';
export { runSearchCommand, type SearchCommandOptions } from './run-search-command.ts';
export { PAGE_SIZE, paramsFromRequest, requestFromParams } from './search-params.ts';
export * from './search-request.ts';
export { searchStudies } from './search-studies.ts';
export * from './search-vocabulary.ts';
export { SYNONYM_GROUPS } from './synonyms.ts';
