/**
 * Line-based formats (RIS, MEDLINE) end a field at a line break, so a value with one could forge a field
 * or a whole record ("\nER  - \nTY  - "): every run of whitespace becomes one space.
 */
export function oneLine(text: string): string {
  // Most values (PubMed's abstracts among them) are already one line: one scan that allocates nothing
  // finds that, where the replace below would rebuild the string, matching at every single space.
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(/[\s\u0085\u2028\u2029]+/g, ' ').trim();
}

/** What the replace and trim would change: whitespace other than a space, two spaces, an edge space. */
const NEEDS_CLEANING = /[^\S ]|\u0085| {2}|^ | $/;
