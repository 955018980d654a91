import { collapseWhitespace } from './collapse-whitespace.ts';
import { renderInline } from './render-inline.ts';

/** Markup, a reference, or whitespace collapseWhitespace would change: a value without is read as it is. */
const NEEDS_READING = /[<&\t\n\r]| {2}|^ | $/;

/** Plain text of an element that PubMed may mark up (Affiliation, Keyword, CollectiveName, any leaf). */
export function inlineText(raw: string): string {
  // Most values (names, years, ids) are plain text with nothing to collapse: one test says so.
  if (!NEEDS_READING.test(raw)) return raw;
  if (raw.indexOf('<') === -1 && raw.indexOf('&') === -1) return collapseWhitespace(raw);
  return renderInline(raw).text;
}
