import { describe, expect, it } from 'vitest';
import { formatCount, formatDate } from '../../src/render/format-count.ts';

describe('formatDate', () => {
  // What the pages said when the date came from Intl's en-GB long date in UTC.
  const intl = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

  it('says what Intl en-GB says for every day of four centuries, whatever the time of day', () => {
    const day = 86_400_000;
    const mismatches: string[] = [];
    for (let t = Date.UTC(1850, 0, 1); t < Date.UTC(2250, 0, 1); t += day) {
      for (const offset of [0, day - 1]) {
        const iso = new Date(t + offset).toISOString();
        if (formatDate(iso) !== intl.format(new Date(iso))) mismatches.push(iso);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('reads the ISO forms the cache and the runs write, in UTC', () => {
    expect(formatDate('2026-12-07')).toBe('7 December 2026');
    expect(formatDate('2026-02-28T23:59:59.999Z')).toBe('28 February 2026');
    // 01:30 in UTC+05:00 is 20:30 the day before in UTC.
    expect(formatDate('2024-03-01T01:30:00+05:00')).toBe('29 February 2024');
  });

  it('says "unknown" for no date and gives back what is not a date', () => {
    expect(formatDate(null)).toBe('unknown');
    expect(formatDate('')).toBe('unknown');
    expect(formatDate('no date given')).toBe('no date given');
  });
});

describe('formatCount', () => {
  it('groups thousands with commas', () => {
    expect([0, 999, 1000, 10_192, 1_234_567].map(formatCount)).toEqual([
      '0',
      '999',
      '1,000',
      '10,192',
      '1,234,567',
    ]);
  });
});
