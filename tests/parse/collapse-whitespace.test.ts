/** collapseWhitespace returns a value with nothing to collapse as it is, and collapses and trims the rest. */
import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../../src/parse/collapse-whitespace.ts';

describe('collapseWhitespace', () => {
  it('returns values without XML whitespace runs or space at the ends unchanged', () => {
    for (const value of ['', 'a', 'a b', 'Smith', '2019 Sep-Oct', 'a\u00a0b', '\u00a0a\u00a0', 'x\u000by']) {
      expect(collapseWhitespace(value)).toBe(value);
    }
  });

  it('collapses runs of space, tab, CR and LF to one space and trims the ends', () => {
    expect(collapseWhitespace(' a')).toBe('a');
    expect(collapseWhitespace('a ')).toBe('a');
    expect(collapseWhitespace(' ')).toBe('');
    expect(collapseWhitespace('a  b')).toBe('a b');
    expect(collapseWhitespace('a\tb')).toBe('a b');
    expect(collapseWhitespace('a\r\n  b\n')).toBe('a b');
    expect(collapseWhitespace('\n    Ketamine for\n    depression\n  ')).toBe('Ketamine for depression');
    // Once collapsing, the trim is JavaScript's: a no-break space at an end goes too (as it always has).
    expect(collapseWhitespace('\u00a0a ')).toBe('a');
  });
});
