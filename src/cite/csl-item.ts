import type { Author, StudyRecord } from '../records.ts';
import { validDoi } from './valid-doi.ts';

/** One CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), the fields we fill. */
export interface CslItem {
  id: string;
  type: 'article-journal' | 'chapter' | 'book';
  title: string;
  author?: CslName[];
  editor?: CslName[];
  'container-title'?: string;
  'container-title-short'?: string;
  volume?: string;
  issue?: string;
  page?: string;
  issued?: { 'date-parts': [number, number?, number?][] } | { literal: string };
  DOI?: string;
  PMID: string;
  PMCID?: string;
  ISSN?: string;
  publisher?: string;
  'publisher-place'?: string;
  language?: string;
  URL?: string;
}

export type CslName = { family: string; given?: string; suffix?: string } | { literal: string };

/**
 * The CSL-JSON view of a record: what `cite --format csl-json` prints, what the style formatters read and
 * what pandoc's citeproc is fed in the tests, so our AMA/APA/Vancouver output is proved against it.
 * CSL titles carry no closing full stop (the style adds its own), so PubMed's is dropped.
 */
export function toCslItem(record: StudyRecord): CslItem {
  const journal = record.journal;
  const item: CslItem = {
    id: record.pmid,
    type:
      record.kind === 'book'
        ? record.book && record.title !== record.book.title
          ? 'chapter'
          : 'book'
        : 'article-journal',
    title: trimTitle(record.title),
    PMID: record.pmid,
  };
  const authors = record.authors.map(toCslName).filter((name) => name !== null);
  if (authors.length > 0) item.author = authors;
  if (record.book) {
    const editors = record.book.editors.map(toCslName).filter((name) => name !== null);
    if (editors.length > 0) item.editor = editors;
    if (item.type === 'chapter') item['container-title'] = record.book.title;
    if (record.book.publisher) item.publisher = record.book.publisher;
    if (record.book.publisherLocation) item['publisher-place'] = record.book.publisherLocation;
  }
  if (journal) {
    if (journal.title) item['container-title'] = journal.title;
    const short = journal.isoAbbreviation ?? journal.medlineTA;
    if (short) item['container-title-short'] = short;
    if (journal.volume) item.volume = journal.volume;
    if (journal.issue) item.issue = journal.issue;
    if (journal.pages) item.page = journal.pages;
    if (journal.issn) item.ISSN = journal.issn;
  }
  const date = record.published;
  if (date?.year) {
    const parts: [number, number?, number?] = [date.year];
    if (date.month) parts.push(date.month);
    if (date.month && date.day) parts.push(date.day);
    item.issued = { 'date-parts': [parts] };
  } else if (date?.text) {
    item.issued = { literal: date.text };
  }
  const doi = validDoi(record.doi);
  if (doi) item.DOI = doi;
  if (record.pmcid) item.PMCID = record.pmcid;
  const language = record.language[0] ? (ISO_639_1[record.language[0]] ?? record.language[0]) : null;
  if (language) item.language = language;
  if (record.book?.accession) item.URL = `https://www.ncbi.nlm.nih.gov/books/${record.book.accession}/`;
  return item;
}

/**
 * PubMed's ISO 639-2 codes -> the BCP 47 tags CSL expects. It matters: citeproc title-cases (APA journal
 * names) only items it knows are English, and "eng" is not a tag it knows.
 */
const ISO_639_1: Record<string, string> = {
  eng: 'en',
  fre: 'fr',
  ger: 'de',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  dut: 'nl',
  rus: 'ru',
  jpn: 'ja',
  chi: 'zh',
  pol: 'pl',
  swe: 'sv',
  dan: 'da',
  nor: 'no',
  fin: 'fi',
  cze: 'cs',
  hun: 'hu',
  tur: 'tr',
  gre: 'el',
  kor: 'ko',
  heb: 'he',
  ara: 'ar',
  per: 'fa',
  hrv: 'hr',
  slv: 'sl',
  slo: 'sk',
  rum: 'ro',
  bul: 'bg',
  ukr: 'uk',
  lit: 'lt',
};

export function toCslName(author: Author): CslName | null {
  if (author.lastName) {
    const name: CslName = { family: author.lastName };
    const given = author.foreName ?? author.initials;
    if (given) name.given = given;
    if (author.suffix) name.suffix = author.suffix;
    return name;
  }
  if (author.collectiveName) return { literal: author.collectiveName };
  return null;
}

/** "Title." -> "Title"; "Title?" and "[Title in translation]." keep their own ending. */
export function trimTitle(title: string): string {
  return title.replace(/\.\s*$/, '').trim();
}
