/**
 * Calls `visit` with each match of a pattern in a text, in text order, until it returns true (stop).
 * The pattern comes as its scanners (word-prefilter.ts narrowScanners): the whole pattern, or those of
 * its top-level alternatives that may match, each with the `g` flag. Merging the alternatives' matches
 * gives the pattern's own: an alternation matches at the leftmost position where any alternative does,
 * and there with the first alternative in pattern order that does. Each alternative's next match is
 * kept until the scan passes it, so an alternative is scanned again only after a match overlaps its own.
 */
export function scanMatches(
  text: string,
  scanners: RegExp[],
  visit: (match: RegExpExecArray) => boolean,
): void {
  // Kept matches by scanner; undefined: not scanned yet.
  const next: Array<RegExpExecArray | null | undefined> = [];
  let from = 0;
  for (;;) {
    let found: RegExpExecArray | null = null;
    for (let index = 0; index < scanners.length; index++) {
      let match = next[index];
      if (match === undefined || (match !== null && match.index < from)) {
        // exec on the shared scanner: matchAll would clone it on every call. lastIndex is set before each
        // exec because `visit` may scan with the same regex elsewhere.
        const scanner = scanners[index] as RegExp;
        scanner.lastIndex = from;
        match = scanner.exec(text);
        next[index] = match;
      }
      // Strictly leftmost: at the same position the earlier alternative wins.
      if (match !== null && (found === null || match.index < found.index)) found = match;
    }
    if (found === null) return;
    if (found[0] === '') {
      from = found.index + 1;
      continue;
    }
    from = found.index + found[0].length;
    if (visit(found)) return;
  }
}
