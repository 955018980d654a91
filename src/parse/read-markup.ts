import { InlineMarkupError } from './inline-token.ts';

/** One piece of markup at `<`: what it is, its name, where it ends (index after `>`). */
export type Markup =
  | { kind: 'start'; name: string; end: number; selfClosing: boolean; hasAttributes: boolean }
  | { kind: 'end'; name: string; end: number }
  | { kind: 'cdata'; text: string; end: number }
  | { kind: 'skip'; end: number };

/**
 * Reads the markup that starts at `xml[at] === '<'`: a start or end tag, a comment, a CDATA section or a
 * processing instruction. Quotes are honoured so a `>` inside an attribute value does not end the tag.
 */
export function readMarkup(xml: string, at: number): Markup {
  const next = xml.charCodeAt(at + 1);
  if (next === 0x21 /* ! */) {
    if (xml.startsWith('<!--', at)) return { kind: 'skip', end: endOf(xml, '-->', at) };
    if (xml.startsWith('<![CDATA[', at)) {
      const end = endOf(xml, ']]>', at);
      return { kind: 'cdata', text: xml.slice(at + 9, end - 3), end };
    }
    throw new InlineMarkupError('unexpected declaration inside an element', at);
  }
  if (next === 0x3f /* ? */) return { kind: 'skip', end: endOf(xml, '?>', at) };
  if (next === 0x2f /* / */) {
    const close = xml.indexOf('>', at);
    if (close < 0) throw new InlineMarkupError('end tag is not closed', at);
    return { kind: 'end', name: xml.slice(at + 2, close).trim(), end: close + 1 };
  }
  let nameEnd = at + 1;
  while (nameEnd < xml.length && !isNameStop(xml.charCodeAt(nameEnd))) nameEnd++;
  const name = xml.slice(at + 1, nameEnd);
  if (name === '' || name.includes('<'))
    throw new InlineMarkupError('a `<` that starts no tag (should be &lt;)', at);
  const close = tagEnd(xml, at);
  const selfClosing = xml.charCodeAt(close - 1) === 0x2f;
  const rest = xml.slice(nameEnd, selfClosing ? close - 1 : close);
  return { kind: 'start', name, end: close + 1, selfClosing, hasAttributes: rest.trim() !== '' };
}

function endOf(xml: string, marker: string, at: number): number {
  const found = xml.indexOf(marker, at);
  if (found < 0) throw new InlineMarkupError(`\`${marker}\` missing`, at);
  return found + marker.length;
}

/** Index of the `>` that ends the start tag at `at`, skipping quoted attribute values. */
function tagEnd(xml: string, at: number): number {
  const close = xml.indexOf('>', at);
  if (close < 0) throw new InlineMarkupError('start tag is not closed', at);
  let i = at + 1;
  // Fast path: no quote before the first `>` (tags are short), so that `>` ends the tag.
  while (i < close && xml.charCodeAt(i) !== 0x22 && xml.charCodeAt(i) !== 0x27) i++;
  if (i === close) return close;
  while (i < xml.length) {
    const code = xml.charCodeAt(i);
    if (code === 0x22 || code === 0x27) {
      const end = xml.indexOf(code === 0x22 ? '"' : "'", i + 1);
      if (end < 0) throw new InlineMarkupError('attribute value is not closed', i);
      i = end + 1;
      continue;
    }
    if (code === 0x3e) return i;
    if (code === 0x3c) throw new InlineMarkupError('`<` inside a tag', i);
    i++;
  }
  throw new InlineMarkupError('start tag is not closed', at);
}

function isNameStop(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x2f || code === 0x3e;
}
