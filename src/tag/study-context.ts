import type { TextField } from './rule-types.ts';
import { splitSentences } from './split-sentences.ts';
import type { DesignId, TagInput } from './types.ts';

/**
 * One study prepared for matching: the text of each field, and per-study caches (sentence spans, masked
 * spans of each negative pattern) so that rules sharing a negative pattern compute it once.
 */
export interface StudyContext {
  input: TagInput;
  /** Set once the design is decided, for rows that apply to some designs only. */
  design: DesignId | null;
  text: Record<TextField, string>;
  meshNames: Map<string, string>;
  publicationTypeNames: Map<string, string>;
  sentences(field: TextField): Array<[number, number]>;
  masked(field: TextField, negative: RegExp): Array<[number, number]>;
}

export function createStudyContext(input: TagInput): StudyContext {
  const text: Record<TextField, string> = {
    title: input.title,
    abstract: input.abstract,
    keywords: input.keywords.join('; '),
  };
  const sentenceCache = new Map<TextField, Array<[number, number]>>();
  const maskCache = new Map<RegExp, Map<TextField, Array<[number, number]>>>();
  return {
    input,
    design: null,
    text,
    meshNames: byLowerName(input.mesh),
    publicationTypeNames: byLowerName(input.publicationTypes),
    sentences(field) {
      let spans = sentenceCache.get(field);
      if (spans === undefined) {
        spans = splitSentences(text[field]);
        sentenceCache.set(field, spans);
      }
      return spans;
    },
    masked(field, negative) {
      let byField = maskCache.get(negative);
      if (byField === undefined) {
        byField = new Map();
        maskCache.set(negative, byField);
      }
      let spans = byField.get(field);
      if (spans === undefined) {
        spans = [];
        for (const match of text[field].matchAll(globalVersion(negative))) {
          spans.push([match.index, match.index + match[0].length]);
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
