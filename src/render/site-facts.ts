import { type DigestStudy, isRetracted } from '../search/index.ts';
import type { SiteInput } from './site-input.ts';
import { compareStrength } from './study-facts.ts';

/** Facts several pages share, computed once per build. */
export interface SiteFacts {
  included: DigestStudy[];
  offTopic: DigestStudy[];
  byPmid: Map<string, DigestStudy>;
  topicIds: string[];
  /** What the last refresh run added (or, without run records, the last day's fetch). */
  newStudies: DigestStudy[];
  newSince: string | null;
  /** When the cache last changed: the site's "data as of" date. */
  dataAsOf: string | null;
}

export function siteFacts(input: SiteInput): SiteFacts {
  const included = input.studies.filter((study) => study.tags.relevance.id === 'on-topic');
  const offTopic = input.studies.filter((study) => study.tags.relevance.id !== 'on-topic');
  const topicIds = [...new Set(input.rules.topics.map((rule) => rule.tag))];
  // ISO timestamps sort as text.
  const latestFetch =
    input.studies
      .map((study) => study.fetchedAt)
      .sort()
      .at(-1) ?? '';
  // Runs are recorded by start time; a run's records are fetched after it starts.
  const lastRun = input.runs.at(-1) ?? null;
  const newSince = lastRun ?? (latestFetch === '' ? null : `${latestFetch.slice(0, 10)}T00:00:00.000Z`);
  const newStudies =
    newSince === null
      ? []
      : included
          .filter((study) => study.fetchedAt >= newSince)
          .sort(
            (a, b) =>
              (b.record.dates.entrez ?? '').localeCompare(a.record.dates.entrez ?? '') ||
              compareStrength(a, b),
          );
  return {
    included,
    offTopic,
    byPmid: new Map(input.studies.map((study) => [study.record.pmid, study])),
    topicIds,
    newStudies,
    newSince,
    dataAsOf: input.manifest.updatedAt ?? (latestFetch || null),
  };
}

/** Studies a clinician should see first: retracted ones never lead a list. */
export function strongest(studies: DigestStudy[], count: number): DigestStudy[] {
  return studies
    .filter((study) => !isRetracted(study))
    .sort(compareStrength)
    .slice(0, count);
}
