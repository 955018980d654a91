import { analyseWord, foldText, normalisePrefix } from './analyse-text.ts';

export interface TextRun {
  text: string;
  mark: boolean;
}

/**
 * Splits text into runs, marking the words whose term (or folded form, for prefixes) the query matched.
 * Returns runs, not HTML: the browser puts them in text nodes and <mark> elements, so a title can never
 * inject markup.
 */
export function highlightText(text: string, highlight: { terms: string[]; prefixes: string[] }): TextRun[] {
  const terms = new Set(highlight.terms);
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = foldText(match[0]);
    const term = analyseWord(folded);
    const hit =
      (term !== null && terms.has(term)) ||
      highlight.prefixes.some((prefix) => normalisePrefix(folded).startsWith(prefix));
    if (!hit) continue;
    const at = match.index ?? 0;
    if (at > last) runs.push({ text: text.slice(last, at), mark: false });
    runs.push({ text: match[0], mark: true });
    last = at + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), mark: false });
  return runs;
}
