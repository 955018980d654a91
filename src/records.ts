/**
 * The shapes passed between stages. Types only, JSON-safe (ISO strings, no classes), so every stage's
 * output can be written as JSONL and read back unchanged. Missing data is absent or null, never invented.
 */

/** One PubMed record as the parse stage produces it (PRODUCT.md section 3). */
export interface StudyRecord {
  pmid: string;
  version: string;
  /** `article` for PubmedArticle, `book` for PubmedBookArticle. */
  kind: 'article' | 'book';
  /** Plain text, all inline markup flattened in document order. */
  title: string;
  /** Safe inline HTML: only i, b, sup, sub, u (and MathML reduced to text); everything else escaped. */
  titleHtml: string;
  vernacularTitle: string | null;
  abstract: AbstractSection[];
  otherAbstracts: OtherAbstract[];
  authors: Author[];
  authorListComplete: boolean | null;
  journal: Journal | null;
  published: PartialDate | null;
  /** ArticleDate (electronic publication), ISO yyyy-mm-dd when complete. */
  electronicDate: string | null;
  doi: string | null;
  pmcid: string | null;
  publicationTypes: PublicationType[];
  mesh: MeshHeading[];
  keywords: string[];
  language: string[];
  /** MedlineCitation@Status, e.g. MEDLINE, PubMed-not-MEDLINE, In-Process, Publisher. */
  status: string | null;
  trialIds: TrialId[];
  retraction: Retraction;
  dates: RecordDates;
  /** PubmedData/PublicationStatus: ppublish, epublish or aheadofprint (citations say "Epub ahead of print"). */
  publicationStatus?: string | null;
  /** PubmedBookArticle only (GeneReviews ...): the book a chapter belongs to; null for journal articles. */
  book?: BookInfo | null;
}

export interface BookInfo {
  /** Plain text of BookTitle. */
  title: string;
  publisher: string | null;
  publisherLocation: string | null;
  edition: string | null;
  /** The book's editors (AuthorList Type="editors"); the chapter's authors are `authors`. */
  editors: Author[];
  /** NCBI Bookshelf accession (ArticleId IdType="bookaccession"), e.g. NBK1403. */
  accession: string | null;
}

export interface AbstractSection {
  label: string | null;
  category: string | null;
  text: string;
  html: string;
}

export interface OtherAbstract {
  type: string | null;
  language: string | null;
  sections: AbstractSection[];
}

export interface Author {
  lastName: string | null;
  foreName: string | null;
  initials: string | null;
  suffix: string | null;
  collectiveName: string | null;
  orcid: string | null;
  affiliations: string[];
}

export interface Journal {
  title: string | null;
  isoAbbreviation: string | null;
  medlineTA: string | null;
  issn: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
}

export interface PartialDate {
  year: number | null;
  month: number | null;
  day: number | null;
  season: string | null;
  /** Free text as PubMed gave it (MedlineDate, or the assembled date). */
  text: string;
}

export interface PublicationType {
  ui: string | null;
  name: string;
}

export interface MeshHeading {
  descriptor: string;
  ui: string | null;
  major: boolean;
  qualifiers: { name: string; ui: string | null; major: boolean }[];
}

export interface TrialId {
  /** Registry as named by DataBankName (ClinicalTrials.gov, ISRCTN, EudraCT ...) or `abstract` when found in text. */
  registry: string;
  id: string;
}

export type NoticeType =
  | 'RetractionIn'
  | 'RetractionOf'
  | 'ErratumIn'
  | 'ExpressionOfConcernIn'
  | 'UpdateIn'
  | 'RetractedandRepublishedIn'
  | 'RetractedPublication';

export interface Retraction {
  retracted: boolean;
  notices: { type: NoticeType; pmid: string | null }[];
}

export interface RecordDates {
  /** ISO yyyy-mm-dd from PubmedData/History PubMedPubDate@PubStatus. */
  entrez: string | null;
  pubmed: string | null;
  medline: string | null;
  /** MedlineCitation/DateRevised. */
  revised: string | null;
  /** Every History PubMedPubDate in document order (received, accepted, epublish, entrez, retracted ...). */
  history?: { status: string; date: string }[];
}

/** A DeleteCitation entry: the PMIDs NLM removed. */
export interface DeletionEvent {
  kind: 'deletion';
  pmids: string[];
}
