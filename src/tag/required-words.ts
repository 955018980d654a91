/**
 * Reads a rule pattern for the words every match must contain at a word start (word-prefilter.ts screens
 * texts with them): `\bsecondary\s+analys[ie]s` needs a word starting "secondary" and one starting "analys".
 * Anything it cannot read (a leading class, a lookahead, an optional word) is left out, so the screen only
 * ever skips patterns that cannot match.
 *
 * Every rule pattern is read on a thread's first studies, where reading them took about a quarter of the
 * thread's time on the site bench's first 364 records (main thread, before this cache). The rule tables
 * repeat pieces (the count and people phrases of every sample-size row, shared exclusion lists) and a
 * nested group is reached from every level above it, so each piece of source is parsed once and what it
 * requires is worked out once for each place it can stand, for the whole thread. The cache holds only
 * substrings of the rule patterns in use.
 */
import { type Element, parseElements } from './pattern-elements.ts';

/** Keys are word starts of up to eight letters: long enough to single out most rule words. */
export const KEY_LENGTH = 8;

/** Word starts too common in abstracts to be worth checking; a set made of them is a last resort. */
const COMMON =
  /^(?:a|an|and|are|as|at|be|by|for|from|in|is|it|of|on|or|the|this|that|to|was|were|with|we|all|each|one|two|three|four|five|six|seven|eight|nine|ten|more|less|not|no|had|has|have|been|its|their|these|those|than|then|after|before|during|over|up|patients|participants|subjects|study|studies|trial|trials|data|results|group|groups|treatment|effect|effects|ketamine)$/;

/**
 * The word sets an alternative (a pattern without top-level `|`) requires, each once and none empty: one
 * word of every set must start a word in the text. Null when it requires none that can be read. The text
 * start counts as a word start for an alternative anchored there.
 */
export function requiredWords(alternative: string): string[][] | null {
  const sets = uniqueSets(
    requiredWordSets(alternative, alternative.startsWith('^')).filter((set) => set.length > 0),
  );
  return sets.length === 0 ? null : sets;
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
export function mostTellingFirst(sets: string[][]): string[][] {
  return [...sets].sort((a, b) => tellingScore(b) - tellingScore(a));
}

/** Read once per piece of source and thread (see the header); entries are never changed once made. */
const wordSets = [new Map<string, string[][]>(), new Map<string, string[][]>()];
const separatorEnds = new Map<string, boolean>();

/**
 * The word sets an alternative requires: each set lists words one of which must start a word in the
 * text. `atWordStart` says whether the alternative begins where a word must start.
 */
function requiredWordSets(alternative: string, atWordStart: boolean): string[][] {
  const cache = wordSets[atWordStart ? 1 : 0] as Map<string, string[][]>;
  let sets = cache.get(alternative);
  if (sets === undefined) {
    sets = readWordSets(parseElements(alternative), atWordStart);
    cache.set(alternative, sets);
  }
  return sets;
}

function readWordSets(elements: Element[], atWordStart: boolean): string[][] {
  const sets: string[][] = [];
  let wordStart = atWordStart;
  for (let position = 0; position < elements.length; position++) {
    const element = elements[position] as Element;
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
          const words = groupWords(element.alternatives, wordStart);
          if (words !== null) sets.push(words);
        }
        const endsWithSeparator = element.alternatives.every(endsWithSeparatorOnly);
        wordStart = element.min >= 1 ? endsWithSeparator : wordStart && endsWithSeparator;
        break;
      }
    }
  }
  return sets;
}

/**
 * The words one of which a match of a group must contain: the most telling set of each of its
 * alternatives, together. Null as soon as one alternative requires none (most groups after a gap or
 * inside a word), without reading the others.
 */
function groupWords(alternatives: string[], atWordStart: boolean): string[] | null {
  const words: string[] = [];
  for (const alternative of alternatives) {
    const best = pickBest(requiredWordSets(alternative, atWordStart));
    if (best === null) return null;
    words.push(...best);
  }
  return [...new Set(words)];
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
  let ends = separatorEnds.get(alternative);
  if (ends === undefined) {
    const elements = parseElements(alternative);
    const last = elements[elements.length - 1];
    if (last === undefined) ends = false;
    else if (last.kind === 'separator') ends = last.min >= 1;
    else if (last.kind === 'group' && !last.lookaround && last.min >= 1)
      ends = last.alternatives.every(endsWithSeparatorOnly);
    else ends = false;
    separatorEnds.set(alternative, ends);
  }
  return ends;
}
