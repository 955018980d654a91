import type { DeletionEvent, StudyRecord } from '../records.ts';
import { type ParseProblem, problemFromError } from './parse-problem.ts';
import { parseSlices } from './parse-slices.ts';
import { refuseNonXml } from './refuse-non-xml.ts';
import { initialSlicerState, sliceRecords } from './slice-records.ts';

export interface ArticleSetResult {
  records: StudyRecord[];
  deletions: DeletionEvent[];
  /** Malformed records and damage between records; the other records are still parsed. */
  problems: ParseProblem[];
}

/**
 * Parses a whole body held in memory: an efetch response, a small file, or one record's slice from the
 * raw cache (a bare PubmedArticle element is accepted). A body that is not PubMed XML at all (empty, HTML,
 * JSON, another E-utilities document) throws PARSE_NOT_XML / PARSE_UNEXPECTED_ROOT. For big files use
 * streamStudyRecords or the worker pool, whose memory does not grow with the file.
 */
export function parseArticleSet(xml: string | Uint8Array, source: { file: string }): ArticleSetResult {
  refuseNonXml(xml, source);
  const buffer =
    typeof xml === 'string'
      ? Buffer.from(xml, 'utf8')
      : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  const result: ArticleSetResult = { records: [], deletions: [], problems: [] };
  try {
    const sliced = sliceRecords(buffer, initialSlicerState(), true);
    for (const event of parseSlices(buffer, sliced, source.file, 0)) {
      if (event.kind === 'record') result.records.push(event.record);
      else if (event.kind === 'deletion') result.deletions.push(event.deletion);
      else result.problems.push(event.problem);
    }
  } catch (error) {
    result.problems.push(problemFromError(error, source.file));
  }
  return result;
}
