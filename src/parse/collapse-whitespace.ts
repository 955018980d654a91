/**
 * Collapses runs of XML whitespace to one space and trims: pretty-printed files indent inside elements,
 * current efetch output does not, and both must give the same text. Cheap when nothing needs doing.
 */
export function collapseWhitespace(text: string): string {
  const collapsed =
    text.charCodeAt(0) !== 0x20 &&
    text.charCodeAt(text.length - 1) !== 0x20 &&
    text.indexOf('  ') === -1 &&
    text.indexOf('\n') === -1 &&
    text.indexOf('\t') === -1 &&
    text.indexOf('\r') === -1;
  return collapsed ? text : text.replace(/[ \t\n\r]+/g, ' ').trim();
}
