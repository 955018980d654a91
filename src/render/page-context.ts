import type { LayoutView } from './layout-view.ts';
import { CONTENT_SECURITY_POLICY, formatDate } from './layout-view.ts';
import type { SiteFacts } from './site-facts.ts';
import type { SiteInput } from './site-input.ts';
import { rootFor, topicPath } from './site-paths.ts';
import { topicLabel } from './study-facts.ts';

export type NavItem = keyof LayoutView['nav'];

/** The layout part of every page's view. */
export function pageLayout(
  input: Pick<SiteInput, 'siteTitle'>,
  facts: Pick<SiteFacts, 'topicIds' | 'dataAsOf'>,
  path: string,
  page: { title: string; description: string; nav: NavItem | null; scripts?: string[] },
): LayoutView {
  const root = rootFor(path);
  return {
    title: page.title,
    description: page.description,
    root,
    siteTitle: input.siteTitle,
    nav: {
      home: page.nav === 'home',
      topics: page.nav === 'topics',
      search: page.nav === 'search',
      about: page.nav === 'about',
    },
    topics: facts.topicIds.map((id) => ({ label: topicLabel(id), url: `${root}/${topicPath(id)}` })),
    dataAsOf: formatDate(facts.dataAsOf),
    csp: CONTENT_SECURITY_POLICY,
    scripts: (page.scripts ?? []).map((script) => ({
      src: `${root}/${script}`,
      module: !script.endsWith('-boot.js'),
    })),
    feedUrl: `${root}/feed.xml`,
  };
}
