/** CSL's stop words: lower case inside a title-cased title unless first, last or after a colon. */
const STOP_WORDS = new Set(
  'a an and as at but by down for from in into nor of on onto or over so the till to up via with yet de der des du la le van von'.split(
    ' ',
  ),
);

/**
 * CSL title case (what citeproc applies to APA's journal names): capitalise the first letter of each word
 * that is all lower case, leave words with capitals alone (JAMA, pH, BMC), lower nothing.
 */
export function titleCase(text: string): string {
  const words = text.split(/(\s+)/);
  const last = words.length - 1;
  let afterColon = true;
  return words
    .map((word, index) => {
      if (/^\s+$/.test(word)) return word;
      const lower = word.toLowerCase().replace(/[^a-z]/g, '');
      const first = afterColon;
      afterColon = /[:.?!]$/.test(word);
      if (!first && index !== last && STOP_WORDS.has(lower)) return word;
      // Each all-lower-case part of a word, so "evidence-based" -> "Evidence-Based", "JAMA" stays.
      return word
        .split('-')
        .map((part) =>
          part === part.toLowerCase() ? part.replace(/[a-z]/, (char) => char.toUpperCase()) : part,
        )
        .join('-');
    })
    .join('');
}
