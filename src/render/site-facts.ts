import { type DigestEntry, type DigestStudy, digestEntry, isRetracted } from '../search/index.ts';
import { completeRuns } from './refresh-history.ts';
import type { SiteInput } from './site-input.ts';
import { compareStrength } from './study-facts.ts';

/** Facts several pages share, computed once per build. */
export interface SiteFacts {
  /** Every study's entry, withdrawn ones included (what counts, search and the sitemap are made of). */
  entries: DigestEntry[];
  /** Every study's PMID: a notice or link may point at any of them. */
  inSite: ReadonlySet<string>;
  included: DigestStudy[];
  offTopic: DigestEntry[];
  /** The studies a list or card can show (the on-topic ones, at least), by PMID. */
  byPmid: Map<string, DigestStudy>;
  topicIds: string[];
  /** What the last refresh run that added studies added (or, without run reports, the last day's fetch). */
  newStudies: DigestStudy[];
  newSince: string | null;
  /** Digest studies a refresh run saw become retracted in the 90 days before the last run, newest first. */
  newlyRetracted: DigestStudy[];
  /** Cached studies no longer in the query's results (or deleted by PubMed): out of the digest. */
  withdrawn: DigestEntry[];
  /** When the cache last changed: the site's "data as of" date. */
  dataAsOf: string | null;
}

export function siteFacts(input: SiteInput): SiteFacts {
  const entries = input.entries ?? input.studies.map(digestEntry);
  const included = input.studies.filter(
    (study) => study.withdrawn === undefined && study.tags.relevance.id === 'on-topic',
  );
  const offTopic = entries.filter((entry) => entry.withdrawn === undefined && !entry.onTopic);
  const topicIds = [...new Set(input.rules.topics.map((rule) => rule.tag))];
  // ISO timestamps sort as text.
  let latestFetch = '';
  for (const entry of entries) if (entry.fetchedAt > latestFetch) latestFetch = entry.fetchedAt;
  const runs = completeRuns(input.history);
  const adding = runs.find((run) => run.counts.new > 0);
  let newSince: string | null;
  let isNew: (study: DigestStudy) => boolean;
  if (adding) {
    // The run report says exactly what it added; "since" is the run before it.
    const added = new Set(adding.new);
    newSince = adding.watermark.before ?? adding.startedAt;
    isNew = (study) => added.has(study.record.pmid);
  } else {
    // Runs are recorded by start time; a run's records are fetched after it starts.
    const lastRun = input.runs.at(-1) ?? null;
    newSince = lastRun ?? (latestFetch === '' ? null : `${latestFetch.slice(0, 10)}T00:00:00.000Z`);
    isNew = (study) => newSince !== null && study.fetchedAt >= newSince;
  }
  const lastRunMs = Date.parse(runs[0]?.startedAt ?? '');
  const recentMs = lastRunMs - 90 * 86_400_000;
  const newlyRetracted = included
    .filter((study) => study.retractionNoticedAt && Date.parse(study.retractionNoticedAt) >= recentMs)
    .sort((a, b) => (b.retractionNoticedAt ?? '').localeCompare(a.retractionNoticedAt ?? ''));
  const newStudies =
    newSince === null
      ? []
      : included
          .filter(isNew)
          .sort(
            (a, b) =>
              (b.record.dates.entrez ?? '').localeCompare(a.record.dates.entrez ?? '') ||
              compareStrength(a, b),
          );
  return {
    entries,
    inSite: new Set(entries.map((entry) => entry.pmid)),
    included,
    offTopic,
    byPmid: new Map(input.studies.map((study) => [study.record.pmid, study])),
    topicIds,
    newStudies,
    newSince,
    newlyRetracted,
    withdrawn: entries.filter((entry) => entry.withdrawn !== undefined),
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
