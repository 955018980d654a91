import type { StudyRecord } from '../records.ts';
import { abstractLine } from './abstract-line.ts';
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
  return records.map((record) => nbibRecord(record)).join('\n');
}

/** One record; `abstract` is its abstractLine, when the caller has made it already for other formats. */
export function nbibRecord(record: StudyRecord, abstract = abstractLine(record)): string {
  const out: string[] = [];
  const addLine = (tag: string, text: string) => {
    if (text !== '') out.push(wrap(`${tag.padEnd(4)}- ${text}`));
  };
  const add = (tag: string, value: string | null | undefined) =>
    addLine(tag, value == null ? '' : oneLine(value));
  const journal = record.journal;
  const doi = validDoi(record.doi);
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
  if (doi) add('LID', `${doi} [doi]`);
  addLine('AB', abstract);
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
  if (doi) add('AID', `${doi} [doi]`);
  add('SO', sourceLine(record, doi));
  return `${out.join('\n')}\n`;
}

function sourceLine(record: StudyRecord, doi: string | null): string {
  const journal = record.journal;
  if (!journal) return '';
  let so = `${journal.isoAbbreviation ?? journal.medlineTA ?? journal.title ?? ''}. ${record.published?.text ?? ''}`;
  if (journal.volume) so += `;${journal.volume}`;
  if (journal.issue) so += `(${journal.issue})`;
  if (journal.pages) so += `:${journal.pages}`;
  so += '.';
  if (doi) so += ` doi: ${doi}.`;
  return so;
}

/** Wraps at 88 columns on spaces; continuation lines start with six spaces, as PubMed writes them. */
function wrap(line: string): string {
  if (line.length <= WIDTH) return line;
  // Greedy, as filling word by word would be, but by slicing at the last space that fits rather than
  // splitting the line (an abstract is hundreds of words) and joining the words again. Every line keeps
  // its first word even when that one is wider than the line. (The line starts with a tag, not a space.)
  const lines: string[] = [];
  let start = 0;
  let indent = '';
  while (indent.length + line.length - start > WIDTH) {
    let end = line.lastIndexOf(' ', start + WIDTH - indent.length);
    if (end < start) end = line.indexOf(' ', start);
    if (end === -1) break;
    lines.push(indent + line.slice(start, end));
    start = end + 1;
    indent = CONTINUATION;
  }
  lines.push(indent + line.slice(start));
  return lines.join('\n');
}

const WIDTH = 88;
const CONTINUATION = '      ';
