/**
 * A conservative pre-screen that skips patterns which cannot match a text, so tagging 10,000 studies
 * stays within the bench budget although the rule tables hold a few hundred patterns. A rule pattern can
 * only match if the text has the words it spells out: `\bsecondary\s+analys[ie]s` needs a word starting
 * "secondary" and one starting "analys". For each top-level alternative the screen reads the words every
 * match must contain at a word start and looks them up in an index of the text's word starts; the
 * alternatives that cannot match are dropped before the scan. Anything it cannot read (a leading class,
 * a lookahead, an optional word) is assumed present, so the screen does not change results:
 * tests/tag/word-prefilter.test.ts checks that on every fixture text.
 */

/** Keys are word starts of up to eight letters: long enough to single out most rule words. */
const KEY_LENGTH = 8;

/** Word starts too common in abstracts to be worth checking; a set made of them is a last resort. */
const COMMON =
  /^(?:a|an|and|are|as|at|be|by|for|from|in|is|it|of|on|or|the|this|that|to|was|were|with|we|all|each|one|two|three|four|five|six|seven|eight|nine|ten|more|less|not|no|had|has|have|been|its|their|these|those|than|then|after|before|during|over|up|patients|participants|subjects|study|studies|trial|trials|data|results|group|groups|treatment|effect|effects|ketamine)$/;

/**
 * A text's word starts are kept as a bitset of hashed prefixes (every prefix of up to KEY_LENGTH letters
 * of every word): building it allocates nothing per word, and a lookup is one bit test. A hash collision
 * only makes a pattern run when it could have been skipped, never the reverse.
 */
const MAX_INDEX_BITS = 1 << 16;
const MIN_INDEX_BITS = 1 << 10;
/** Bits per character of text: about 20 per stored prefix keeps false hits near 5%. */
const BITS_PER_CHAR = 26;

/** A 31-bit mix of a rolling hash; an index keeps as many low bits as its size. */
function mixHash(hash: number): number {
  const mixed = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
  return (mixed ^ (mixed >>> 12)) & 0x7fffffff;
}

/** The hash of a key, or -1 (always present) for a key that is not letters and digits. */
function keyHash(key: string): number {
  let hash = 0;
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index);
    if (!isWordCode(code)) return -1;
    hash = (Math.imul(hash, 31) + code) | 0;
  }
  return mixHash(hash);
}

function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** One pattern analysed: its top-level alternatives and, for each, the word sets it needs (null: unreadable). */
interface Analysis {
  alternatives: string[];
  keys: Array<string[][] | null>;
  /** The keys' hashes. */
  ids: Array<number[][] | null>;
  /** Dropping alternatives is only safe when none refers to another's group. */
  narrowable: boolean;
  /** The whole pattern and each alternative on its own, with the `g` flag; compiled on first use. */
  whole: RegExp[] | null;
  scanners: Array<RegExp | undefined>;
  flags: string;
}

const analyses = new WeakMap<RegExp, Analysis>();

function analyse(pattern: RegExp): Analysis {
  let analysis = analyses.get(pattern);
  if (analysis === undefined) {
    const alternatives = topLevelAlternatives(pattern.source);
    const keys = alternatives.map((alternative) => {
      // The start of the text is a word start.
      const sets = uniqueSets(
        requiredWordSets(alternative, alternative.startsWith('^')).filter((set) => set.length > 0),
      );
      return sets.length === 0 ? null : sets;
    });
    analysis = {
      alternatives,
      keys,
      ids: keys.map((sets) => (sets === null ? null : mostTellingFirst(sets).map((set) => set.map(keyHash)))),
      narrowable: !/\\[1-9]|\\k</.test(pattern.source),
      whole: null,
      scanners: [],
      flags: `${pattern.flags.replace(/[gy]/g, '')}g`,
    };
    analyses.set(pattern, analysis);
  }
  return analysis;
}

/**
 * What a text needs for the pattern to match: for each top-level alternative, the word sets it requires
 * (one word of every set must start a word of the text). Null when some alternative cannot be read, so
 * the pattern always runs.
 */
export function patternKeys(pattern: RegExp): string[][][] | null {
  const { keys } = analyse(pattern);
  return keys.some((sets) => sets === null) ? null : (keys as string[][][]);
}

