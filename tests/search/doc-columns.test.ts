/**
 * The search index's doc columns (search/docs.bin), which the search page decodes before its first
 * answer: what is encoded comes back column for column, and a file cut short or with bytes after its
 * last column is refused, not read as other studies' values.
 */
import { describe, expect, it } from 'vitest';
import { decodeDocColumns, encodeDocColumns } from '../../src/search/doc-columns.ts';

const rows = [
  {
    year: 2024,
    date: 20240315,
    design: 3,
    level: 1,
    topic: 0b101,
    route: 2,
    substance: 1,
    population: 0,
    flags: 0,
    n: 68,
  },
  // A date far back after a recent one (a negative delta), a year other than the date's, large values.
  {
    year: 1996,
    date: 19970101,
    design: 0,
    level: 0,
    topic: 0,
    route: 0,
    substance: 0,
    population: 7,
    flags: 5,
    n: 0,
  },
  {
    year: 2026,
    date: 20261130,
    design: 12,
    level: 5,
    topic: 2 ** 31 + 3,
    route: 300,
    substance: 2 ** 20,
    population: 1,
    flags: 255,
    n: 1_250_000,
  },
];

describe('doc columns', () => {
  it('decode to the values encoded, each column in its own typed array', () => {
    const columns = decodeDocColumns(encodeDocColumns(rows));
    for (const column of Object.keys(rows[0] as object) as (keyof (typeof rows)[0])[])
      expect([...columns[column]], column).toEqual(rows.map((row) => row[column]));
    expect(columns.year).toBeInstanceOf(Uint16Array);
    expect(columns.flags).toBeInstanceOf(Uint8Array);
    expect(columns.topic).toBeInstanceOf(Uint32Array);
  });

  it('refuses a file cut short or with trailing bytes', () => {
    const bytes = encodeDocColumns(rows);
    expect(() => decodeDocColumns(bytes.subarray(0, bytes.length - 1))).toThrow(/unexpected end of data/);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => decodeDocColumns(longer)).toThrow(/trailing bytes/);
  });
});
