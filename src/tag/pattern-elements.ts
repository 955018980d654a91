/**
 * A rule pattern's source read as a flat list of pieces (letter runs, classes and escapes, groups, `\b`),
 * enough for required-words.ts to tell which words a match must contain. Not a full regex parser: what it
 * cannot tell apart it reads as `other`, which the word reading treats as unknown.
 */

/** One parsed piece of a pattern: a literal letter run, a character class or escape, a group, or `\b`. */
export type Element =
  | { kind: 'boundary'; repeats?: boolean }
  | { kind: 'text'; value: string; min: number; repeats?: boolean }
  | { kind: 'separator'; min: number; hyphen?: boolean; repeats?: boolean }
  | { kind: 'other'; min: number; repeats?: boolean }
  | { kind: 'group'; alternatives: string[]; min: number; lookaround: boolean; repeats?: boolean };

/** Each piece of source is parsed once per thread (see required-words.ts); lists are never changed once made. */
const parsed = new Map<string, Element[]>();

/** Characters that an escape makes a separator (`\\s`, `\\W`, escaped punctuation). */
const ESCAPED_SEPARATORS = 'sW.,()-/[]:;\'"+?*{}|^$';
/** Unescaped characters that separate words; `\\s` covers the other white space. */
const SEPARATORS = ',.;:-/\'"()';
const SEPARATOR_CHAR = /[\s,.;:\-/'"()]/;
/** Sticky: read at a position without slicing the source. */
const QUANTIFIER = /(?:\?|\*|\+|\{(\d+)(,\d*)?\})\??/y;
const GROUP_HEAD = /\((\?(?:<[=!]|[=!]|:|<[A-Za-z]\w*>))?/y;
const LOOKAROUND_HEAD = /^\(\?<?[=!]/;

export function parseElements(source: string): Element[] {
  let elements = parsed.get(source);
  if (elements === undefined) {
    elements = readElements(source);
    parsed.set(source, elements);
  }
  return elements;
}

/**
 * Reads the source a character at a time with character-code tests: this runs on a build worker's first
 * studies, before the JIT has warmed up, where a regex call per character costs more than the reading.
 */
function readElements(source: string): Element[] {
  const elements: Element[] = [];
  let index = 0;
  while (index < source.length) {
    const code = source.charCodeAt(index);
    let element: Element;
    let end: number;
    if (code === 92 /* \ */) {
      const escaped = source.charCodeAt(index + 1);
      if (escaped === 98 /* b */) {
        elements.push({ kind: 'boundary' });
        index += 2;
        continue;
      }
      end = index + 2;
      element = isOneOf(escaped, ESCAPED_SEPARATORS)
        ? { kind: 'separator', min: 1 }
        : { kind: 'other', min: 1 };
    } else if (code === 91 /* [ */) {
      end = classEnd(source, index) + 1;
      const body = source.slice(index + 1, end - 1);
      const separatorOnly = !body.startsWith('^') && !/[A-Za-z0-9]|\\[wdWDS]/.test(body.replace(/\\s/g, ''));
      element = separatorOnly ? { kind: 'separator', min: 1 } : { kind: 'other', min: 1 };
    } else if (code === 40 /* ( */) {
      const close = groupEnd(source, index);
      if (close === -1) {
        elements.push({ kind: 'other', min: 0 });
        return elements;
      }
      end = close + 1;
      GROUP_HEAD.lastIndex = index;
      const head = GROUP_HEAD.exec(source)?.[0] ?? '(';
      element = {
        kind: 'group',
        alternatives: topLevelAlternatives(source.slice(index + head.length, close)),
        min: 1,
        lookaround: LOOKAROUND_HEAD.test(head),
      };
    } else if (isAlphanumeric(code)) {
      end = index + 1;
      const previous = elements[elements.length - 1];
      // Consecutive letters without quantifiers join into one word piece.
      if (previous?.kind === 'text' && previous.min === 1 && quantifierAt(source, end) === null) {
        previous.value += source[index];
        index = end;
        continue;
      }
      element = { kind: 'text', value: source[index] as string, min: 1 };
    } else if (code === 94 /* ^ */ || code === 36 /* $ */) {
      index++;
      continue;
    } else {
      end = index + 1;
      const separator =
        code < 128
          ? code === 32 || (code >= 9 && code <= 13) || isOneOf(code, SEPARATORS)
          : SEPARATOR_CHAR.test(source[index] as string);
      element = separator ? { kind: 'separator', min: 1, hyphen: code === 45 } : { kind: 'other', min: 1 };
    }
    const quantifier = quantifierAt(source, end);
    if (quantifier !== null) {
      const token = quantifier[0];
      if (token.startsWith('?') || token.startsWith('*')) element.min = 0;
      else if (token.startsWith('{')) element.min = Number(quantifier[1]);
      // `+`, `*` and `{n,}` may repeat a piece: a word spelt from it has no single spelling.
      element.repeats = token.startsWith('+') || token.startsWith('*') || quantifier[2] !== undefined;
      end += token.length;
    }
    elements.push(element);
    index = end;
  }
  return elements;
}

/** The quantifier at `at`, if any; most pieces have none, which one character tells. */
function quantifierAt(source: string, at: number): RegExpExecArray | null {
  const code = source.charCodeAt(at);
  if (code !== 63 /* ? */ && code !== 42 /* * */ && code !== 43 /* + */ && code !== 123 /* { */) return null;
  QUANTIFIER.lastIndex = at;
  return QUANTIFIER.exec(source);
}

function isOneOf(code: number, chars: string): boolean {
  for (let index = 0; index < chars.length; index++) if (chars.charCodeAt(index) === code) return true;
  return false;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/** Splits a pattern source at `|` outside groups and character classes. */
export function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === 92 /* \ */) index++;
    else if (code === 91 /* [ */) index = classEnd(source, index);
    else if (code === 40 /* ( */) depth++;
    else if (code === 41 /* ) */) depth--;
    else if (code === 124 /* | */ && depth === 0) {
      parts.push(source.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

/** Index of the `]` closing the class that opens at `open` (escapes honoured). */
function classEnd(source: string, open: number): number {
  for (let index = open + 1; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === 92 /* \ */) index++;
    else if (code === 93 /* ] */) return index;
  }
  return source.length - 1;
}

/** Index of the `)` closing the group that opens at `open`, or -1. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (let index = open; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === 92 /* \ */) index++;
    else if (code === 91 /* [ */) index = classEnd(source, index);
    else if (code === 40 /* ( */) depth++;
    else if (code === 41 /* ) */) {
      depth--;
      if (depth === 0) return index;
    }
  }
  return -1;
}
