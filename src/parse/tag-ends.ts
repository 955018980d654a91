/** Where tags and elements end, for read-subtree.ts: small scans over XML that return -1 when unsure. */

/** Name characters read-subtree.ts reads directly: letters, digits, `_ . : -`. */
export const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) NAME_CHAR[c] = /[A-Za-z0-9_.:-]/.test(String.fromCharCode(c)) ? 1 : 0;

/** Index of the `>` ending the start tag whose name ends at `from`, quotes honoured; -1 if none. */
export function tagEnd(xml: string, from: number): number {
  for (let i = from; i < xml.length; i++) {
    const code = xml.charCodeAt(i);
    if (code === 0x3e) return i;
    if (code === 0x22 || code === 0x27) {
      const quoteEnd = xml.indexOf(code === 0x22 ? '"' : "'", i + 1);
      if (quoteEnd < 0) return -1;
      i = quoteEnd;
    } else if (code === 0x3c) return -1;
  }
  return -1;
}

/**
 * Index of the `<` of the end tag closing the text element `name` whose content starts at `from`, as
 * fast-xml-parser's stop-node reader finds it: nested elements of the same name are counted, other
 * tags are skipped whole (quotes honoured). -1 if it is not closed.
 */
export function stopNodeEnd(xml: string, name: string, from: number): number {
  let depth = 1;
  let at = xml.indexOf('<', from);
  while (at >= 0) {
    if (xml.charCodeAt(at + 1) === 0x2f) {
      const gt = xml.indexOf('>', at);
      if (gt < 0) return -1;
      if (xml.slice(at + 2, gt).trim() === name && --depth === 0) return at;
      at = xml.indexOf('<', gt + 1);
      continue;
    }
    let nameEnd = at + 1;
    for (let code = xml.charCodeAt(nameEnd); !isTagNameStop(code); code = xml.charCodeAt(++nameEnd)) {
      // Non-ASCII whitespace would end the name for fast-xml-parser (\s): leave such a subtree to it.
      if (code >= 0x80 || Number.isNaN(code)) return -1;
    }
    const end = tagEnd(xml, nameEnd);
    if (end < 0) return -1;
    if (xml.slice(at + 1, nameEnd) === name && xml.charCodeAt(end - 1) !== 0x2f) depth++;
    at = xml.indexOf('<', end + 1);
  }
  return -1;
}

/**
 * Index of the `<` of `</name>` closing a text element whose content (markup inside: `<i>`, MathML)
 * starts at `from`, when that content is markup checkWellFormed passes: every tag closed by its own end
 * tag, in order, names of plain ASCII name characters. -1 for anything else (a comment, CDATA, a
 * processing instruction, an unusual name, a mismatch): the caller leaves it to checkWellFormed, which
 * reports faults. For such content fast-xml-parser's stop-node reader ends at the same `</name>`.
 */
export function markupEnd(xml: string, name: string, from: number): number {
  const open: string[] = [];
  let at = xml.indexOf('<', from);
  while (at >= 0) {
    const next = xml.charCodeAt(at + 1);
    if (next === 0x2f) {
      const gt = xml.indexOf('>', at);
      if (gt < 0) return -1;
      const closing = xml.slice(at + 2, gt).trimEnd();
      const top = open.pop();
      if (top === undefined) return closing === name ? at : -1;
      if (closing !== top) return -1;
      at = xml.indexOf('<', gt + 1);
      continue;
    }
    let nameEnd = at + 1;
    let code = next;
    while (code < 128 && NAME_CHAR[code] === 1) code = xml.charCodeAt(++nameEnd);
    // `<i/x>`: XML and checkWellFormed see an `i`, fast-xml-parser an `i/x`; only `<i/>` is read here.
    if (code === 0x2f && xml.charCodeAt(nameEnd + 1) !== 0x3e) return -1;
    if (nameEnd === at + 1 || !(code === 0x3e || code === 0x2f || isSpace(code))) return -1;
    const end = tagEnd(xml, nameEnd);
    if (end < 0) return -1;
    if (xml.charCodeAt(end - 1) !== 0x2f) open.push(xml.slice(at + 1, nameEnd));
    at = xml.indexOf('<', end + 1);
  }
  return -1;
}

/** True when `xml` from `from` to `to` is all XML whitespace (or empty). */
export function isBlank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(xml.charCodeAt(i))) return false;
  return true;
}

export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/** fast-xml-parser ends a tag name at the first whitespace (or the `>`). */
function isTagNameStop(code: number): boolean {
  return code === 0x3e || code === 0x20 || (code >= 0x09 && code <= 0x0d);
}
