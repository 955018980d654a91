import { formatBibtex, formatRis } from '../cite/index.ts';
import { buildSearchIndex, createVocabulary } from '../search/index.ts';
import { createRenderer } from './create-renderer.ts';
import { findSimilar } from './find-similar.ts';
import type { TemplateSources } from './load-templates.ts';
import { pageLayout } from './page-context.ts';
import type { StudyPageWorkers } from './prepare-studies.ts';
import { renderDataExports } from './render-data-exports.ts';
import { renderFeed } from './render-feed.ts';
import { renderSitemap } from './render-sitemap.ts';
import { renderStudyPage, studyPagePaths } from './render-study-page.ts';
import { type SiteFacts, siteFacts } from './site-facts.ts';
import type { SiteFiles, SiteInput } from './site-input.ts';
import { topicPath } from './site-paths.ts';
import { studyCitations } from './study-citations.ts';
import { topicLabel } from './study-facts.ts';
import { studyPageRequest } from './study-page-request.ts';
import { viewAbout } from './view-about.ts';
import { viewHome } from './view-home.ts';
import { viewSearch } from './view-search.ts';
import { viewTopic } from './view-topic.ts';

/**
 * Cache contents -> the whole site in memory (path -> content). Pure: no disk, no clock, no network, so the
 * same input gives the same bytes and a crash leaves nothing half-written. `scripts` are the bundled
 * browser assets (bundle-assets.ts).
 */
export function buildSite(
  input: SiteInput,
  templates: TemplateSources,
  scripts: Record<string, string>,
): SiteFiles {
  const facts = siteFacts(input);
  return renderSite(input, templates, scripts, facts, findSimilar(input.studies), () => false);
}

/**
 * buildSite with the study pages of the studies `workers` hold rendered there (renderStudyPage on both
 * sides, so the bytes are the same), while this thread renders everything else.
 */
export async function buildSiteOnWorkers(
  input: SiteInput,
  templates: TemplateSources,
  scripts: Record<string, string>,
  workers: StudyPageWorkers,
): Promise<SiteFiles> {
  const facts = siteFacts(input);
  const similar = findSimilar(input.studies);
  try {
    const rendered = workers.render((held) => studyPageRequest(input, facts, similar, templates, held));
    // Settled below; until then this thread renders the rest of the site.
    rendered.catch(() => {});
    const onWorkers = (pmid: string) => workers.holds(pmid) && facts.byPmid.has(pmid);
    const files = renderSite(input, templates, scripts, facts, similar, onWorkers);
    for (const page of await rendered) for (const [path, content] of page) files.set(path, content);
    const missing = [...files].filter(([, content]) => content === PENDING).map(([path]) => path);
    if (missing.length > 0) throw new Error(`study pages not rendered: ${missing.slice(0, 5).join(', ')}`);
    return files;
  } finally {
    await workers.close();
  }
}

/** Holds a study page's place in the site (and so in the sitemap) until a worker sends the page. */
const PENDING = new Uint8Array(0);

function renderSite(
  input: SiteInput,
  templates: TemplateSources,
  scripts: Record<string, string>,
  facts: SiteFacts,
  similar: Map<string, string[]>,
  renderedElsewhere: (pmid: string) => boolean,
): SiteFiles {
  const files: SiteFiles = new Map();
  const render = createRenderer(templates);
  const updated = new Date(facts.dataAsOf ?? 0);

  files.set('index.html', render('home', viewHome(input, facts)));
  files.set('about/index.html', render('about', viewAbout(input, facts)));
  files.set('search/index.html', render('search', viewSearch(input, facts)));
  const notFound = pageLayout(input, facts, '404.html', {
    title: `Page not found: ${input.siteTitle}`,
    description: 'Page not found',
    nav: null,
  });
  // Hosts serve 404.html at any depth, so its links start at the site root.
  files.set('404.html', render('not-found', { layout: { ...notFound, root: '', feedUrl: '/feed.xml' } }));

  for (const topic of facts.topicIds) {
    files.set(topicPath(topic), render('topic', viewTopic(input, facts, topic)));
    const inTopic = facts.included.filter((study) => study.tags.topics.some((t) => t.id === topic));
    const records = inTopic.map((study) => study.record);
    files.set(`topics/${topic}/citations.ris`, formatRis(records));
    files.set(`topics/${topic}/citations.bib`, formatBibtex(records));
    files.set(
      `topics/${topic}/feed.xml`,
      renderFeed({
        studies: inTopic,
        title: `${topicLabel(topic)}: ${input.siteTitle}`,
        siteUrl: input.siteUrl,
        path: `topics/${topic}/feed.xml`,
        updated,
      }),
    );
  }

  const context = {
    siteTitle: input.siteTitle,
    topicIds: facts.topicIds,
    dataAsOf: facts.dataAsOf,
    byPmid: facts.byPmid,
  };
  for (const study of input.studies) {
    const pmid = study.record.pmid;
    if (renderedElsewhere(pmid)) {
      for (const path of studyPagePaths(pmid)) files.set(path, PENDING);
      continue;
    }
    const cited = input.citations?.get(pmid) ?? studyCitations(study.record);
    for (const [path, content] of renderStudyPage(render, context, study, similar.get(pmid) ?? [], cited))
      files.set(path, content);
  }

  const vocabulary = createVocabulary(facts.topicIds);
  // Withdrawn studies keep their pages but leave search, like the rest of the digest.
  const searchable = input.studies.filter((study) => study.withdrawn === undefined);
  for (const [path, content] of Object.entries(buildSearchIndex(searchable, vocabulary)))
    files.set(path, content);
  for (const [path, content] of Object.entries(renderDataExports(input.studies))) files.set(path, content);
  files.set(
    'feed.xml',
    renderFeed({
      studies: facts.included,
      title: input.siteTitle,
      siteUrl: input.siteUrl,
      path: 'feed.xml',
      updated,
      retractions: facts.newlyRetracted,
    }),
  );
  // The refresh runs' reports, for researchers reusing the data (the about page shows the newest).
  files.set('data/runs.json', `${JSON.stringify(input.history?.reports ?? [], null, 1)}\n`);
  const pages = [...files.keys()].filter(
    (path) => path.endsWith('.html') && path !== '404.html' && !path.startsWith('search/'),
  );
  files.set(
    'sitemap.xml',
    renderSitemap(
      ['index.html', 'search/index.html', ...pages.filter((p) => p !== 'index.html')],
      input.siteUrl,
    ),
  );
  files.set(
    'robots.txt',
    `User-agent: *\nAllow: /\n${input.siteUrl ? `Sitemap: ${new URL('sitemap.xml', input.siteUrl).href}\n` : ''}`,
  );
  for (const [name, content] of Object.entries(templates.assets)) files.set(`assets/${name}`, content);
  for (const [path, content] of Object.entries(scripts)) files.set(path, content);
  // Hosts that read a _headers file (Netlify, Cloudflare Pages) also send the CSP and framing rules as headers.
  files.set(
    '_headers',
    `/*\n  Content-Security-Policy: ${pageLayout(input, facts, 'index.html', { title: '', description: '', nav: null }).csp}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n`,
  );
  return files;
}
