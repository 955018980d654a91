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
    const keys = alternatives.map((alternative) => requiredWords(alternative));
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
