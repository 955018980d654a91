import {
  buildSearchIndex,
  createVocabulary,
  type DigestEntry,
  isIncluded,
  searchDocFiles,
  studyIndexTerms,
} from '../search/index.ts';
import { createRenderer } from './create-renderer.ts';
import { findSimilar } from './find-similar.ts';
import type { TemplateSources } from './load-templates.ts';
import { pageLayout } from './page-context.ts';
import { DataExportWriter, studyExportLines } from './render-data-exports.ts';
import { ATOM_TYPE, renderFeed } from './render-feed.ts';
import { renderSitemap } from './render-sitemap.ts';
import { renderStudyPage } from './render-study-page.ts';
import { type SiteFacts, siteFacts } from './site-facts.ts';
import type { SiteFiles, SiteInput } from './site-input.ts';
import { studyPath, topicPath } from './site-paths.ts';
import { studyCitations } from './study-citations.ts';
import { topicLabel } from './study-facts.ts';
import { viewAbout } from './view-about.ts';
import { viewHome } from './view-home.ts';
import { viewSearch } from './view-search.ts';
import { viewTopic } from './view-topic.ts';

/**
 * Cache contents -> the whole site in memory (path -> content). Pure: no disk, no clock, no network, so the
 * same input gives the same bytes and a crash leaves nothing half-written. `scripts` are the bundled
 * browser assets (bundle-assets.ts). The streaming build (build-site-from-cache.ts) writes the same bytes
 * without holding the records: it renders the study pages and appends the exports on its threads and
 * takes the rest of the site from siteFilesBesideStudies.
 */
export function buildSite(
  input: SiteInput,
  templates: TemplateSources,
  scripts: Record<string, string>,
): SiteFiles {
  const facts = siteFacts(input);
  const similar = findSimilar(facts.entries);
  const files: SiteFiles = new Map(siteFilesBesideStudies(input, templates, scripts, facts));
  const render = createRenderer(templates);
  const context = {
    siteTitle: input.siteTitle,
    topicIds: facts.topicIds,
    byPmid: facts.byPmid,
    inSite: facts.inSite,
  };
  const exports = new DataExportWriter((path, chunk) => {
    const before = files.get(path);
    files.set(path, (typeof before === 'string' ? before : '') + chunk);
  });
  for (const topic of facts.topicIds) exports.touch(topicCitations(topic));
  for (const [i, study] of input.studies.entries()) {
    const pmid = study.record.pmid;
    const cited = input.citations?.get(pmid) ?? studyCitations(study.record);
    for (const [path, content] of renderStudyPage(render, context, study, similar.get(pmid) ?? [], cited))
      files.set(path, content);
    // Without input.entries, facts.entries are made from input.studies, in their order.
    const entry = facts.entries[i];
    if (entry?.pmid !== pmid) throw new Error(`PMID ${pmid}: no entry in the studies' order`);
    exports.add(entry.onTopic, studyExportLines(study, cited.files), citationLists(entry, facts));
  }
  return files;
}

/** Where a topic's citation lists go (`.ris` and `.bib` are added). */
export const topicCitations = (topic: string) => `topics/${topic}/citations`;

/** Withdrawn studies keep their pages but leave search, like the rest of the digest. */
export const searchable = (facts: Pick<SiteFacts, 'entries'>) =>
  facts.entries.filter((entry) => entry.withdrawn === undefined);

function termsOf(input: SiteInput, facts: SiteFacts): (entry: DigestEntry) => string[] {
  const { searchTerms } = input;
  if (searchTerms) return (entry) => searchTerms(entry.pmid);
  return (entry) => {
    // Without searchTerms, `studies` holds every study, each with its whole record.
    const study = facts.byPmid.get(entry.pmid);
    if (study === undefined) throw new Error(`PMID ${entry.pmid}: no study to take search terms from`);
    return study.terms ?? studyIndexTerms(study);
  };
}

/** The topic citation lists a study belongs in: those of its topics, while it is in the digest. */
export function citationLists(entry: DigestEntry, facts: Pick<SiteFacts, 'topicIds'>): string[] {
  if (!isIncluded(entry)) return [];
  return facts.topicIds.filter((topic) => entry.topics.includes(topic)).map(topicCitations);
}

