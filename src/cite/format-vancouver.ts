import { type Citation, type CitationPart, joinParts } from './citation-parts.ts';
import type { CslItem } from './csl-item.ts';
import { abbreviation, endSentence } from './format-ama.ts';
import { issuedParts, issuedYear, MONTHS_SHORT } from './format-dates.ts';
import { nlmName } from './format-names.ts';
import { minimalPages } from './format-pages.ts';

/**
 * Vancouver (ICMJE / NLM Citing Medicine, as citeproc's vancouver.csl prints it): up to six authors then
 * "et al.", NLM journal abbreviation, "2018 Feb 1;75(2):139-48" with pages cut to the digits that change.
 * The DOI is appended as Citing Medicine allows (vancouver.csl leaves it out; writers need it).
 */
export function formatVancouver(item: CslItem): Citation {
  const parts: CitationPart[] = [];
  const authors = item.author ?? [];
  if (authors.length > 0) {
    const shown = authors.slice(0, 6);
    parts.push(`${shown.map(nlmName).join(', ')}${authors.length > 6 ? ', et al' : ''}. `);
  }
  parts.push(endSentence(item.title), ' ');
  const journal = abbreviation(item);
  if (journal) parts.push(`${journal}. `);
  const date = issuedParts(item);
  let source = date
    ? [date[0], date[1] ? MONTHS_SHORT[date[1] - 1] : null, date[1] && date[2] ? date[2] : null]
        .filter((part) => part !== null)
        .join(' ')
    : issuedYear(item);
  if (item.volume) source += `;${item.volume}`;
  if (item.issue) source += `(${item.issue})`;
  if (item.page) source += `${item.volume || item.issue ? ':' : ';'}${minimalPages(item.page, '\u2013')}`;
  parts.push(`${source}.`);
  if (item.DOI) parts.push(' ', { verbatim: `doi: ${item.DOI}` });
  return joinParts(parts);
}
