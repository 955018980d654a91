import type {
  AbstractSection,
  BookInfo,
  Journal,
  PublicationType,
  RecordDates,
  StudyRecord,
} from '../records.ts';
import { findTrialIds } from './find-trial-ids.ts';
import { mapAbstract, mapOtherAbstracts } from './map-abstract.ts';
import { mapAuthor, mapAuthors } from './map-authors.ts';
import { isoDate, pubDate } from './map-dates.ts';
import { commentsCorrections, mapRetraction } from './map-retraction.ts';
import { renderInline } from './render-inline.ts';
import {
  attr,
  child,
  children,
  childText,
  grandchildren,
  path,
  rawText,
  text,
  type XmlNode,
} from './xml-node.ts';

/** Thrown when a well-formed record lacks what makes it a record (a PMID). */
export class RecordShapeError extends Error {
  override name = 'RecordShapeError';
}

/**
 * A PubmedArticle, or a bare MedlineCitation of a legacy MedlineCitationSet (no PubmedData: no history,
 * no ArticleIdList), as a study record.
 */
export function mapArticle(citation: XmlNode | undefined, pubmedData: XmlNode | undefined): StudyRecord {
  const { pmid, version } = pmidOf(citation);
  const article = child(citation, 'Article');
  const title = renderInline(rawText(child(article, 'ArticleTitle')));
  const abstract = mapAbstract(child(article, 'Abstract'));
  const { authors, complete } = mapAuthors(children(article, 'AuthorList'));
  const publicationTypes = mapPublicationTypes(
    grandchildren(article, 'PublicationTypeList', 'PublicationType'),
  );
  const articleIds = grandchildren(pubmedData, 'ArticleIdList', 'ArticleId');
  return {
    pmid,
    version,
    kind: 'article',
    title: title.text,
    titleHtml: title.html,
    vernacularTitle: childText(article, 'VernacularTitle'),
    abstract,
    otherAbstracts: mapOtherAbstracts(children(citation, 'OtherAbstract')),
    authors,
    authorListComplete: complete,
    journal: mapJournal(article, citation),
    published: pubDate(path(article, 'Journal', 'JournalIssue', 'PubDate')),
    electronicDate: isoDate(firstElectronic(children(article, 'ArticleDate'))),
    doi: articleId(articleIds, 'doi') ?? elocationDoi(children(article, 'ELocationID')),
    pmcid: articleId(articleIds, 'pmc') ?? otherPmcid(children(citation, 'OtherID')),
    publicationTypes,
    mesh: mapMesh(citation),
    keywords: keywords(citation),
    language: texts(children(article, 'Language')),
    status: attr(citation, 'Status'),
    trialIds: findTrialIds(children(article, 'DataBankList'), plainText(abstract)),
    retraction: mapRetraction(publicationTypes, commentsCorrections(citation)),
    dates: mapDates(pubmedData, child(citation, 'DateRevised')),
    publicationStatus: childText(pubmedData, 'PublicationStatus'),
    book: null,
  };
}

/** A PubmedBookArticle (GeneReviews and other NCBI Bookshelf chapters). */
export function mapBook(document: XmlNode | undefined, bookData: XmlNode | undefined): StudyRecord {
  const { pmid, version } = pmidOf(document);
  const book = child(document, 'Book');
  const bookTitle = renderInline(rawText(child(book, 'BookTitle')));
  const articleTitle = child(document, 'ArticleTitle');
  // A whole book has no ArticleTitle: its title is the book's.
  const title = articleTitle === undefined ? bookTitle : renderInline(rawText(articleTitle));
  const abstract = mapAbstract(child(document, 'Abstract'));
  const { authors, complete } = mapAuthors(children(document, 'AuthorList'));
  const publicationTypes = mapPublicationTypes(children(document, 'PublicationType'));
  const ids = [...children(document, 'ArticleIdList'), ...children(bookData, 'ArticleIdList')].flatMap(
    (list) => children(list, 'ArticleId'),
  );
  const info: BookInfo = {
    title: bookTitle.text,
    publisher: childText(child(book, 'Publisher'), 'PublisherName'),
    publisherLocation: childText(child(book, 'Publisher'), 'PublisherLocation'),
    edition: childText(book, 'Edition'),
    editors: children(book, 'AuthorList')
      .filter((list) => attr(list, 'Type') === 'editors')
      .flatMap((list) => children(list, 'Author'))
      .filter((editor) => attr(editor, 'ValidYN') !== 'N')
      .map(mapAuthor),
    accession: articleId(ids, 'bookaccession'),
  };
  return {
    pmid,
    version,
    kind: 'book',
    title: title.text,
    titleHtml: title.html,
    vernacularTitle: childText(document, 'VernacularTitle'),
    abstract,
    otherAbstracts: [],
    authors,
    authorListComplete: complete,
    journal: null,
    published: pubDate(child(book, 'PubDate')),
    electronicDate: null,
    doi: articleId(ids, 'doi') ?? elocationDoi(children(book, 'ELocationID')),
    pmcid: articleId(ids, 'pmc'),
    publicationTypes,
    mesh: [],
    keywords: keywords(document),
    language: texts(children(document, 'Language')),
    status: null,
    trialIds: findTrialIds([], plainText(abstract)),
    retraction: mapRetraction(publicationTypes, []),
    dates: mapDates(bookData, child(document, 'DateRevised')),
    publicationStatus: childText(bookData, 'PublicationStatus'),
    book: info,
  };
}

