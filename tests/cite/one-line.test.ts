import { describe, expect, it } from 'vitest';
import { oneLine } from '../../src/cite/one-line.ts';

/** oneLine as it was first written: the fast path must never change what this returns. */
const reference = (text: string) => text.replace(/[\s\u0085\u2028\u2029]+/g, ' ').trim();

describe('oneLine', () => {
  it('matches the plain replace for every UTF-16 code unit, alone, doubled, inside and at either edge', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, c + c, `a${c}b`, `a ${c}b`, `a${c} b`, `${c}ab`, `ab${c}`]) {
        if (oneLine(text) !== reference(text))
          expect(oneLine(text), `U+${code.toString(16)}`).toBe(reference(text));
      }
    }
  });

  it('returns text that is one line already as it is', () => {
    const text = 'Ketamine for treatment-resistant depression: a randomized trial.';
    expect(oneLine(text)).toBe(text);
    expect(oneLine(' a\u00a0b\u2028c\u0085\r\nd  e ')).toBe('a b c d e');
  });
});
