import type { Author, StudyRecord } from '../records.ts';
import { abstractLine } from './abstract-line.ts';
import { expandPages } from './format-pages.ts';
import { oneLine } from './one-line.ts';
import { validDoi } from './valid-doi.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * BibTeX (biblatex-friendly: UTF-8 kept, doi/pmid/pmcid fields). Keys are `pmid<PMID>`, stable across
 * builds. Every value is escaped, so braces or backslashes in a title cannot end a field early.
 */
export function formatBibtex(records: StudyRecord[]): string {
  return records.map((record) => bibtexEntry(record)).join('\n');
}

/** One record; `abstract` is its abstractLine, when the caller has made it already for other formats. */
export function bibtexEntry(record: StudyRecord, abstract = abstractLine(record)): string {
  const fields: [string, string | null | undefined][] = [];
  const journal = record.journal;
  const authors = record.authors.map(bibtexName).filter((name) => name !== null);
  if (authors.length > 0) fields.push(['author', authors.join(' and ')]);
  // Double braces keep the title's capitals (bibliography styles would otherwise lower them).
  fields.push(['title', `{${escapeBibtex(record.title)}}`]);
  if (record.book) {
    fields.push(
      ['booktitle', escapeBibtex(record.book.title)],
      ['publisher', escapeOrNull(record.book.publisher)],
    );
  }
  if (journal) {
    fields.push(
      ['journal', escapeOrNull(journal.title)],
      ['shortjournal', escapeOrNull(journal.isoAbbreviation)],
    );
    fields.push(['volume', escapeOrNull(journal.volume)], ['number', escapeOrNull(journal.issue)]);
    if (journal.pages) fields.push(['pages', escapeBibtex(expandPages(journal.pages, '--'))]);
    fields.push(['issn', escapeOrNull(journal.issn)]);
  }
  if (record.published?.year) fields.push(['year', String(record.published.year)]);
  if (record.published?.month) fields.push(['month', MONTHS[record.published.month - 1]]);
  fields.push(
    ['doi', escapeOrNull(validDoi(record.doi))],
    ['pmid', record.pmid],
    ['pmcid', escapeOrNull(record.pmcid)],
  );
  fields.push(['url', `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/`]);
  fields.push(['abstract', escapeTex(abstract)]);
  if (record.keywords.length > 0) fields.push(['keywords', escapeBibtex(record.keywords.join(', '))]);
  fields.push(['language', escapeOrNull(record.language[0] ?? null)]);
  const body = fields
    .filter((field): field is [string, string] => field[1] != null && field[1] !== '')
    .map(([name, value]) => `  ${name} = {${value}}`)
    .join(',\n');
  const type = record.kind === 'book' ? 'incollection' : 'article';
  return `@${type}{pmid${record.pmid.replace(/\D/g, '')},\n${body}\n}\n`;
}

function bibtexName(author: Author): string | null {
  if (author.lastName) {
    const given = author.foreName ?? author.initials;
    const parts = [escapeBibtex(author.lastName)];
    if (author.suffix) parts.push(escapeBibtex(author.suffix));
    if (given) parts.push(escapeBibtex(given));
    return parts.join(', ');
  }
  // A group name in braces is one "last name": its "and" and commas are not separators.
  return author.collectiveName ? `{${escapeBibtex(author.collectiveName)}}` : null;
}

function escapeOrNull(value: string | null | undefined): string | null {
  return value == null ? null : escapeBibtex(value);
}

export function escapeBibtex(text: string): string {
  return escapeTex(oneLine(text));
}

/** escapeBibtex for text that is one line already. */
function escapeTex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (char) => {
    switch (char) {
      case '\\':
        return '\\textbackslash{}';
      case '~':
        return '\\textasciitilde{}';
      case '^':
        return '\\textasciicircum{}';
      default:
        return `\\${char}`;
    }
  });
}
