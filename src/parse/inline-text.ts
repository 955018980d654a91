import { collapseWhitespace } from './collapse-whitespace.ts';
import { renderInline } from './render-inline.ts';

/** Plain text of an element that PubMed may mark up (Affiliation, Keyword, CollectiveName, any leaf). */
export function inlineText(raw: string): string {
  if (raw.indexOf('<') === -1 && raw.indexOf('&') === -1) return collapseWhitespace(raw);
  return renderInline(raw).text;
}
