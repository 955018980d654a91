import type { StudyRecord } from '../records.ts';
import { abstractPlainText } from './abstract-plain-text.ts';
import { toCslName } from './csl-item.ts';
import { MONTHS_SHORT } from './format-dates.ts';
import { nlmName } from './format-names.ts';
import { oneLine } from './one-line.ts';
import { validDoi } from './valid-doi.ts';

/**
 * MEDLINE/.nbib, PubMed's own "Citation manager" format: `TAG - value` with the tag padded to four
 * characters, long values wrapped at 88 columns onto lines indented by six spaces, records separated by a
 * blank line. Fields follow PubMed's order for the ones we hold.
 */
export function formatNbib(records: StudyRecord[]): string {
  return records.map(nbibRecord).join('\n');
}

function nbibRecord(record: StudyRecord): string {
  const out: string[] = [];
  const add = (tag: string, value: string | null | undefined) => {
    const text = value == null ? '' : oneLine(value);
    if (text !== '') out.push(wrap(`${tag.padEnd(4)}- ${text}`));
  };
  const journal = record.journal;
  add('PMID', record.pmid);
  add('OWN', 'NLM');
  add('STAT', record.status);
  add('IS', journal?.issn);
  add('VI', journal?.volume);
  add('IP', journal?.issue);
  const date = record.published;
  add(
    'DP',
    date?.year
      ? [date.year, date.month ? MONTHS_SHORT[date.month - 1] : date.season, date.month ? date.day : null]
          .filter((part) => part != null)
          .join(' ')
      : date?.text,
  );
  add('TI', record.title);
  add('PG', journal?.pages);
  if (validDoi(record.doi)) add('LID', `${validDoi(record.doi)} [doi]`);
  add('AB', abstractPlainText(record));
  for (const author of record.authors) {
    const name = toCslName(author);
    if (name === null) continue;
    if ('literal' in name) {
      add('CN', name.literal);
      continue;
    }
    add('FAU', [author.lastName, author.foreName ?? author.initials].filter(Boolean).join(', '));
    add('AU', nlmName(name));
    if (author.orcid) add('AUID', `ORCID: ${author.orcid}`);
    for (const affiliation of author.affiliations) add('AD', affiliation);
  }
  for (const language of record.language) add('LA', language);
  for (const type of record.publicationTypes) add('PT', type.name);
  add('TA', journal?.medlineTA ?? journal?.isoAbbreviation);
  add('JT', journal?.title);
  for (const heading of record.mesh) {
    const qualifiers = heading.qualifiers.map((q) => `/${q.major ? '*' : ''}${q.name}`).join('');
    add('MH', `${heading.major ? '*' : ''}${heading.descriptor}${qualifiers}`);
  }
  for (const keyword of record.keywords) add('OT', keyword);
  add('EDAT', record.dates.entrez);
  add('PMC', record.pmcid);
  if (validDoi(record.doi)) add('AID', `${validDoi(record.doi)} [doi]`);
  add('SO', sourceLine(record));
  return `${out.join('\n')}\n`;
}

function sourceLine(record: StudyRecord): string {
  const journal = record.journal;
  if (!journal) return '';
  let so = `${journal.isoAbbreviation ?? journal.medlineTA ?? journal.title ?? ''}. ${record.published?.text ?? ''}`;
  if (journal.volume) so += `;${journal.volume}`;
  if (journal.issue) so += `(${journal.issue})`;
  if (journal.pages) so += `:${journal.pages}`;
  so += '.';
  if (validDoi(record.doi)) so += ` doi: ${validDoi(record.doi)}.`;
  return so;
}

/** Wraps at 88 columns on spaces; continuation lines start with six spaces, as PubMed writes them. */
function wrap(line: string): string {
  if (line.length <= 88) return line;
  const words = line.split(' ');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current !== '' && current.length + 1 + word.length > 88) {
      lines.push(current);
      current = `      ${word}`;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  lines.push(current);
  return lines.join('\n');
}
