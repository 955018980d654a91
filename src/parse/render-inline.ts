import { collapseWhitespace } from './collapse-whitespace.ts';
import { decodeEntities } from './decode-entities.ts';
import { escapeHtml } from './escape-html.ts';
import type { InlineToken } from './inline-token.ts';
import { tokenizeInline } from './tokenize-inline.ts';

export interface InlineContent {
  /** Plain text: allow-listed markup flattened in document order, whitespace collapsed. */
  text: string;
  /** Safe HTML: escaped text plus only `i b sup sub u`, without attributes. */
  html: string;
}

/**
 * Renders the raw inner XML of a mixed-content element as plain text and safe HTML. Runs of whitespace
 * (pretty-printing, line breaks) collapse to one space across tag boundaries, and the ends are trimmed.
 */
export function renderInline(raw: string): InlineContent {
  if (raw.indexOf('<') === -1) {
    // No markup: one text run (the common case for abstracts).
    const text = collapseWhitespace(decodeEntities(raw));
    return { text, html: escapeHtml(text) };
  }
  return serialize(tokenizeInline(raw));
}

function serialize(tokens: InlineToken[]): InlineContent {
  let text = '';
  const html: string[] = [];
  let lastTextPart = -1;
  for (const token of tokens) {
    if ('open' in token) html.push(`<${token.open}>`);
    else if ('close' in token) html.push(`</${token.close}>`);
    else {
      let piece = token.text.replace(/[ \t\n\r]+/g, ' ');
      if (piece.startsWith(' ') && (text === '' || text.endsWith(' '))) piece = piece.slice(1);
      if (piece === '') continue;
      text += piece;
      html.push(escapeHtml(piece));
      lastTextPart = html.length - 1;
    }
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    const part = html[lastTextPart] ?? '';
    html[lastTextPart] = part.slice(0, -1);
  }
  return { text, html: html.join('') };
}