function pmidOf(owner: XmlNode | undefined): { pmid: string; version: string } {
  const node = child(owner, 'PMID');
  const pmid = text(node);
  if (pmid === null || !/^\d+$/.test(pmid)) {
    throw new RecordShapeError(pmid === null ? 'record has no PMID' : `PMID "${pmid}" is not a number`);
  }
  return { pmid, version: attr(node, 'Version') ?? '1' };
}

function mapJournal(article: XmlNode | undefined, citation: XmlNode | undefined): Journal | null {
  const journal = child(article, 'Journal');
  const info = child(citation, 'MedlineJournalInfo');
  if (journal === undefined && info === undefined) return null;
  const issue = child(journal, 'JournalIssue');
  return {
    title: childText(journal, 'Title'),
    isoAbbreviation: childText(journal, 'ISOAbbreviation'),
    medlineTA: childText(info, 'MedlineTA'),
    issn: childText(journal, 'ISSN') ?? childText(info, 'ISSNLinking'),
    volume: childText(issue, 'Volume'),
    issue: childText(issue, 'Issue'),
    pages: pages(child(article, 'Pagination')),
  };
}

/** MedlinePgn as NLM abbreviates it ("123-9"), else StartPage-EndPage. */
function pages(pagination: XmlNode | undefined): string | null {
  const medline = childText(pagination, 'MedlinePgn');
  if (medline !== null) return medline;
  const start = childText(pagination, 'StartPage');
  const end = childText(pagination, 'EndPage');
  if (start === null) return null;
  return end === null || end === start ? start : `${start}-${end}`;
}

// The loops below build each list directly: no intermediate arrays and callbacks per element. The
// array methods also made V8 throw away the optimised code of the whole mapping (mapArticle inlines
// them) whenever a list of a new kind (an empty one, say) first reached them, on a fresh build thread.

function mapPublicationTypes(nodes: XmlNode[]): PublicationType[] {
  const types: PublicationType[] = [];
  for (const node of nodes) {
    const name = text(node);
    if (name !== null) types.push({ ui: attr(node, 'UI'), name });
  }
  return types;
}

function mapMesh(citation: XmlNode | undefined): StudyRecord['mesh'] {
  const mesh: StudyRecord['mesh'] = [];
  for (const heading of grandchildren(citation, 'MeshHeadingList', 'MeshHeading')) {
    const descriptor = child(heading, 'DescriptorName');
    const name = text(descriptor);
    if (name === null) continue;
    mesh.push({
      descriptor: name,
      ui: attr(descriptor, 'UI'),
      major: attr(descriptor, 'MajorTopicYN') === 'Y',
      qualifiers: mapQualifiers(children(heading, 'QualifierName')),
    });
  }
  return mesh;
}

function mapQualifiers(nodes: XmlNode[]): StudyRecord['mesh'][number]['qualifiers'] {
  const qualifiers: StudyRecord['mesh'][number]['qualifiers'] = [];
  for (const qualifier of nodes) {
    const name = text(qualifier);
    if (name !== null) {
      qualifiers.push({ name, ui: attr(qualifier, 'UI'), major: attr(qualifier, 'MajorTopicYN') === 'Y' });
    }
  }
  return qualifiers;
}

function keywords(owner: XmlNode | undefined): string[] {
  return texts(grandchildren(owner, 'KeywordList', 'Keyword'));
}

/** The plain text of each element that has any. */
function texts(nodes: XmlNode[]): string[] {
  const values: string[] = [];
  for (const node of nodes) {
    const value = text(node);
    if (value !== null) values.push(value);
  }
  return values;
}

/** The abstract's sections' text, one per line: where trial ids are looked for. */
function plainText(abstract: AbstractSection[]): string {
  let joined = '';
  let first = true;
  for (const section of abstract) {
    joined += first ? section.text : `\n${section.text}`;
    first = false;
  }
  return joined;
}

function articleId(ids: XmlNode[], type: string): string | null {
  for (const id of ids) {
    const value = attr(id, 'IdType') === type ? text(id) : null;
    if (value !== null) return value;
  }
  return null;
}

/** Legacy MEDLINE records (no PubmedData) carry the PMC id as OtherID Source="NLM". */
function otherPmcid(otherIds: XmlNode[]): string | null {
  for (const id of otherIds) {
    const value = attr(id, 'Source') === 'NLM' ? text(id) : null;
    const pmc = value === null ? null : /^PMC\d+/.exec(value)?.[0];
    if (pmc) return pmc;
  }
  return null;
}

function elocationDoi(locations: XmlNode[]): string | null {
  for (const location of locations) {
    const valid = attr(location, 'EIdType') === 'doi' && attr(location, 'ValidYN') !== 'N';
    const value = valid ? text(location) : null;
    if (value !== null) return value;
  }
  return null;
}

/** The first ArticleDate that is the electronic one (the DTD's default DateType). */
function firstElectronic(dates: XmlNode[]): XmlNode | undefined {
  for (const date of dates) if ((attr(date, 'DateType') ?? 'Electronic') === 'Electronic') return date;
  return undefined;
}

function mapDates(pubmedData: XmlNode | undefined, revised: XmlNode | undefined): RecordDates {
  const history: { status: string; date: string }[] = [];
  for (const node of children(child(pubmedData, 'History'), 'PubMedPubDate')) {
    const status = attr(node, 'PubStatus');
    const date = isoDate(node);
    if (status !== null && date !== null) history.push({ status, date });
  }
  return {
    entrez: firstDate(history, 'entrez'),
    pubmed: firstDate(history, 'pubmed'),
    medline: firstDate(history, 'medline'),
    revised: isoDate(revised),
    history,
  };
}

function firstDate(history: { status: string; date: string }[], status: string): string | null {
  for (const entry of history) if (entry.status === status) return entry.date;
  return null;
}