/**
 * Every file of the site but the study pages (and their downloads), the data exports and the topic
 * citation lists: the home, topic, search, about and 404 pages, feeds, search index, sitemap and assets.
 * Only needs what a slim study holds (slim-study.ts) and the search terms. `searchDocs` (the searchable
 * studies in doc order): only the index's doc files are made from them, its term shards and meta.json
 * are left to the caller (the streaming build gathers the postings on a thread of their own). A
 * generator, so a caller writing the files can let its build threads get on between them.
 */
export function* siteFilesBesideStudies(
  input: SiteInput,
  templates: TemplateSources,
  scripts: Record<string, string>,
  facts: SiteFacts,
  options: { searchDocs?: DigestEntry[] } = {},
): Generator<[string, string | Uint8Array]> {
  const render = createRenderer(templates);
  const updated = new Date(facts.dataAsOf ?? 0);

  yield ['index.html', render('home', viewHome(input, facts))];
  yield ['about/index.html', render('about', viewAbout(input, facts))];
  yield ['search/index.html', render('search', viewSearch(input, facts))];
  const notFound = pageLayout(input, facts, '404.html', {
    title: `Page not found: ${input.siteTitle}`,
    description: 'Page not found',
    nav: null,
  });
  // Hosts serve 404.html at any depth, so its links start at the site root.
  yield ['404.html', render('not-found', { layout: { ...notFound, root: '', feedUrl: '/feed.xml' } })];

  for (const topic of facts.topicIds) {
    yield [topicPath(topic), render('topic', viewTopic(input, facts, topic))];
    const inTopic = facts.included.filter((study) => study.tags.topics.some((t) => t.id === topic));
    yield [
      `topics/${topic}/feed.xml`,
      renderFeed({
        studies: inTopic,
        title: `${topicLabel(topic)}: ${input.siteTitle}`,
        siteUrl: input.siteUrl,
        path: `topics/${topic}/feed.xml`,
        updated,
      }),
    ];
  }

  const vocabulary = createVocabulary(facts.topicIds);
  if (options.searchDocs) yield* searchDocFiles(options.searchDocs, vocabulary);
  else yield* buildSearchIndex(searchable(facts), vocabulary, termsOf(input, facts));
  yield [
    'feed.xml',
    renderFeed({
      studies: facts.included,
      title: input.siteTitle,
      siteUrl: input.siteUrl,
      path: 'feed.xml',
      updated,
      retractions: facts.newlyRetracted,
    }),
  ];
  // The refresh runs' reports, for researchers reusing the data (the about page shows the newest).
  yield ['data/runs.json', `${JSON.stringify(input.history?.reports ?? [], null, 1)}\n`];
  yield [
    'sitemap.xml',
    renderSitemap(
      [
        'index.html',
        'search/index.html',
        'about/index.html',
        ...facts.topicIds.map(topicPath),
        ...facts.entries.map((entry) => studyPath(entry.pmid)),
      ],
      input.siteUrl,
    ),
  ];
  yield [
    'robots.txt',
    `User-agent: *\nAllow: /\n${input.siteUrl ? `Sitemap: ${new URL('sitemap.xml', input.siteUrl).href}\n` : ''}`,
  ];
  for (const [name, content] of Object.entries(templates.assets)) yield [`assets/${name}`, content];
  for (const entry of Object.entries(scripts)) yield entry;
  // Hosts that read a _headers file (Netlify, Cloudflare Pages) also send the CSP and framing rules as headers,
  // and the feeds as Atom rather than the plain XML their extension says.
  yield [
    '_headers',
    `/*\n  Content-Security-Policy: ${pageLayout(input, facts, 'index.html', { title: '', description: '', nav: null }).csp}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n` +
      `/feed.xml\n  Content-Type: ${ATOM_TYPE}\n/topics/*/feed.xml\n  Content-Type: ${ATOM_TYPE}\n`,
  ];
}
