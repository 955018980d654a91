import type { TextField } from './rule-types.ts';
import { sentencesMatching } from './sentences-matching.ts';
import { splitSentences } from './split-sentences.ts';
import type { DesignId, TagInput } from './types.ts';
import { isWholeSentence } from './whole-sentence.ts';
import { indexWords, narrowPattern, type WordIndex } from './word-prefilter.ts';

/**
 * One study prepared for matching: the text of each field, and per-study caches (sentence spans, word
 * index, masked spans of each negative pattern) so that rules sharing a negative pattern compute it once.
 */
export interface StudyContext {
  input: TagInput;
  /** Set once the design is decided, for rows that apply to some designs only. */
  design: DesignId | null;
  text: Record<TextField, string>;
  meshNames: Map<string, string>;
  publicationTypeNames: Map<string, string>;
  sentences(field: TextField): Array<[number, number]>;
  /**
   * Calls `visit` with each match of a pattern in a field, in text order, until it returns true (stop).
   * Patterns whose required words the field lacks are skipped without running (see word-prefilter.ts).
   */
  eachMatch(field: TextField, pattern: RegExp, visit: (match: RegExpExecArray) => boolean): void;
  masked(field: TextField, negative: RegExp): Array<[number, number]>;
}

export function createStudyContext(input: TagInput): StudyContext {
  const text: Record<TextField, string> = {
    title: input.title,
    abstract: input.abstract,
    keywords: input.keywords.join('; '),
  };
  const sentenceCache = new Map<TextField, Array<[number, number]>>();
  const wordCache = new Map<TextField, WordIndex>();
  const maskCache = new Map<RegExp, Map<TextField, Array<[number, number]>>>();

  const sentences = (field: TextField) => {
    let spans = sentenceCache.get(field);
    if (spans === undefined) {
      spans = splitSentences(text[field]);
      sentenceCache.set(field, spans);
    }
    return spans;
  };
  const words = (field: TextField) => {
    let index = wordCache.get(field);
    if (index === undefined) {
      index = indexWords(text[field]);
      wordCache.set(field, index);
    }
    return index;
  };
  const eachMatch = (field: TextField, pattern: RegExp, visit: (match: RegExpExecArray) => boolean) => {
    const source = text[field];
    if (source === '') return;
    // Searched with only the alternatives whose words the field contains (see word-prefilter.ts).
    const narrowed = narrowPattern(pattern, words(field));
    if (narrowed === null) return;
    // exec on the shared global copy: matchAll would clone the pattern on every call. lastIndex is set
    // before each exec because `visit` may run the same pattern elsewhere.
    const global = globalVersion(narrowed);
    let from = 0;
    for (;;) {
      global.lastIndex = from;
      const match = global.exec(source);
      if (match === null) return;
      if (match[0] === '') {
        from = match.index + 1;
        continue;
      }
      from = match.index + match[0].length;
      if (visit(match)) return;
    }
  };

  return {
    input,
    design: null,
    text,
    meshNames: byLowerName(input.mesh),
    publicationTypeNames: byLowerName(input.publicationTypes),
    sentences,
    eachMatch,
    masked(field, negative) {
      let byField = maskCache.get(negative);
      if (byField === undefined) {
        byField = new Map();
        maskCache.set(negative, byField);
      }
      let spans = byField.get(field);
      if (spans === undefined) {
        spans = [];
        if (isWholeSentence(negative)) {
          const narrowed = text[field] === '' ? null : narrowPattern(negative, words(field));
          if (narrowed !== null) spans = sentencesMatching(text[field], sentences(field), narrowed);
        } else {
          const found = spans;
          eachMatch(field, negative, (match) => {
            found.push([match.index, match.index + match[0].length]);
            return false;
          });
        }
        byField.set(field, spans);
      }
      return spans;
    },
  };
}

function byLowerName(names: string[]): Map<string, string> {
  return new Map(names.map((name) => [name.toLowerCase(), name]));
}

const globalVersions = new WeakMap<RegExp, RegExp>();

/** The same pattern with the `g` flag (and without `y`), compiled once per rule table. */
export function globalVersion(pattern: RegExp): RegExp {
  let global = globalVersions.get(pattern);
  if (global === undefined) {
    global = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}g`);
    globalVersions.set(pattern, global);
  }
  return global;
}
