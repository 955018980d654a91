/**
 * Collapses runs of XML whitespace to one space and trims: pretty-printed files indent inside elements,
 * current efetch output does not, and both must give the same text. One pass to check, since most
 * values (names, years, ids) need nothing done.
 */
export function collapseWhitespace(text: string): string {
  const last = text.length - 1;
  let previousSpace = true;
  for (let i = 0; i <= last; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x20) {
      previousSpace = false;
      continue;
    }
    const isSpace = code === 0x20;
    if (!isSpace && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
      previousSpace = false;
      continue;
    }
    if (!isSpace || previousSpace || i === last) return text.replace(/[ \t\n\r]+/g, ' ').trim();
    previousSpace = true;
  }
  return text;
}