/** The same word set can be required twice (a word in two branches that both must match): check it once. */
function uniqueSets(sets: string[][]): string[][] {
  const seen = new Set<string>();
  return sets.filter((set) => {
    const key = set.join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How telling a required word set is: no common words, long words, few of them. */
function tellingScore(set: string[]): number {
  const common = set.filter((word) => COMMON.test(word)).length;
  const shortest = Math.min(...set.map((word) => word.length));
  return -common * 100 + Math.min(shortest, KEY_LENGTH) * 3 - set.length;
}

/** The most telling of several required word sets. */
function pickBest(sets: string[][]): string[] | null {
  let best: string[] | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const set of sets) {
    if (set.length === 0) continue;
    const score = tellingScore(set);
    if (score > bestScore) {
      best = set;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The sets in the order they are checked: the likeliest to be missing first, so that most alternatives
 * are ruled out by their first set (a screen runs for every pattern on every field of every study).
 */
function mostTellingFirst(sets: string[][]): string[][] {
  return [...sets].sort((a, b) => tellingScore(b) - tellingScore(a));
}

/** One parsed piece of a pattern: a literal letter run, a character class or escape, a group, or `\b`. */
type Element =
  | { kind: 'boundary'; repeats?: boolean }
  | { kind: 'text'; value: string; min: number; repeats?: boolean }
  | { kind: 'separator'; min: number; hyphen?: boolean; repeats?: boolean }
  | { kind: 'other'; min: number; repeats?: boolean }
  | { kind: 'group'; alternatives: string[]; min: number; lookaround: boolean; repeats?: boolean };

/**
 * The word sets an alternative requires: each set lists words one of which must start a word in the
 * text. `atWordStart` says whether the alternative begins where a word must start.
 */
function requiredWordSets(alternative: string, atWordStart: boolean): string[][] {
  const sets: string[][] = [];
  let wordStart = atWordStart;
  const elements = parseElements(alternative);
  for (const [position, element] of elements.entries()) {
    if (wordStart) {
      const spellings = spellingsFrom(elements, position);
      if (spellings !== null) sets.push(spellings);
    }
    switch (element.kind) {
      case 'boundary':
        wordStart = true;
        break;
      case 'text': {
        if (element.min >= 1 && wordStart) sets.push([element.value.slice(0, KEY_LENGTH).toLowerCase()]);
        wordStart = false;
        break;
      }
      case 'separator':
        // Spaces, hyphens and punctuation end a word; an optional one leaves the position as it was.
        wordStart = element.min >= 1 || wordStart;
        break;
      case 'other':
        wordStart = false;
        break;
      case 'group': {
        if (element.lookaround) break;
        if (element.min >= 1) {
          const options = element.alternatives.map((option) => pickBest(requiredWordSets(option, wordStart)));
          if (options.every((option) => option !== null)) sets.push([...new Set(options.flat() as string[])]);
        }
        const endsWithSeparator = element.alternatives.every(endsWithSeparatorOnly);
        wordStart = element.min >= 1 ? endsWithSeparator : wordStart && endsWithSeparator;
        break;
      }
    }
  }
  return sets;
}

/** Most spellings one word piece may expand to ("(?:es|ar)?ketamine", "intra-?venous"). */
const MAX_SPELLINGS = 24;

/**
 * The spellings of the word that starts at `position` when it is built only from letters, literal groups
 * and optional hyphens ("p(?:a)?ediatric" gives paediatric and pediatric; "intra-?venous" gives
 * intravenous, found in the hyphen-free copy of the text). Null when nothing useful can be spelt.
 */
function spellingsFrom(elements: Element[], position: number): string[] | null {
  let spellings = [''];
  let grew = false;
  for (let index = position; index < elements.length; index++) {
    const element = elements[index] as Element;
    if (element.repeats === true) break;
    if (element.kind === 'text' && element.min <= 1) {
      spellings =
        element.min === 1
          ? spellings.map((s) => s + element.value)
          : spellings.flatMap((s) => [s, s + element.value]);
    } else if (
      element.kind === 'group' &&
      !element.lookaround &&
      element.min <= 1 &&
      element.alternatives.every((a) => /^[A-Za-z0-9]*$/.test(a))
    ) {
      const options = element.min === 0 ? [...element.alternatives, ''] : element.alternatives;
      spellings = spellings.flatMap((s) => options.map((option) => s + option));
    } else if (element.kind === 'separator' && element.hyphen === true && element.min === 0) {
      // An optional hyphen: the hyphen-free copy of the text holds the joined word either way.
    } else break;
    grew = true;
    if (spellings.length > MAX_SPELLINGS) return null;
  }
  if (!grew || spellings.some((spelling) => spelling.length < 4)) return null;
  return [...new Set(spellings.map((spelling) => spelling.slice(0, KEY_LENGTH).toLowerCase()))];
}

/** Whether every match of this alternative ends in a character that cannot be part of a word. */
function endsWithSeparatorOnly(alternative: string): boolean {
  const elements = parseElements(alternative);
  const last = elements[elements.length - 1];
  if (last === undefined) return false;
  if (last.kind === 'separator') return last.min >= 1;
  if (last.kind === 'group' && !last.lookaround && last.min >= 1)
    return last.alternatives.every(endsWithSeparatorOnly);
  return false;
}

function parseElements(source: string): Element[] {
  const elements: Element[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index] as string;
    let element: Element;
    let end: number;
    if (source.startsWith('\\b', index)) {
      elements.push({ kind: 'boundary' });
      index += 2;
      continue;
    }
    if (char === '\\') {
      const escaped = source[index + 1] ?? '';
      end = index + 2;
      element = /[sW.,()\-/[\]:;'"+?*{}|^$]/.test(escaped)
        ? { kind: 'separator', min: 1 }
        : { kind: 'other', min: 1 };
    } else if (char === '[') {
      end = classEnd(source, index) + 1;
      const body = source.slice(index + 1, end - 1);
      const separatorOnly = !body.startsWith('^') && !/[A-Za-z0-9]|\\[wdWDS]/.test(body.replace(/\\s/g, ''));
      element = separatorOnly ? { kind: 'separator', min: 1 } : { kind: 'other', min: 1 };
    } else if (char === '(') {
      const close = groupEnd(source, index);
      if (close === -1) return [...elements, { kind: 'other', min: 0 }];
      end = close + 1;
      const head = /^\((\?(?:<[=!]|[=!]|:|<[A-Za-z]\w*>))?/.exec(source.slice(index))?.[0] ?? '(';
      const lookaround = /^\(\?<?[=!]/.test(head);
      element = {
        kind: 'group',
        alternatives: topLevelAlternatives(source.slice(index + head.length, close)),
        min: 1,
        lookaround,
      };
    } else if (/[A-Za-z0-9]/.test(char)) {
      end = index + 1;
      element = { kind: 'text', value: char, min: 1 };
    } else if (char === '^' || char === '$') {
      index++;
      continue;
    } else {
      end = index + 1;
      element = /[\s,.;:\-/'"()]/.test(char)
        ? { kind: 'separator', min: 1, hyphen: char === '-' }
        : { kind: 'other', min: 1 };
    }
    const quantifier = /^(?:\?|\*|\+|\{(\d+)(,\d*)?\})\??/.exec(source.slice(end));
    if (quantifier !== null) {
      const token = quantifier[0];
      if (token.startsWith('?') || token.startsWith('*')) element.min = 0;
      else if (token.startsWith('{')) element.min = Number(quantifier[1]);
      // `+`, `*` and `{n,}` may repeat a piece: a word spelt from it has no single spelling.
      element.repeats = token.startsWith('+') || token.startsWith('*') || quantifier[2] !== undefined;
      end += token.length;
    }
    // Consecutive letters without quantifiers join into one word piece.
    const previous = elements[elements.length - 1];
    if (
      element.kind === 'text' &&
      element.min === 1 &&
      quantifier === null &&
      previous?.kind === 'text' &&
      previous.min === 1
    ) {
      previous.value += element.value;
    } else {
      elements.push(element);
    }
    index = end;
  }
  return elements;
}

/**
 * The word starts of a text: for every word (lower-cased letters and digits), each of its first
 * KEY_LENGTH prefixes, hashed into a bitset. A prefix runs on across a hyphen between letters, so
 * "intra-venous" also gives "intravenous" for patterns with an optional hyphen; the part after the
 * hyphen is a word of its own.
 */
export interface WordIndex {
  bits: Uint32Array;
  /** Bit count minus one: a hash's bit is `hash & mask`. */
  mask: number;
}

export function indexWords(text: string): WordIndex {
  // Sized to the text, so a title costs as little to index as an abstract costs per word.
  let size = MIN_INDEX_BITS;
  while (size < MAX_INDEX_BITS && size < text.length * BITS_PER_CHAR) size *= 2;
  const bits = new Uint32Array(size >>> 5);
  const mask = size - 1;
  const lower = text.toLowerCase();
  const { length } = lower;
  let previousIsWord = false;
  for (let start = 0; start < length; start++) {
    const code = lower.charCodeAt(start);
    const isWord = isWordCode(code);
    if (isWord && !previousIsWord) {
      let hash = 0;
      let taken = 0;
      for (let index = start; index < length && taken < KEY_LENGTH; index++) {
        let next = lower.charCodeAt(index);
        if (next === 45 && taken > 0 && index + 1 < length && isWordCode(lower.charCodeAt(index + 1))) {
          index++;
          next = lower.charCodeAt(index);
        }
        if (!isWordCode(next)) break;
        hash = (Math.imul(hash, 31) + next) | 0;
        taken++;
        const bit = mixHash(hash) & mask;
        bits[bit >>> 5] = (bits[bit >>> 5] as number) | (1 << (bit & 31));
      }
    }
    previousIsWord = isWord;
  }
  return { bits, mask };
}

/** Whether a pattern can match the indexed text at all (false only when a required word is missing). */
export function mayMatch(pattern: RegExp, words: WordIndex): boolean {
  return analyse(pattern).ids.some((sets) => sets === null || hasAllSets(words, sets));
}

/**
 * The regexes to scan a text with for a pattern: the whole pattern when every top-level alternative may
 * match (or none may be dropped), else each alternative that may match on its own, in pattern order; null
 * when none can match. scan-matches.ts merges the alternatives' matches into the pattern's. A rule's
 * patterns are joined into one long alternation (find-cue.ts), and scanning with the few alternatives
 * whose words occur is much cheaper than with all of them. Each alternative is compiled once: a regex
 * per combination of survivors would be compiled anew for most studies (thousands per build worker).
 */
export function narrowScanners(pattern: RegExp, words: WordIndex): RegExp[] | null {
  const analysis = analyse(pattern);
  const { ids } = analysis;
  const kept: number[] = [];
  for (let index = 0; index < ids.length; index++) {
    const sets = ids[index] as number[][] | null;
    if (sets === null || hasAllSets(words, sets)) kept.push(index);
  }
  if (kept.length === 0) return null;
  if (kept.length === ids.length || !analysis.narrowable) {
    analysis.whole ??= [new RegExp(pattern.source, analysis.flags)];
    return analysis.whole;
  }
  const scanners: RegExp[] = [];
  for (const index of kept) {
    let scanner = analysis.scanners[index];
    if (scanner === undefined) {
      scanner = new RegExp(analysis.alternatives[index] as string, analysis.flags);
      analysis.scanners[index] = scanner;
    }
    scanners.push(scanner);
  }
  return scanners;
}

function hasAllSets(words: WordIndex, sets: number[][]): boolean {
  for (const set of sets) {
    let any = false;
    for (const id of set) {
      if (hasWordStart(words, id)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

function hasWordStart(words: WordIndex, hash: number): boolean {
  if (hash < 0) return true;
  const bit = hash & words.mask;
  return ((words.bits[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
}

/** Splits a pattern source at `|` outside groups and character classes. */
function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '\\') index++;
    else if (char === '[') index = classEnd(source, index);
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) {
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
    if (source[index] === '\\') index++;
    else if (source[index] === ']') return index;
  }
  return source.length - 1;
}

/** Index of the `)` closing the group that opens at `open`, or -1. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (let index = open; index < source.length; index++) {
    const char = source[index];
    if (char === '\\') index++;
    else if (char === '[') index = classEnd(source, index);
    else if (char === '(') depth++;
    else if (char === ')') {
      depth--;
      if (depth === 0) return index;
    }
  }
  return -1;
}
