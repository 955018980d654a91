export interface WellFormednessFault {
  /** Offset (UTF-16 index) in the checked string. */
  at: number;
  reason: string;
}

export type WellFormedness =
  | { fault: WellFormednessFault }
  /** `text`: the record without the whitespace between elements outside `textElements`. */
  | { fault: null; text: string };

/**
 * Checks that every tag in a record is closed by a matching end tag, in order. fast-xml-parser does not
 * (it pops whatever is open on any end tag), so without this a missing `</Author>` would silently shift
 * the fields that follow. Runs over the record with its ReferenceList already cut out, at a fraction of
 * the parser's cost: it only scans tags and compares names.
 *
 * On the way it drops the indentation between elements (a sixth of a pretty-printed record), except
 * inside `textElements`, where whitespace is content. fast-xml-parser reads text outside stop nodes one
 * character at a time and trims it, so whitespace-only runs cost time and yield nothing; the parse tree
 * is the same without them.
 */
export function checkWellFormed(xml: string, textElements: ReadonlySet<string>): WellFormedness {
  const fault = (at: number, reason: string) => ({ fault: { at, reason } });
  const stack: string[] = [];
  /** Depth of the open text element (whitespace kept inside it), -1 when none is open. */
  let textDepth = -1;
  let compact = '';
  let kept = 0;
  let at = xml.indexOf('<');
  if (at < 0) return fault(0, 'no element');
  if (xml.slice(0, at).trim() !== '') return fault(0, 'text before the record');
  while (at >= 0) {
    const next = xml.charCodeAt(at + 1);
    let end: number;
    if (next === 0x2f /* / */) {
      const close = xml.indexOf('>', at);
      if (close < 0) return fault(at, 'end tag is not closed');
      const top = stack.pop();
      const name = xml.slice(at + 2, close).trimEnd();
      if (top !== name) {
        return fault(
          at,
          top === undefined ? `end tag </${name}> without a start tag` : `<${top}> is closed by </${name}>`,
        );
      }
      if (stack.length < textDepth) textDepth = -1;
      end = close + 1;
    } else if (next === 0x21 /* ! */) {
      const marker = xml.startsWith('<!--', at) ? '-->' : xml.startsWith('<![CDATA[', at) ? ']]>' : null;
      if (marker === null) return fault(at, 'unexpected declaration inside the record');
      const close = xml.indexOf(marker, at + 2);
      if (close < 0) return fault(at, `\`${marker}\` missing`);
      end = close + marker.length;
    } else if (next === 0x3f /* ? */) {
      const close = xml.indexOf('?>', at);
      if (close < 0) return fault(at, 'processing instruction is not closed');
      end = close + 2;
    } else {
      let nameEnd = at + 1;
      for (;;) {
        const code = xml.charCodeAt(nameEnd);
        if (
          code === 0x3e ||
          code === 0x2f ||
          code === 0x20 ||
          code === 0x0a ||
          code === 0x09 ||
          code === 0x0d
        )
          break;
        if (code === 0x3c || Number.isNaN(code)) return fault(at, 'start tag is not closed');
        nameEnd++;
      }
      if (nameEnd === at + 1) return fault(at, 'a `<` that starts no tag (should be &lt;)');
      const close = startTagEnd(xml, nameEnd);
      if (close < 0) return fault(at, 'start tag is not closed');
      if (xml.charCodeAt(close - 1) !== 0x2f) {
        const name = xml.slice(at + 1, nameEnd);
        stack.push(name);
        if (textDepth < 0 && textElements.has(name)) textDepth = stack.length;
      }
      end = close + 1;
    }
    if (stack.length === 0) {
      if (xml.slice(end).trim() !== '') return fault(end, 'content after the record');
      return { fault: null, text: kept === 0 ? xml : compact + xml.slice(kept) };
    }
    at = xml.indexOf('<', end);
    if (textDepth < 0 && at > end && isWhitespace(xml, end, at)) {
      compact += xml.slice(kept, end);
      kept = at;
    }
  }
  return fault(xml.length, `<${stack[stack.length - 1]}> is not closed`);
}

function isWhitespace(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = xml.charCodeAt(i);
    if (code !== 0x20 && code !== 0x0a && code !== 0x09 && code !== 0x0d) return false;
  }
  return true;
}

/** The `>` ending a start tag whose name ends at `from`; quoted values may contain `>`. -1 if none. */
function startTagEnd(xml: string, from: number): number {
  const close = xml.indexOf('>', from);
  if (close < 0) return -1;
  let i = from;
  while (i < close) {
    const code = xml.charCodeAt(i);
    if (code === 0x3c) return -1;
    if (code === 0x22 || code === 0x27) break;
    i++;
  }
  if (i === close) return close;
  while (i < xml.length) {
    const code = xml.charCodeAt(i);
    if (code === 0x22 || code === 0x27) {
      const quoteEnd = xml.indexOf(code === 0x22 ? '"' : "'", i + 1);
      if (quoteEnd < 0) return -1;
      i = quoteEnd + 1;
    } else if (code === 0x3e) return i;
    else if (code === 0x3c) return -1;
    else i++;
  }
  return -1;
}
