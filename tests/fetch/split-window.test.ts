import { describe, expect, it } from 'vitest';
import { formatYmd, splitWindow } from '../../src/fetch/search-pmids.ts';

describe('splitWindow', () => {
  it('splits an inclusive window into two disjoint halves that cover it', () => {
    expect(splitWindow({ from: '2020/01/01', to: '2020/12/31' })).toEqual([
      { from: '2020/01/01', to: '2020/07/01' },
      { from: '2020/07/02', to: '2020/12/31' },
    ]);
    expect(splitWindow({ from: '2024/02/28', to: '2024/03/01' })).toEqual([
      { from: '2024/02/28', to: '2024/02/29' },
      { from: '2024/03/01', to: '2024/03/01' },
    ]);
  });

  it('cannot split a single day', () => {
    expect(splitWindow({ from: '2021/05/05', to: '2021/05/05' })).toBeNull();
  });

  it('formats dates for E-utilities', () => {
    expect(formatYmd(new Date('2026-11-26T23:59:00Z'))).toBe('2026/11/26');
    expect(formatYmd(new Date('1800-01-01T00:00:00Z'))).toBe('1800/01/01');
  });
});
