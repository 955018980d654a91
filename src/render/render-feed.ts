import { Feed } from 'feed';
import type { DigestStudy } from '../search/index.ts';
import { escapeHtml } from './escape-html.ts';
import { studyPath } from './site-paths.ts';
import { xmlSafe } from './xml-text.ts';

/**
 * The library marks titles and summaries type="html" (in CDATA), so feed readers render them as HTML:
 * plain text must arrive HTML-escaped, which also keeps a "]]>" in the text from closing the CDATA.
 */
const asHtml = (text: string) => escapeHtml(xmlSafe(text));

/** What a host should send the feeds (`feed.xml`, `topics/<topic>/feed.xml`) as: Atom, not the plain XML their extension says. */
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * Atom feed of the newest studies (by PubMed entry date), written by the `feed` library. Entry ids are
 * PubMed URLs, so a study keeps its id wherever the site is hosted. Feed readers need absolute links (and
 * the library insists on them): without a configured site URL, entries link to PubMed instead.
 */
export function renderFeed(options: {
  studies: DigestStudy[];
  title: string;
  siteUrl: string | null;
  /** The feed's own path, e.g. feed.xml or topics/safety/feed.xml. */
  path: string;
  updated: Date;
  /** Studies a refresh found newly retracted: each gets an entry of its own, dated when it was found. */
  retractions?: DigestStudy[];
}): string {
  const { siteUrl, path } = options;
  const pubmed = 'https://pubmed.ncbi.nlm.nih.gov/';
  const toSite = (p: string, fallback = pubmed) => (siteUrl ? new URL(p, siteUrl).href : fallback);
  const feed = new Feed({
    id: siteUrl ? new URL(path, siteUrl).href : `urn:evidence-digest:${path}`,
    title: xmlSafe(options.title),
    updated: options.updated,
    generator: 'evidence-digest',
    link: toSite('index.html'),
    ...(siteUrl ? { feedLinks: { atom: toSite(path) } } : {}),
    copyright: 'Abstracts: the publishers, via PubMed. Summaries are not medical advice.',
  });
  const newest = [...options.studies]
    .sort(
      (a, b) =>
        (b.record.dates.entrez ?? '').localeCompare(a.record.dates.entrez ?? '') ||
        Number(b.record.pmid) - Number(a.record.pmid),
    )
    .slice(0, 50);
  for (const study of options.retractions ?? []) {
    const { record } = study;
    const noticed = new Date(study.retractionNoticedAt ?? options.updated);
    feed.addItem({
      title: asHtml(`Retracted: ${record.title}`),
      id: `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/#retracted`,
      link: toSite(studyPath(record.pmid), `${pubmed}${record.pmid}/`),
      date: Number.isNaN(noticed.getTime()) ? options.updated : noticed,
      description: asHtml(
        `This study, listed in the digest before, has been retracted. Do not rely on its results. ${record.title}`,
      ),
    });
  }
  for (const study of newest) {
    const { record, tags } = study;
    const date = new Date(record.dates.entrez ?? study.fetchedAt);
    feed.addItem({
      title: asHtml(`${record.retraction.retracted ? '[Retracted] ' : ''}${record.title}`),
      id: `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/`,
      link: toSite(studyPath(record.pmid), `${pubmed}${record.pmid}/`),
      date: Number.isNaN(date.getTime()) ? options.updated : date,
      description: asHtml(
        `${tags.design.id}, ${tags.evidenceLevel.reason}. ${record.abstract
          .map((s) => s.text)
          .join(' ')
          .slice(0, 400)}`,
      ),
      author: record.authors.slice(0, 3).map((a) => ({
        name: xmlSafe(a.collectiveName ?? [a.foreName, a.lastName].filter(Boolean).join(' ')),
      })),
    });
  }
  return feed.atom1();
}
