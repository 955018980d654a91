import { describe, expect, it } from 'vitest';
import { normaliseInput } from '../../src/tag/normalise-input.ts';
import { defaultRules } from '../../src/tag/rules/default-rules.ts';
import { scanMatches } from '../../src/tag/scan-matches.ts';
import {
  indexWords,
  mayMatch,
  narrowScanners,
  patternKeys,
  screenPattern,
  type WordIndex,
} from '../../src/tag/word-prefilter.ts';
import { loadFixtureStudies } from './eval/load-fixture-studies.ts';

/**
 * The patterns the engine scans with: each tag rule's patterns joined per flag set, as find-cue.ts joins
 * them, and every other pattern (negative patterns, sample-size rows) as it is.
 */
function enginePatterns(value: unknown, found = new Set<RegExp>()): Set<RegExp> {
  if (value instanceof RegExp) found.add(value);
  else if (Array.isArray(value)) for (const item of value) enginePatterns(item, found);
  else if (typeof value === 'object' && value !== null) {
    const { patterns, tag, ...rest } = value as { patterns?: unknown; tag?: unknown };
    if (typeof tag === 'string' && Array.isArray(patterns)) {
      const byFlags = new Map<string, string[]>();
      for (const pattern of patterns as RegExp[]) {
        byFlags.set(pattern.flags, [...(byFlags.get(pattern.flags) ?? []), pattern.source]);
      }
      for (const [flags, sources] of byFlags) found.add(new RegExp(sources.join('|'), flags));
      enginePatterns(Object.values(rest), found);
    } else {
      for (const item of Object.values(value)) enginePatterns(item, found);
    }
  }
  return found;
}

