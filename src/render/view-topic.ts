import { DESIGN_LABELS, isRetracted, LEVEL_LABELS } from '../search/index.ts';
import { countTimeline } from './count-timeline.ts';
import { pageLayout } from './page-context.ts';
import { renderTimeline } from './render-timeline.ts';
import { generatedHtml } from './safe-markup.ts';
import { type SiteFacts, strongest } from './site-facts.ts';
import type { SiteInput } from './site-input.ts';
import { searchPath, topicPath } from './site-paths.ts';
import { studyCard } from './study-card.ts';
import { topicLabel } from './study-facts.ts';

/** One topic: counts by design and level, strongest evidence, newest studies, timeline, downloads. */
export function viewTopic(input: SiteInput, facts: SiteFacts, topic: string) {
  const path = topicPath(topic);
  const label = topicLabel(topic);
  const studies = facts.included.filter((study) => study.tags.topics.some((t) => t.id === topic));
  const layout = pageLayout(input, facts, path, {
    title: `${label}: ${input.siteTitle}`,
    description: `${studies.length} studies on ${label.toLowerCase()}, strongest evidence first.`,
    nav: 'topics',
  });
  const root = layout.root;
  const link = (params: Record<string, string>) =>
    `${root}/${searchPath(new URLSearchParams({ topic, ...params }))}`;
  const rationale = input.rules.topics.find((rule) => rule.tag === topic)?.rationale ?? '';
  const max = Math.max(1, studies.length);
  const bar = (count: number) => `bar-${Math.round((count / max) * 20) * 5}`;
  const byDesign = DESIGN_LABELS.map((design) => {
    const count = studies.filter((s) => s.tags.design.id === design.id).length;
    return { label: design.label, count, url: link({ design: design.id }), bar: bar(count) };
  }).filter((row) => row.count > 0);
  const byLevel = LEVEL_LABELS.map((level) => {
    const count = studies.filter((s) => String(s.tags.evidenceLevel.level ?? 'none') === level.id).length;
    return { label: level.label, count, url: link({ level: level.id }), bar: bar(count) };
  }).filter((row) => row.count > 0);
  const newest = [...studies]
    .sort((a, b) => (b.record.dates.entrez ?? '').localeCompare(a.record.dates.entrez ?? ''))
    .slice(0, 10);
  const timeline = renderTimeline(countTimeline(studies), `${label}: studies per year by design`);
  return {
    layout,
    label,
    rationale,
    count: studies.length,
    retracted: studies.filter(isRetracted).length,
    byDesign,
    byLevel,
    strongest: strongest(studies, 10).map((study) => studyCard(study, root)),
    newest: newest.map((study) => studyCard(study, root)),
    timeline: { ...timeline, svg: generatedHtml(timeline.svg) },
    searchUrl: link({}),
    ris: 'citations.ris',
    bib: 'citations.bib',
    feed: 'feed.xml',
  };
}
