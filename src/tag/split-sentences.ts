/**
 * Sentence spans of a text as [start, end) offsets. Used to keep a cue with the drug it is said of
 * ("intranasal esketamine", not "oral antidepressant" three sentences later). Abstract prose is regular
 * enough that a full stop followed by a capital is a boundary, except after the abbreviations below, and
 * a structured-abstract label ("METHODS:") starts a new sentence.
 */
const BOUNDARY = /[.!?]\s+(?=["'([]?[A-Z0-9])|\s(?=[A-Z][A-Z /&-]{3,}:\s)/g;
/** Words after which a full stop does not end a sentence. */
const ABBREVIATION =
  /(?:\b(?:vs|e\.g|i\.e|i\.v|i\.m|i\.p|s\.c|p\.o|et al|approx|ca|no|nos|fig|figs|dr|st|ref|refs)|\b[A-Z])\.?$/i;

export function splitSentences(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  // exec on the shared regex: matchAll would clone it for every field of every study.
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(text); match !== null; match = BOUNDARY.exec(text)) {
    const stop = match.index + 1;
    if (match[0].startsWith('.') && ABBREVIATION.test(text.slice(Math.max(start, stop - 12), stop))) {
      continue;
    }
    const end = match.index + match[0].length;
    if (end > start) spans.push([start, end]);
    start = end;
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}
