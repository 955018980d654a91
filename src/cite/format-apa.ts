import { type Citation, type CitationPart, joinParts } from './citation-parts.ts';
import type { CslItem, CslName } from './csl-item.ts';
import { endSentence } from './format-ama.ts';
import { issuedYear } from './format-dates.ts';
import { apaName } from './format-names.ts';
import { expandPages } from './format-pages.ts';
import { titleCase } from './title-case.ts';

/**
 * APA 7th edition (as citeproc's apa.csl prints it): up to 20 authors ("A, B, & C"), else the first 19,
 * an ellipsis (…, as citeproc prints APA's ". . .") and the last; (year); the journal's full name in title case and italics; italic volume;
 * pages in full with an en dash; the DOI as an https://doi.org/ URL.
 */
export function formatApa(item: CslItem): Citation {
  const parts: CitationPart[] = [];
  const authors = item.author ?? [];
  const year = `(${issuedYear(item)}).`;
  if (authors.length > 0) {
    // Only the names printed are formatted: a consortium paper lists hundreds.
    const names = (shown: CslName[]) => shown.map(apaName).join(', ');
    let list: string;
    if (authors.length === 1) list = names(authors);
    else if (authors.length <= 20) list = `${names(authors.slice(0, -1))}, & ${names(authors.slice(-1))}`;
    else list = `${names(authors.slice(0, 19))}, \u2026 ${names(authors.slice(-1))}`;
    parts.push(`${endSentence(list)} ${year} `, endSentence(item.title));
  } else {
    parts.push(`${endSentence(item.title)} ${year}`);
  }
  const journal = item['container-title'] ?? item['container-title-short'];
  if (journal) {
    // Title case is an English convention: citeproc (and APA) leave other languages' names as they are.
    const english = item.language === undefined || item.language.startsWith('en');
    parts.push(' ', { italic: english ? titleCase(journal) : journal });
    if (item.volume) parts.push(', ', { italic: item.volume });
    if (item.issue) parts.push(`(${item.issue})`);
    if (item.page) parts.push(`, ${expandPages(item.page, '\u2013')}`);
    parts.push('.');
  }
  if (item.DOI) parts.push(' ', { verbatim: `https://doi.org/${item.DOI}` });
  return joinParts(parts);
}
