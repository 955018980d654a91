import { isDigestError } from '../errors.ts';
import { parseRecordXml } from '../parse/index.ts';
import type { StudyRecord } from '../records.ts';
import { studyIndexTerms } from '../search/index.ts';
import { tagStudy } from '../tag/index.ts';
import { studyCitations } from './study-citations.ts';
import type { StudyJob, StudyJobResult } from './study-worker-protocol.ts';

const decoder = new TextDecoder();

/** Parse (when needed) and tag one record; a bad record becomes a reported problem, never a crash. */
export function prepareStudy(job: StudyJob): StudyJobResult {
  try {
    let parsed = false;
    let record: StudyRecord | null = 'record' in job ? job.record : null;
    if (record === null && 'xml' in job) {
      const result = parseRecordXml(decoder.decode(job.xml), { file: job.file, offset: job.offset });
      if (result.kind === 'deletion')
        return { pmid: job.pmid, error: 'the cache holds a DeleteCitation', code: null };
      if (result.pmid !== job.pmid) {
        return { pmid: job.pmid, error: `the bytes hold PMID ${result.pmid}, not ${job.pmid}`, code: null };
      }
      record = result;
      parsed = true;
    }
    if (record === null) return { pmid: job.pmid, error: 'nothing to prepare', code: null };
    const tags = tagStudy(record);
    return {
      pmid: job.pmid,
      record: parsed ? record : null,
      tags,
      terms: studyIndexTerms({ record, tags, fetchedAt: '' }),
      citations: studyCitations(record),
    };
  } catch (error) {
    return {
      pmid: job.pmid,
      error: error instanceof Error ? error.message : String(error),
      code: isDigestError(error) ? error.code : null,
    };
  }
}
