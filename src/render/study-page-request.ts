import type { DigestStudy } from '../search/index.ts';
import type { TemplateSources } from './load-templates.ts';
import type { SiteFacts } from './site-facts.ts';
import type { SiteInput } from './site-input.ts';
import type { StudyPageRequest } from './study-worker-protocol.ts';

/**
 * What the worker holding the records of `held` needs to render their pages (StudyPageRequest). Search
 * terms are left out: no page shows them, and they are the bulk of a study.
 */
export function studyPageRequest(
  input: SiteInput,
  facts: SiteFacts,
  similar: Map<string, string[]>,
  templates: TemplateSources,
  held: string[],
): StudyPageRequest {
  const pages: StudyPageRequest['pages'] = [];
  const mine = new Set(held);
  const linked = new Map<string, DigestStudy>();
  const link = (pmid: string | null) => {
    const study = pmid === null || mine.has(pmid) ? undefined : facts.byPmid.get(pmid);
    if (study !== undefined) linked.set(study.record.pmid, withoutTerms(study));
  };
  for (const pmid of held) {
    const digestStudy = facts.byPmid.get(pmid);
    if (digestStudy === undefined) continue;
    const { record, terms, ...study } = digestStudy;
    const list = similar.get(pmid) ?? [];
    pages.push({ pmid, study, similar: list });
    list.forEach(link);
    for (const notice of record.retraction.notices) link(notice.pmid);
  }
  return {
    templates,
    siteTitle: input.siteTitle,
    topicIds: facts.topicIds,
    dataAsOf: facts.dataAsOf,
    pages,
    linked: [...linked.values()],
  };
}

function withoutTerms({ terms, ...study }: DigestStudy): DigestStudy {
  return study;
}
