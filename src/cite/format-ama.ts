import { type Citation, type CitationPart, joinParts } from './citation-parts.ts';
import type { CslItem } from './csl-item.ts';
import { issuedParts, issuedYear, MONTHS_LONG } from './format-dates.ts';
import { nlmName } from './format-names.ts';
import { expandPages } from './format-pages.ts';

/**
 * AMA Manual of Style, 11th edition (as citeproc's american-medical-association.csl prints it): up to six
 * authors, else the first three and "et al"; NLM journal abbreviation in italics; year;volume(issue):pages
 * with pages in full; doi: without a URL prefix.
 */
export function formatAma(item: CslItem): Citation {
  const parts: CitationPart[] = [];
  const authors = item.author ?? [];
  if (authors.length > 0) {
    const shown = authors.length > 6 ? authors.slice(0, 3) : authors;
    parts.push(`${shown.map(nlmName).join(', ')}${authors.length > 6 ? ', et al' : ''}. `);
  }
  parts.push(endSentence(item.title), ' ');
  const journal = abbreviation(item);
  if (journal) parts.push({ italic: journal }, '. ');
  const pages = item.page ? expandPages(item.page) : '';
  if (item.volume || item.issue) {
    let source = `${issuedYear(item)};${item.volume ?? ''}`;
    if (item.issue) source += `(${item.issue})`;
    if (pages) source += `:${pages}`;
    parts.push(`${source}.`);
  } else {
    const date = issuedParts(item);
    const month = date?.[1] ? `${MONTHS_LONG[date[1] - 1]} ${date[2] ? `${date[2]}, ` : ''}` : '';
    parts.push(`Published online ${month}${issuedYear(item)}${pages ? `:${pages}` : ''}.`);
  }
  if (item.DOI) parts.push(' ', { verbatim: `doi:${item.DOI}` });
  return joinParts(parts);
}

/** A title ending in ? or ! keeps it; any other gets a full stop. */
export function endSentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** NLM abbreviations print without full stops in AMA and Vancouver ("J. Clin. Oncol." -> "J Clin Oncol"). */
export function abbreviation(item: CslItem): string | undefined {
  const short = item['container-title-short'];
  return short ? short.replace(/\.(?=\s|$)/g, '').trim() : item['container-title'];
}
