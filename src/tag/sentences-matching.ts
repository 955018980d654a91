import { globalVersion } from './study-context.ts';

/**
 * The sentences in which a pattern matches. One scan of the whole text instead of one per sentence: a
 * match that lies inside a sentence is a match of that sentence alone (sentences end in whitespace, so
 * word boundaries read the same), and the sentences the scan passes over have none. Patterns whose
 * match could depend on where the text is cut (anchors, lookbehind), and matches running over a
 * sentence end, are tested on the sentence itself.
 */
export function sentencesMatching(
  text: string,
  spans: Array<[number, number]>,
  pattern: RegExp,
): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  const cutSensitive = /\^|\$|\(\?<[=!]/.test(pattern.source);
  const global = globalVersion(pattern);
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index] as [number, number];
    if (cutSensitive) {
      if (testWithin(text, span, pattern)) found.push(span);
      continue;
    }
    global.lastIndex = span[0];
    const match = global.exec(text);
    if (match === null) break;
    // Skip to the sentence the match starts in.
    while (index < spans.length - 1 && (spans[index] as [number, number])[1] <= match.index) index++;
    const holder = spans[index] as [number, number];
    if (match.index + match[0].length <= holder[1] || testWithin(text, holder, pattern)) found.push(holder);
  }
  return found;
}

function testWithin(text: string, span: [number, number], pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text.slice(span[0], span[1]));
}
