import { type DigestStudy, isRetracted, studyDate } from './digest-study.ts';

/**
 * What the site needs of every study besides its own page and the lists that show it as a card: the
 * facts the counts, the search index, similar studies, the sitemap and the about page are made from.
 * A build thread makes it where the study's record is; a 100,000-study build's main thread holds one per
 * study (a few hundred bytes; the search terms go to the search index's own thread) and a study's slim
 * record only when a list can show it (the on-topic ones). Made by digestEntry alone, so both builds see
 * the same facts.
 */
export interface DigestEntry {
  pmid: string;
  title: string;
  /** The result row's source line ("Daly EJ, et al. JAMA Psychiatry. 2018."). */
  source: string;
  fetchedAt: string;
  withdrawn?: { at: string; reason: string };
  retractionNoticedAt?: string;
  onTopic: boolean;
  /** Why screening kept or left it out. */
  reason: string;
  /** Year published (0 when unknown), and yyyymmdd of the entry date (studyDate). */
  year: number;
  date: number;
  design: string;
  level: number | null;
  n: number | null;
  topics: string[];
  routes: string[];
  substances: string[];
  populations: string[];
  retracted: boolean;
  /** An expression of concern is attached. */
  concern: boolean;
  /** PMIDs of its retraction, concern and erratum notices (null when a notice has none). */
  notices: (string | null)[];
  /** MeSH descriptors and keywords, lower-cased and prefixed (m:, k:): what similar studies share. */
  features: string[];
}

export function digestEntry(study: DigestStudy): DigestEntry {
  const { record, tags } = study;
  const ids = (hits: { id: string }[]) => hits.map((hit) => hit.id);
  return {
    pmid: record.pmid,
    title: record.title,
    source: sourceLine(study),
    fetchedAt: study.fetchedAt,
    ...(study.withdrawn ? { withdrawn: study.withdrawn } : {}),
    ...(study.retractionNoticedAt ? { retractionNoticedAt: study.retractionNoticedAt } : {}),
    onTopic: tags.relevance.id === 'on-topic',
    reason: tags.relevance.reason,
    year: record.published?.year ?? 0,
    date: studyDate(record),
    design: tags.design.id,
    level: tags.evidenceLevel.level,
    n: tags.n?.value ?? null,
    topics: ids(tags.topics),
    routes: ids(tags.routes),
    substances: ids(tags.substances),
    populations: ids(tags.populations),
    retracted: isRetracted(study),
    concern: record.retraction.notices.some((notice) => notice.type === 'ExpressionOfConcernIn'),
    notices: record.retraction.notices.map((notice) => notice.pmid),
    features: [
      ...record.mesh.map((m) => `m:${m.descriptor.toLowerCase()}`),
      ...record.keywords.map((k) => `k:${k.toLowerCase()}`),
    ],
  };
}

/** Whether the digest counts it: not withdrawn, and on-topic. */
export const isIncluded = (entry: DigestEntry) => entry.withdrawn === undefined && entry.onTopic;

/** "Daly EJ, et al. JAMA Psychiatry. 2018." for a result row. */
function sourceLine(study: DigestStudy): string {
  const { record } = study;
  const first = record.authors[0];
  const author = first
    ? (first.collectiveName ?? [first.lastName, first.initials].filter(Boolean).join(' '))
    : '';
  const authors = author === '' ? '' : `${author}${record.authors.length > 1 ? ', et al.' : '.'}`;
  const journal = record.journal?.isoAbbreviation ?? record.journal?.title ?? record.book?.title ?? '';
  const year = record.published?.year ?? record.published?.text ?? '';
  return [authors, journal ? `${journal}.` : '', year ? `${year}.` : ''].filter(Boolean).join(' ');
}
