/**
 * The parse stage: PubMed XML (efetch responses, baseline/update files, raw-cache record slices) to
 * study records (src/records.ts). Streaming, record by record; mixed content kept in order as text and
 * allow-listed HTML; malformed records reported, never fatal; non-XML bodies refused.
 */
export type { ParsedRecordCache, ParsedRecordKey } from '../cache/parsed-records.ts';
export { keyString, openParsedRecordCache, parsedRecordKey } from '../cache/parsed-records.ts';
export { type ArticleSetResult, parseArticleSet } from './parse-article-set.ts';
export { type CachedRecordMeta, parseCachedRecord } from './parse-cached-record.ts';
export type { ParseEvent, RecordSource } from './parse-event.ts';
export { createParsePool, type JsonLinesBatch, type ParsePool, type ParsePoolOptions } from './parse-pool.ts';
export { formatProblem, type ParseProblem } from './parse-problem.ts';
export { parseRecordXml, type RecordOrigin } from './parse-record-xml.ts';
export { PARSER_VERSION } from './parser-version.ts';
export { refuseNonXml } from './refuse-non-xml.ts';
export { type InlineContent, renderInline } from './render-inline.ts';
export { type ParseCommandIo, type ParseCommandOptions, runParseCommand } from './run-parse-command.ts';
export { streamStudyRecords, streamStudyRecordsFrom } from './stream-study-records.ts';
