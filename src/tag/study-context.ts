import type { TextField } from './rule-types.ts';
import { scanMatches } from './scan-matches.ts';
import { sentencesMatching } from './sentences-matching.ts';
import { splitSentences } from './split-sentences.ts';
import type { DesignId, TagInput } from './types.ts';
import { isWholeSentence } from './whole-sentence.ts';
import {
  indexWords,
  mayMatch,
  narrowScanners,
  type ScreenedPattern,
  screenPattern,
  type WordIndex,
} from './word-prefilter.ts';

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
   * The pattern comes with its word analysis (screenPattern, kept by the caller across studies): the
   * alternatives whose required words the field lacks are skipped without running (word-prefilter.ts).
   */
  eachMatch(field: TextField, pattern: ScreenedPattern, visit: (match: RegExpExecArray) => boolean): void;
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
  const eachMatch = (
    field: TextField,
    pattern: ScreenedPattern,
    visit: (match: RegExpExecArray) => boolean,
  ) => {
    const source = text[field];
    if (source === '') return;
    // Searched with only the alternatives whose words the field contains (see word-prefilter.ts).
    const scanners = narrowScanners(pattern, words(field));
    if (scanners !== null) scanMatches(source, scanners, visit);
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
          // Alternatives whose words the text lacks match in no sentence, so the whole pattern finds the
          // same sentences; the screen only spares the scan.
          if (text[field] !== '' && mayMatch(negative, words(field))) {
            spans = sentencesMatching(text[field], sentences(field), negative);
          }
        } else {
          const found = spans;
          eachMatch(field, screenPattern(negative), (match) => {
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
