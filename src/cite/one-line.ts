/**
 * Line-based formats (RIS, MEDLINE) end a field at a line break, so a value with one could forge a field
 * or a whole record ("\nER  - \nTY  - "): every run of whitespace becomes one space.
 */
export function oneLine(text: string): string {
  return text.replace(/[\s\u0085\u2028\u2029]+/g, ' ').trim();
}
