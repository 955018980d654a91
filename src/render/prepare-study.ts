import { isDigestError } from '../errors.ts';
import { parseRecordXml } from '../parse/index.ts';
import type { StudyRecord } from '../records.ts';
import { studyIndexTerms } from '../search/index.ts';
import { tagStudy } from '../tag/index.ts';
import { type StudyCitations, studyCitations } from './study-citations.ts';
import type { DerivedData, StudyJob, StudyJobResult } from './study-worker-protocol.ts';

/** A prepared study a worker holds until it renders the study's page. */
export interface HeldStudy {
  record: StudyRecord;
  citations: StudyCitations;
}

const decoder = new TextDecoder();

/**
 * Parse (when needed), tag, analyse and cite one record; a bad record becomes a reported problem, never
 * a crash. `keep` receives the prepared study when its page will be rendered on this thread later; its
 * citations then stay here instead of being sent back.
 */
export function prepareStudy(job: StudyJob, keep?: (study: HeldStudy) => void): StudyJobResult {
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
    const terms = studyIndexTerms({ record, tags, fetchedAt: '' });
    const citations = studyCitations(record);
    const derived: DerivedData = { tags, terms, citations };
    keep?.({ record, citations });
    return {
      pmid: job.pmid,
      record: parsed ? record : null,
      tags,
      terms,
      derived: JSON.stringify(derived),
      citations: keep ? null : citations,
    };
  } catch (error) {
    return {
      pmid: job.pmid,
      error: error instanceof Error ? error.message : String(error),
      code: isDigestError(error) ? error.code : null,
    };
  }
}
