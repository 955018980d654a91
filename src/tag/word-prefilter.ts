/**
 * A conservative pre-screen that skips patterns which cannot match a text, so tagging 10,000 studies
 * stays within the bench budget although the rule tables hold a few hundred patterns. A rule pattern can
 * only match if the text has the words it spells out: `\bsecondary\s+analys[ie]s` needs a word starting
 * "secondary" and one starting "analys". For each top-level alternative the words every match must
 * contain at a word start (required-words.ts reads them) are looked up in an index of the text's word
 * starts; the alternatives that cannot match are dropped before the scan. Anything the reading cannot
 * tell (a leading class, a lookahead, an optional word) is assumed present, so the screen does not
 * change results: tests/tag/word-prefilter.test.ts checks that on every fixture text.
 */

import { topLevelAlternatives } from './pattern-elements.ts';
import { KEY_LENGTH, mostTellingFirst, requiredWords } from './required-words.ts';

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

/**
 * One pattern analysed: its top-level alternatives and, for each, the word sets it needs (null: unreadable).
 * Callers that scan with a pattern on every study keep this (screenPattern) instead of the RegExp, so the
 * screen does not look the analysis up each time.
 */
export interface ScreenedPattern {
  pattern: RegExp;
  alternatives: string[];
  keys: Array<string[][] | null>;
  /**
   * The key hashes of every alternative in one flat array, as the screen reads them for every pattern on
   * every field of every study: per alternative, the length of its block and then its sets, most telling
   * first, each as its size and its hashes. An unreadable alternative has an empty block (always kept).
   */
  screen: Int32Array;
  /** Dropping alternatives is only safe when none refers to another's group. */
  narrowable: boolean;
  /** The whole pattern and each alternative on its own, with the `g` flag; compiled on first use. */
  whole: RegExp[] | null;
  scanners: Array<RegExp | undefined>;
  /** The scanner lists handed out, by the bits of the alternatives kept (patterns of up to 30 alternatives). */
  narrowed: Map<number, RegExp[]>;
  flags: string;
}

const analyses = new WeakMap<RegExp, ScreenedPattern>();

/** The pattern with its analysis, made once per pattern and thread. */
export function screenPattern(pattern: RegExp): ScreenedPattern {
  let analysis = analyses.get(pattern);
  if (analysis === undefined) {
    const alternatives = topLevelAlternatives(pattern.source);
    const keys = alternatives.map((alternative) => requiredWords(alternative));
    analysis = {
      pattern,
      alternatives,
      keys,
      screen: flatScreen(keys),
      narrowable: !/\\[1-9]|\\k</.test(pattern.source),
      whole: null,
      scanners: [],
      narrowed: new Map(),
      flags: `${pattern.flags.replace(/[gy]/g, '')}g`,
    };
    analyses.set(pattern, analysis);
  }
  return analysis;
}

function flatScreen(keys: Array<string[][] | null>): Int32Array {
  const flat: number[] = [];
  for (const sets of keys) {
    const block: number[] = [];
    for (const set of mostTellingFirst(sets ?? [])) block.push(set.length, ...set.map(keyHash));
    flat.push(block.length, ...block);
  }
  return Int32Array.from(flat);
}

/**
 * What a text needs for the pattern to match: for each top-level alternative, the word sets it requires
 * (one word of every set must start a word of the text). Null when some alternative cannot be read, so
 * the pattern always runs.
 */
export function patternKeys(pattern: RegExp): string[][][] | null {
  const { keys } = screenPattern(pattern);
  return keys.some((sets) => sets === null) ? null : (keys as string[][][]);
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
  const { screen } = screenPattern(pattern);
  for (let at = 0; at < screen.length; at += 1 + (screen[at] as number)) {
    if (passes(words, screen, at)) return true;
  }
  return false;
}

/** Patterns with more alternatives than this build their scanner list on each call. */
const MAX_NARROWED = 30;

/**
 * The regexes to scan a text with for a pattern: the whole pattern when every top-level alternative may
 * match (or none may be dropped), else each alternative that may match on its own, in pattern order; null
 * when none can match. scan-matches.ts merges the alternatives' matches into the pattern's. A rule's
 * patterns are joined into one long alternation (find-cue.ts), and scanning with the few alternatives
 * whose words occur is much cheaper than with all of them. Each alternative is compiled once: a regex
 * per combination of survivors would be compiled anew for most studies (thousands per build worker).
 */
export function narrowScanners(analysis: ScreenedPattern, words: WordIndex): RegExp[] | null {
  const { screen } = analysis;
  const count = analysis.alternatives.length;
  let keptBits = 0;
  let kept = 0;
  for (let at = 0, index = 0; at < screen.length; at += 1 + (screen[at] as number), index++) {
    if (passes(words, screen, at)) {
      kept++;
      if (index < MAX_NARROWED) keptBits |= 1 << index;
    }
  }
  if (kept === 0) return null;
  if (kept === count || !analysis.narrowable) {
    analysis.whole ??= [new RegExp(analysis.pattern.source, analysis.flags)];
    return analysis.whole;
  }
  if (count > MAX_NARROWED) return scannersOf(analysis, words);
  let scanners = analysis.narrowed.get(keptBits);
  if (scanners === undefined) {
    scanners = scannersOf(analysis, words);
    analysis.narrowed.set(keptBits, scanners);
  }
  return scanners;
}

/** Each alternative that passes the screen, compiled once. */
function scannersOf(analysis: ScreenedPattern, words: WordIndex): RegExp[] {
  const { screen } = analysis;
  const scanners: RegExp[] = [];
  for (let at = 0, index = 0; at < screen.length; at += 1 + (screen[at] as number), index++) {
    if (!passes(words, screen, at)) continue;
    let scanner = analysis.scanners[index];
    if (scanner === undefined) {
      scanner = new RegExp(analysis.alternatives[index] as string, analysis.flags);
      analysis.scanners[index] = scanner;
    }
    scanners.push(scanner);
  }
  return scanners;
}

/**
 * Whether the text has a word of every set of the alternative whose block starts at `at`; a hash of -1
 * (not a word) is always present.
 */
function passes(words: WordIndex, screen: Int32Array, at: number): boolean {
  const { bits, mask } = words;
  const end = at + 1 + (screen[at] as number);
  let set = at + 1;
  while (set < end) {
    const setEnd = set + 1 + (screen[set] as number);
    let found = false;
    for (let index = set + 1; index < setEnd; index++) {
      const hash = screen[index] as number;
      const bit = hash & mask;
      if (hash < 0 || ((bits[bit >>> 5] as number) & (1 << (bit & 31))) !== 0) {
        found = true;
        break;
      }
    }
    if (!found) return false;
    set = setEnd;
  }
  return true;
}
