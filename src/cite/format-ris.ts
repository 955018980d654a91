import type { StudyRecord } from '../records.ts';
import { abstractLine } from './abstract-line.ts';
import { oneLine } from './one-line.ts';
import { splitPages } from './split-pages.ts';
import { validDoi } from './valid-doi.ts';

/**
 * RIS (the format EndNote, Zotero, Mendeley and RefWorks import). Lines are `TAG  - value` with CRLF as the
 * spec says; the PMID goes in AN and the PubMed URL in UR, the DOI in DO, the PMCID in C2 (EndNote's field).
 */
export function formatRis(records: StudyRecord[]): string {
  return records.map((record) => risRecord(record)).join('');
}

/** One record; `abstract` is its abstractLine, when the caller has made it already for other formats. */
export function risRecord(record: StudyRecord, abstract = abstractLine(record)): string {
  const lines: [string, string | null | undefined][] = [];
  const journal = record.journal;
  lines.push(['TY', record.kind === 'book' ? 'CHAP' : 'JOUR']);
  for (const author of record.authors) {
    if (author.lastName) {
      const given = author.foreName ?? author.initials;
      lines.push(['AU', [author.lastName, given, author.suffix].filter(Boolean).join(', ')]);
    } else if (author.collectiveName) lines.push(['AU', author.collectiveName]);
  }
  lines.push(['TI', record.title]);
  if (record.book)
    lines.push(
      ['T2', record.book.title],
      ['PB', record.book.publisher],
      ['CY', record.book.publisherLocation],
    );
  if (journal) {
    lines.push(
      ['T2', journal.title],
      ['JO', journal.isoAbbreviation ?? journal.medlineTA],
      ['VL', journal.volume],
    );
    lines.push(['IS', journal.issue]);
    if (journal.pages) {
      const { start, end } = splitPages(journal.pages);
      lines.push(['SP', start], ['EP', end]);
    }
    lines.push(['SN', journal.issn]);
  }
  const date = record.published;
  if (date?.year) {
    lines.push(['PY', String(date.year)]);
    const pad = (value: number | null) => (value ? String(value).padStart(2, '0') : '');
    lines.push(['DA', `${date.year}/${pad(date.month)}/${pad(date.month ? date.day : null)}`]);
  }
  lines.push(['AB', abstract]);
  for (const keyword of record.keywords) lines.push(['KW', keyword]);
  for (const heading of record.mesh) lines.push(['KW', heading.descriptor]);
  lines.push(['LA', record.language[0]], ['DO', validDoi(record.doi)], ['AN', record.pmid], ['DB', 'PubMed']);
  lines.push(['C2', record.pmcid], ['UR', `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/`]);
  let out = '';
  for (const [tag, value] of lines) {
    // The abstract comes one line already (abstractLine).
    const text = value == null ? '' : tag === 'AB' ? value : oneLine(value);
    if (text !== '') out += `${tag}  - ${text}\r\n`;
  }
  return `${out}ER  - \r\n\r\n`;
}
