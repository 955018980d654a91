import { renderInline } from './render-inline.ts';

/** Plain text of an element that PubMed may mark up (Affiliation, Keyword, CollectiveName, any leaf). */
export function inlineText(raw: string): string {
  if (raw.indexOf('<') === -1 && raw.indexOf('&') === -1) {
    return NEEDS_COLLAPSE.test(raw) ? raw.replace(/[ \t\n\r]+/g, ' ').trim() : raw;
  }
  return renderInline(raw).text;
}

const NEEDS_COLLAPSE = /[\t\n\r]| {2}|^ | $/;
