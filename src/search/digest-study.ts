import type { StudyRecord } from '../records.ts';
import type { StudyTags } from '../tag/index.ts';

/** A study as the site stage sees it: the parsed record and its tags, plus where the cache holds it. */
export interface DigestStudy {
  record: StudyRecord;
  tags: StudyTags;
  /** When the raw cache got this version (manifest fetchedAt, ISO). */
  fetchedAt: string;
  /** The search index's analysed terms per field (studyIndexTerms), when already computed on a worker. */
  terms?: string[];
  /** A full re-sync no longer found it for the query, or PubMed deleted it: out of the digest, page kept. */
  withdrawn?: { at: string; reason: string };
  /** Start of the refresh run that first saw it retracted (it was not when cached before). */
  retractionNoticedAt?: string;
}

/** yyyymmdd of the PubMed entry date, else the publication date; 0 when neither is known. */
export function studyDate(record: StudyRecord): number {
  const entrez = record.dates.entrez ?? record.dates.pubmed;
  if (entrez && /^\d{4}-\d{2}-\d{2}/.test(entrez)) return Number(entrez.slice(0, 10).replace(/-/g, ''));
  const p = record.published;
  if (p?.year) return p.year * 10_000 + (p.month ?? 0) * 100 + (p.day ?? 0);
  return 0;
}

export function isRetracted(study: DigestStudy): boolean {
  return study.record.retraction.retracted || study.tags.flags.some((flag) => flag.id === 'retracted');
}
