import type Handlebars from 'handlebars';
import { type DigestStudy, isRetracted } from '../search/index.ts';
import { formatCount } from './format-count.ts';
import { allowListedHtml } from './safe-markup.ts';
import { studyPath } from './site-paths.ts';
import { designLabel } from './study-facts.ts';

export interface StudyCardView {
  url: string;
  titleHtml: Handlebars.SafeString;
  source: string;
  design: string;
  level: string;
  levelClass: string;
  n: string | null;
  retracted: boolean;
  concern: boolean;
}

/** One study in a list: title, source line, design and level badges, retraction at a glance. */
export function studyCard(study: DigestStudy, root: string): StudyCardView {
  const { record, tags } = study;
  const first = record.authors[0];
  const author = first
    ? (first.collectiveName ?? [first.lastName, first.initials].filter(Boolean).join(' '))
    : '';
  const journal = record.journal?.isoAbbreviation ?? record.journal?.title ?? record.book?.title ?? '';
  const year = record.published?.year ?? record.published?.text ?? '';
  const level = tags.evidenceLevel.level;
  return {
    url: `${root}/${studyPath(record.pmid)}`,
    titleHtml: allowListedHtml(record.titleHtml),
    source: [author && `${author}${record.authors.length > 1 ? ' et al.' : ''}`, journal, year]
      .filter(Boolean)
      .join(' · '),
    design: designLabel(tags.design.id),
    level: level === null ? 'No level' : `Level ${level}`,
    levelClass: level === null ? 'level-none' : `level-${level}`,
    n: tags.n ? `n = ${formatCount(tags.n.value)}` : null,
    retracted: isRetracted(study),
    concern: record.retraction.notices.some((notice) => notice.type === 'ExpressionOfConcernIn'),
  };
}
