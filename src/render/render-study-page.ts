import type { DigestStudy } from '../search/index.ts';
import type { PageRenderer } from './create-renderer.ts';
import type { SiteFacts } from './site-facts.ts';
import type { SiteInput } from './site-input.ts';
import { studyPath } from './site-paths.ts';
import { DOWNLOAD_NAMES, type StudyCitations } from './study-citations.ts';
import { viewStudy } from './view-study.ts';

/** The part of the site a study page shows besides the study: small enough to send to a worker thread. */
export type StudyPageContext = Pick<SiteInput, 'siteTitle'> &
  Pick<SiteFacts, 'topicIds' | 'byPmid' | 'inSite'>;

/** A study page and its four citation downloads, as [site path, content] pairs in publishing order. */
export type StudyPageFiles = [string, string | Uint8Array][];

/** What a study page takes of its citations: the cite box's styles, and the downloads as text or UTF-8. */
export interface PageCitations extends Pick<StudyCitations, 'styles'> {
  files: Record<keyof StudyCitations['files'], string | Uint8Array>;
}

/** The files renderStudyPage makes for a study, in the same order. */
export function studyPagePaths(pmid: string): string[] {
  return [studyPath(pmid), ...DOWNLOAD_NAMES.map((name) => `studies/${pmid}/${name}`)];
}

/**
 * One study's page and its citation downloads. The one function both the main thread and the build
 * workers render study pages with, so where a page is rendered never changes its bytes.
 */
export function renderStudyPage(
  render: PageRenderer,
  context: StudyPageContext,
  study: DigestStudy,
  similar: string[],
  cited: PageCitations,
): StudyPageFiles {
  const pmid = study.record.pmid;
  const files: StudyPageFiles = [
    [studyPath(pmid), render('study', viewStudy(context, context, study, similar, cited))],
  ];
  for (const name of DOWNLOAD_NAMES) files.push([`studies/${pmid}/${name}`, cited.files[name]]);
  return files;
}
