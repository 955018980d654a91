import type { NoticeType, PublicationType, Retraction } from '../records.ts';
import { attr, childText, grandchildren, type XmlNode } from './xml-node.ts';

/** CommentsCorrections types a reader must see next to the study; CommentIn, Cites ... are not notices. */
const NOTICE_REF_TYPES = new Set<string>([
  'RetractionIn',
  'RetractionOf',
  'ErratumIn',
  'ExpressionOfConcernIn',
  'UpdateIn',
  'RetractedandRepublishedIn',
]);
const RETRACTED_BY = new Set<string>(['RetractionIn', 'RetractedandRepublishedIn']);
const RETRACTED_PUBLICATION_UI = 'D016441';

/**
 * Retraction status from both places PubMed records it: the Retracted Publication type and a
 * CommentsCorrections RetractionIn link (either may come first after a retraction). Notices keep
 * document order: the publication type, then the links.
 */
export function mapRetraction(
  publicationTypes: PublicationType[],
  commentsCorrections: XmlNode[],
): Retraction {
  const notices: Retraction['notices'] = [];
  const typed = publicationTypes.some(
    (type) => type.ui === RETRACTED_PUBLICATION_UI || type.name.toLowerCase() === 'retracted publication',
  );
  if (typed) notices.push({ type: 'RetractedPublication', pmid: null });
  for (const link of commentsCorrections) {
    const refType = attr(link, 'RefType');
    if (refType === null || !NOTICE_REF_TYPES.has(refType)) continue;
    notices.push({ type: refType as NoticeType, pmid: childText(link, 'PMID') });
  }
  const linked = notices.some((notice) => RETRACTED_BY.has(notice.type));
  return { retracted: typed || linked, notices };
}

/** The CommentsCorrections of a citation, whatever list they sit in. */
export function commentsCorrections(citation: XmlNode | undefined): XmlNode[] {
  return grandchildren(citation, 'CommentsCorrectionsList', 'CommentsCorrections');
}
