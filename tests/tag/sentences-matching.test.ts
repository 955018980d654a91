import { describe, expect, it } from 'vitest';
import { normaliseInput } from '../../src/tag/normalise-input.ts';
import { defaultRules } from '../../src/tag/rules/default-rules.ts';
import { sentencesMatching } from '../../src/tag/sentences-matching.ts';
import { splitSentences } from '../../src/tag/split-sentences.ts';
import { isWholeSentence } from '../../src/tag/whole-sentence.ts';
import { loadFixtureStudies } from './eval/load-fixture-studies.ts';

/** The plain definition: each sentence tested on its own. */
function slowly(text: string, pattern: RegExp): Array<[number, number]> {
  return splitSentences(text).filter(([start, end]) =>
    new RegExp(pattern.source, pattern.flags).test(text.slice(start, end)),
  );
}

function sentenceNegatives(value: unknown, found = new Set<RegExp>()): Set<RegExp> {
  if (value instanceof RegExp) {
    if (isWholeSentence(value)) found.add(value);
  } else if (Array.isArray(value)) for (const item of value) sentenceNegatives(item, found);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) sentenceNegatives(item, found);
  return found;
}

describe('sentences matching a pattern', () => {
  it('masks each sentence with a match, in one scan', () => {
    const text = 'Ketamine was given. Further studies are needed. METHODS: Two arms. Future work will tell.';
    expect(sentencesMatching(text, splitSentences(text), /\b(?:further studies|future)\b/i)).toEqual([
      [20, 48],
      [67, 89],
    ]);
  });

  it('tests a sentence on its own when a match runs over its end or the pattern reads the cut', () => {
    const text = 'It was safe. Then it was not.';
    // "safe. Then" crosses the boundary: no single sentence holds it.
    expect(sentencesMatching(text, splitSentences(text), /safe\. Then/)).toEqual([]);
    expect(sentencesMatching(text, splitSentences(text), /^Then/)).toEqual([[13, 29]]);
  });

  it('agrees with testing each sentence alone, for every sentence-scoped negative on every fixture abstract', () => {
    const negatives = [...sentenceNegatives(defaultRules)];
    const wrong: string[] = [];
    for (const fixture of ['ketamine/on_topic.jsonl', 'ketamine/near_miss.jsonl']) {
      for (const study of loadFixtureStudies(fixture).values()) {
        const { abstract } = normaliseInput(study);
        for (const negative of negatives) {
          const fast = sentencesMatching(abstract, splitSentences(abstract), negative);
          if (JSON.stringify(fast) !== JSON.stringify(slowly(abstract, negative))) {
            wrong.push(`${study.pmid} ${negative.source.slice(0, 40)}`);
          }
        }
      }
    }
    expect(negatives.length).toBeGreaterThanOrEqual(3);
    expect(wrong).toEqual([]);
  });
});
