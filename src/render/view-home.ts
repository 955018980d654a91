import { DESIGN_LABELS, isRetracted } from '../search/index.ts';
import { countTimeline } from './count-timeline.ts';
import { formatCount } from './format-count.ts';
import { formatDate } from './layout-view.ts';
import { pageLayout } from './page-context.ts';
import { renderTimeline } from './render-timeline.ts';
import { generatedHtml } from './safe-markup.ts';
import { type SiteFacts, strongest } from './site-facts.ts';
import type { SiteInput } from './site-input.ts';
import { searchPath, topicPath } from './site-paths.ts';
import { studyCard } from './study-card.ts';
import { topicLabel } from './study-facts.ts';

/** The digest: what is new, the evidence map, the timeline, and the strongest evidence per topic. */
export function viewHome(input: SiteInput, facts: SiteFacts) {
  const path = 'index.html';
  const layout = pageLayout(input, facts, path, {
    title: input.siteTitle,
    description: `Evidence digest of ${facts.included.length} PubMed studies: strongest evidence per topic, evidence map, what is new.`,
    nav: 'home',
  });
  const root = layout.root;
  const { included } = facts;
  const link = (params: Record<string, string>) => `${root}/${searchPath(new URLSearchParams(params))}`;

  const designs = DESIGN_LABELS.filter((design) =>
    included.some((study) => study.tags.design.id === design.id),
  );
  const cells = facts.topicIds.map((topic) =>
    designs.map(
      (design) =>
        included.filter((s) => s.tags.design.id === design.id && s.tags.topics.some((t) => t.id === topic))
          .length,
    ),
  );
  const max = Math.max(1, ...cells.flat());
  const map = {
    columns: designs.map((design) => ({ label: design.label, url: link({ design: design.id }) })),
    rows: facts.topicIds.map((topic, r) => ({
      label: topicLabel(topic),
      url: `${root}/${topicPath(topic)}`,
      cells: designs.map((design, c) => {
        const count = cells[r]?.[c] ?? 0;
        return {
          count,
          url: link({ topic, design: design.id }),
          heat: `heat-${count === 0 ? 0 : Math.ceil((5 * count) / max)}`,
          label: `${count} ${design.label} on ${topicLabel(topic)}`,
        };
      }),
    })),
    empty: included.length === 0,
  };

  const timeline = renderTimeline(countTimeline(included), 'Studies per year by design');
  return {
    layout,
    counts: {
      included: formatCount(included.length),
      total: formatCount(facts.entries.length),
      retracted: included.filter(isRetracted).length,
      systematic: included.filter((s) => s.tags.design.id === 'systematic-review').length,
      rct: included.filter((s) => s.tags.design.id === 'rct').length,
    },
    newSince: formatDate(facts.newSince),
    newCount: facts.newStudies.length,
    newOne: facts.newStudies.length === 1,
    newStudies: facts.newStudies.slice(0, 10).map((study) => studyCard(study, root)),
    newMore: facts.newStudies.length > 10 ? link({ sort: 'date' }) : null,
    newlyRetracted: facts.newlyRetracted.map((study) => ({
      ...studyCard(study, root),
      pmid: study.record.pmid,
      noticed: formatDate(study.retractionNoticedAt ?? null),
    })),
    map,
    timeline: { ...timeline, svg: generatedHtml(timeline.svg) },
    topics: facts.topicIds.map((topic) => {
      const inTopic = included.filter((study) => study.tags.topics.some((t) => t.id === topic));
      return {
        label: topicLabel(topic),
        url: `${root}/${topicPath(topic)}`,
        count: inTopic.length,
        searchUrl: link({ topic }),
        studies: strongest(inTopic, 3).map((study) => studyCard(study, root)),
      };
    }),
    searchAction: `${root}/search/index.html`,
    aboutUrl: `${root}/about/index.html`,
  };
}
