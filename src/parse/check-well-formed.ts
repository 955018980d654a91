export interface WellFormednessFault {
  /** Offset (UTF-16 index) in the checked string. */
  at: number;
  reason: string;
}

export type WellFormedness<T = never> =
  | { fault: WellFormednessFault }
  /**
   * `text`: the record without the whitespace between elements outside `textElements`, and with the
   * content of every outermost `cutElements` element replaced by its index in `cut` (`<AuthorList
   * CompleteYN="Y">0</AuthorList>`); `cut`: those contents, compacted the same way (a text element's
   * content is kept as it is), or what `readCut` read of them.
   */
  | { fault: null; text: string; cut: (string | T)[] };

/**
 * Reads the content of a cut element (not a text element) starting at `from`, up to `end`, the `<` of
 * its end tag, as checkWellFormed's own walk would have passed it; null when it cannot vouch for that.
 */
export type CutReader<T> = (xml: string, from: number) => { value: T; end: number } | null;

const NO_CUTS: ReadonlySet<string> = new Set();

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
 *
 * It also takes the content of the outermost `cutElements` out of the text (a text element among them
 * is cut whole, unless it sits inside another cut element), so that the parser never walks content it
 * would only hand over raw (read-subtree.ts builds those subtrees and puts the text back). A subtree
 * that `readCut` reads (into its tree, straight from the record) is not walked here at all: the reader
 * only reads markup this walk would pass, and gives up on the rest, which is then walked and cut out
 * as text. Most of a record's tags are in its subtrees.
 *
 * For the parser to see the same elements as this scan, a tag name may not hold a character that
 * JavaScript's `\s` counts as space but XML does not let a name end with (vertical tab, form feed,
 * no-break and other Unicode spaces): such a tag is a fault here, as in XML.
 */
export function checkWellFormed<T = never>(
  xml: string,
  textElements: ReadonlySet<string>,
  cutElements: ReadonlySet<string> = NO_CUTS,
  readCut?: CutReader<T>,
): WellFormedness<T> {
  const stack: string[] = [];
  /** Depth of the open text element (whitespace kept inside it), -1 when none is open. */
  let textDepth = -1;
  /** Depth of the open cut element, -1 when none is open; its content so far (compacted) goes to `cutText`. */
  let cutDepth = -1;
  let cutText = '';
  const cut: (string | T)[] = [];
  let compact = '';
  let kept = 0;
  let at = xml.indexOf('<');
  if (at < 0) return faultAt(0, 'no element');
  if (xml.slice(0, at).trim() !== '') return faultAt(0, 'text before the record');
  while (at >= 0) {
    const next = xml.charCodeAt(at + 1);
    let end: number;
    if (next === 0x2f /* / */) {
      const top = stack.pop();
      // Almost always exactly `</top>`: compared in place, without cutting the name out.
      let close = top === undefined ? -1 : at + 2 + top.length;
      if (top === undefined || xml.charCodeAt(close) !== 0x3e || !xml.startsWith(top, at + 2)) {
        close = xml.indexOf('>', at);
        if (close < 0) return faultAt(at, 'end tag is not closed');
        const name = xml.slice(at + 2, close).trimEnd();
        if (top !== name) {
          return faultAt(
            at,
            top === undefined ? `end tag </${name}> without a start tag` : `<${top}> is closed by </${name}>`,
          );
        }
      }
      if (stack.length < textDepth) textDepth = -1;
      // Not `else`: a text element can be cut itself (then both depths end here).
      if (stack.length < cutDepth) {
        cut.push(cutText + xml.slice(kept, at));
        kept = at;
        compact += String(cut.length - 1);
        cutDepth = -1;
      }
      end = close + 1;
    } else if (next === 0x21 /* ! */) {
      const marker = xml.startsWith('<!--', at) ? '-->' : xml.startsWith('<![CDATA[', at) ? ']]>' : null;
      if (marker === null) return faultAt(at, 'unexpected declaration inside the record');
      const close = xml.indexOf(marker, at + 2);
      if (close < 0) return faultAt(at, `\`${marker}\` missing`);
      end = close + marker.length;
    } else if (next === 0x3f /* ? */) {
      const close = xml.indexOf('?>', at);
      if (close < 0) return faultAt(at, 'processing instruction is not closed');
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
        if (code === 0x3c || Number.isNaN(code)) return faultAt(at, 'start tag is not closed');
        if (code === 0x0b || code === 0x0c || (code > 0x7f && isUnicodeSpace(code))) {
          return faultAt(at, 'a tag name holds a space character XML does not allow');
        }
        nameEnd++;
      }
      if (nameEnd === at + 1) return faultAt(at, 'a `<` that starts no tag (should be &lt;)');
      const close = startTagEnd(xml, nameEnd);
      if (close < 0) return faultAt(at, 'start tag is not closed');
      end = close + 1;
      if (xml.charCodeAt(close - 1) !== 0x2f) {
        const name = xml.slice(at + 1, nameEnd);
        stack.push(name);
        if (textDepth < 0) {
          if (textElements.has(name)) textDepth = stack.length;
          // Not after `<Name/x`: the parser would call that element `Name/x`.
          if (cutDepth < 0 && cutElements.has(name) && xml.charCodeAt(nameEnd) !== 0x2f) {
            compact += xml.slice(kept, end);
            // A subtree read here is not walked again: on to its end tag, which is checked as usual.
            const read = textDepth < 0 && readCut !== undefined ? readCut(xml, end) : null;
            if (read !== null) {
              compact += String(cut.length);
              cut.push(read.value);
              kept = read.end;
              at = read.end;
              continue;
            }
            cutDepth = stack.length;
            kept = end;
            cutText = '';
          }
        }
      }
    }
    if (stack.length === 0) {
      if (xml.slice(end).trim() !== '') return faultAt(end, 'content after the record');
      return { fault: null, text: kept === 0 ? xml : compact + xml.slice(kept), cut };
    }
    at = xml.indexOf('<', end);
    if (textDepth < 0 && at > end && isWhitespace(xml, end, at)) {
      if (cutDepth < 0) compact += xml.slice(kept, end);
      else cutText += xml.slice(kept, end);
      kept = at;
    }
  }
  return faultAt(xml.length, `<${stack[stack.length - 1]}> is not closed`);
}

/** Not a closure inside checkWellFormed: tsx would wrap it in a `name`-setting call on every record. */
function faultAt(at: number, reason: string): { fault: WellFormednessFault } {
  return { fault: { at, reason } };
}

/** Characters other than ASCII space, tab, CR and LF that `\s` matches (fast-xml-parser ends names there). */
function isUnicodeSpace(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
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