/** Every match of a pattern in a text, as "index:text". */
function matches(pattern: RegExp, text: string): string[] {
  const global = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}g`);
  return [...text.matchAll(global)].map((match) => `${match.index}:${match[0]}`);
}

describe('word prefilter', () => {
  it.each([
    { pattern: /\bsecondary\s+analys[ie]s\b/i, keys: [[['secondar'], ['analys']]] },
    // An optional hyphen or space: only the word before it is certain.
    { pattern: /\bopen[- ]?label\b/i, keys: [[['open']]] },
    { pattern: /\b(?:nasal\s+spray|intranasal)\b/i, keys: [[['nasal', 'intranas']]] },
    { pattern: /\bnasal\s+spray\b|\bintranasal\b/i, keys: [[['nasal'], ['spray']], [['intranas']]] },
    { pattern: /\b(?:oral\s+)?\d+\s+mg\b/i, keys: [[['mg']]] },
  ])('reads the words $pattern needs', ({ pattern, keys }) => {
    expect(patternKeys(pattern)).toEqual(keys);
  });

  it.each([
    ['no word at all', /\d+\s*%/],
    ['a lookahead', /(?=x)abc/i],
  ])('cannot read %s, so the pattern always runs', (_name, pattern) => {
    expect(patternKeys(pattern)).toBeNull();
    expect(mayMatch(pattern, indexWords('nothing relevant here'))).toBe(true);
  });

  it('reads a piece shared by several patterns by where it stands in each', () => {
    // Each piece of source is read once per thread: the same group must still count as a word only
    // where a word starts, whichever pattern was read first.
    expect(patternKeys(/\b(?:gamma|delta)\s+wave\b/i)).toEqual([[['gamma', 'delta'], ['wave']]]);
    expect(patternKeys(/\d(?:gamma|delta)\s+wave\b/i)).toEqual([[['wave']]]);
    expect(mayMatch(/\d(?:gamma|delta)\s+wave\b/i, indexWords('a 2gamma wave'))).toBe(true);
    expect(patternKeys(/\d(?:theta|kappa)\b/i)).toBeNull();
    expect(patternKeys(/\b(?:theta|kappa)\b/i)).toEqual([[['theta', 'kappa']]]);
  });

  it('rules a pattern out only when a word it needs is missing', () => {
    const words = indexWords('A post-hoc secondary analysis of an open-label trial.');
    expect(mayMatch(/\bsecondary\s+analys[ie]s\b/i, words)).toBe(true);
    expect(mayMatch(/\bopen[- ]?label\b/i, words)).toBe(true);
    expect(mayMatch(/\bposthoc\b/i, words)).toBe(true);
    expect(mayMatch(/\bmeta-analys[ie]s\b/i, words)).toBe(false);
  });

  it('rules out a spelling only when the text has no word with it', () => {
    // `l+` may repeat: "counselling" must not be read as needing "counseling".
    const words = indexWords('Non-directive counselling in general practice.');
    expect(narrow(/\bcounsel+ing\b/i, words)).not.toBeNull();
    expect(
      sources(narrow(/\bintra-?venous\b|\bnon-?directive\b/i, indexWords('a nondirective talk'))),
    ).toEqual(['\\bnon-?directive\\b']);
  });

  it('scans with only the alternatives whose words occur, or the whole pattern when all may match', () => {
    const pattern = /\bnasal\s+spray\b|\bintravenous\b|\d+\s*mg\b/i;
    expect(sources(narrow(pattern, indexWords('Esketamine nasal spray 56 mg.')))).toEqual([
      '\\bnasal\\s+spray\\b',
      '\\d+\\s*mg\\b',
    ]);
    expect(sources(narrow(pattern, indexWords('Nasal spray or intravenous, 56 mg.')))).toEqual([
      pattern.source,
    ]);
    expect(narrow(/\bnasal\s+spray\b|\bintravenous\b/i, indexWords('Oral ketamine.'))).toBeNull();
    // Compiled once per alternative, whatever the other survivors.
    const routes = /\bnasal\s+spray\b|\bintravenous\b|\boral\b/i;
    const [first] = narrow(routes, indexWords('nasal spray or oral tablets')) ?? [];
    const [again] = narrow(routes, indexWords('a nasal spray')) ?? [];
    expect(first?.source).toBe('\\bnasal\\s+spray\\b');
    expect(again).toBe(first);
  });

  it('hands out one scanner list per set of surviving alternatives, for patterns of any length', () => {
    const routes = /\bnasal\s+spray\b|\bintravenous\b|\boral\b|\bintramuscular\b/i;
    const nasal = narrow(routes, indexWords('nasal spray, oral'));
    expect(sources(nasal)).toEqual(['\\bnasal\\s+spray\\b', '\\boral\\b']);
    expect(narrow(routes, indexWords('oral or nasal spray'))).toBe(nasal);
    expect(sources(narrow(routes, indexWords('intravenous, oral')))).toEqual([
      '\\bintravenous\\b',
      '\\boral\\b',
    ]);
    // More alternatives than a bit mask holds: the list is made for each call.
    const many = new RegExp(Array.from({ length: 40 }, (_, n) => `\\bword${n}x\\b`).join('|'), 'i');
    // Long texts get a large index, so the two keep the same alternatives below 30 (no collisions).
    for (const words of [
      ['word3x', 'word35x'],
      ['word3x', 'word39x'],
    ]) {
      const text = `${words.join(' and ')}.${' '.repeat(3000)}`;
      const kept = sources(narrow(many, indexWords(text))) ?? [];
      expect(kept).toEqual(words.map((word) => `\\b${word}\\b`));
      expect(scanned(narrow(many, indexWords(text)), text)).toEqual(matches(many, text));
    }
  });

  it('merges the alternatives into the matches of the whole pattern', () => {
    // Same start: the earlier alternative wins; overlapping matches: the scan goes on after the one taken.
    const pattern =
      /\bketamine\s+infusions?\b|\bintravenous\b|\binfusion\s+of\s+ketamine\b|\bketamine\b|\d+\s*mg\b/i;
    const text = 'One infusion of ketamine infusions at 35 mg; ketamine again. An infusion of 0.5 mg/kg.';
    expect(scanned(narrow(pattern, indexWords(text)), text)).toEqual(
      matches(pattern, text).filter((match) => !match.endsWith(':')),
    );
    expect(narrow(pattern, indexWords(text))?.length).toBe(4);
    const scanners = narrow(pattern, indexWords('ketamine 5 mg')) ?? [];
    expect(scanned(scanners, 'ketamine 5 mg')).toEqual(['0:ketamine', '9:5 mg']);
  });

  it('finds exactly the matches of the full pattern, for every rule pattern on every fixture text', () => {
    const patterns = [...enginePatterns(defaultRules)];
    const texts: string[] = [];
    for (const fixture of ['ketamine/on_topic.jsonl', 'ketamine/near_miss.jsonl']) {
      for (const study of loadFixtureStudies(fixture).values()) {
        const input = normaliseInput(study);
        texts.push(input.title, input.abstract, input.keywords.join('; '));
      }
    }
    const wrong: string[] = [];
    let narrowedCount = 0;
    for (const text of texts) {
      if (text === '') continue;
      const words = indexWords(text);
      for (const pattern of patterns) {
        const scanners = narrow(pattern, words);
        if (scanners?.length === 1 && scanners[0]?.source === pattern.source) continue;
        narrowedCount++;
        // The engine never visits empty matches.
        const expected = matches(pattern, text).filter((match) => !match.endsWith(':'));
        const found = scanned(scanners, text);
        if (found.join('|') !== expected.join('|')) {
          wrong.push(`${pattern.source.slice(0, 60)} on "${text.slice(0, 60)}": ${expected[0]}`);
        }
      }
    }
    expect(patterns.length).toBeGreaterThan(100);
    expect(narrowedCount).toBeGreaterThan(texts.length);
    expect(wrong).toEqual([]);
  });
});

function sources(scanners: RegExp[] | null): string[] | null {
  return scanners === null ? null : scanners.map((scanner) => scanner.source);
}

/** Every match the engine visits with these scanners, as "index:text". */
function scanned(scanners: RegExp[] | null, text: string): string[] {
  const found: string[] = [];
  if (scanners !== null) {
    scanMatches(text, scanners, (match) => {
      found.push(`${match.index}:${match[0]}`);
      return false;
    });
  }
  return found;
}

/** The scanners for a pattern on an indexed text, as the engine asks for them. */
function narrow(pattern: RegExp, words: WordIndex): RegExp[] | null {
  return narrowScanners(screenPattern(pattern), words);
}
