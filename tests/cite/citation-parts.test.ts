import { describe, expect, it } from 'vitest';
import { joinParts, smartQuotes } from '../../src/cite/citation-parts.ts';

/** smartQuotes as first written, character by character against the output so far. */
function reference(run: string, before = ''): string {
  let out = '';
  for (let i = 0; i < run.length; i++) {
    const char = run[i] as string;
    const previous = i === 0 ? before.slice(-1) : out.slice(-1);
    const opens = previous === '' || /[\s([{\u2014\u2013-]/.test(previous);
    if (char === "'") out += opens ? '\u2018' : '\u2019';
    else if (char === '"') out += opens ? '\u201c' : '\u201d';
    else out += char;
  }
  return out;
}

describe('smartQuotes', () => {
  it('matches the character-by-character rule on every short run of quotes and context', () => {
    const alphabet = ["'", '"', 'a', ' ', '(', '-', '\u2013', '\u2019', '\n', '.'];
    const runs = [''];
    for (let length = 1; length <= 4; length++) {
      for (const run of runs.filter((r) => r.length === length - 1)) {
        for (const char of alphabet) runs.push(run + char);
      }
    }
    for (const run of runs) {
      for (const before of ['', 'x', ' ', '(', "'"]) {
        // expect() only on a difference: 55,000 passing calls would take seconds.
        const want = reference(run, before);
        if (smartQuotes(run, before) !== want)
          expect(smartQuotes(run, before), JSON.stringify(run)).toBe(want);
      }
    }
  });

  it('prints apostrophes and quotes as the style manuals do', () => {
    expect(smartQuotes(`O'Leary on "Old lamps" ('new')`)).toBe(
      'O\u2019Leary on \u201cOld lamps\u201d (\u2018new\u2019)',
    );
    expect(joinParts(['a "b"', { italic: "'c'" }, { verbatim: "d'e" }]).text).toBe(
      "a \u201cb\u201d\u2019c\u2019d'e",
    );
  });
});
