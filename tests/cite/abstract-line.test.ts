import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abstractLine,
  bibtexEntry,
  formatBibtex,
  formatNbib,
  formatRis,
  nbibRecord,
  risRecord,
} from '../../src/cite/index.ts';
import { parseRecordXml } from '../../src/parse/index.ts';
import type { StudyRecord } from '../../src/records.ts';
import { type FakeEutils, startFakeEutils } from '../fake-eutils/index.ts';
import { hostileRecordXml } from '../render/hostile-record.ts';

describe('one record with its abstractLine made once', () => {
  let fake: FakeEutils;
  let records: StudyRecord[] = [];
  beforeAll(async () => {
    fake = await startFakeEutils();
    records = fake.pmids().map((pmid) => parseRecordXml(fake.recordXml(pmid) as string) as StudyRecord);
    const hostile = parseRecordXml(hostileRecordXml()) as StudyRecord;
    const spaced = {
      ...hostile,
      abstract: [{ label: 'X', category: null, text: ' a\n\u2028 b\u00a0 ', html: '' }],
    };
    records.push(hostile, spaced, { ...hostile, abstract: [] });
  });
  afterAll(() => fake.close());

  it('prints what the many-record formatters print for that record', () => {
    expect(records.length).toBeGreaterThan(10);
    for (const record of records) {
      const abstract = abstractLine(record);
      expect(risRecord(record, abstract)).toBe(formatRis([record]));
      expect(bibtexEntry(record, abstract)).toBe(formatBibtex([record]));
      expect(nbibRecord(record, abstract)).toBe(formatNbib([record]));
    }
  });

  it('wraps MEDLINE lines at 88 columns on spaces without losing a character', () => {
    for (const record of records) {
      const lines = nbibRecord(record).trimEnd().split('\n');
      lines.forEach((line, i) => {
        if (line.length > 88) expect(line.trim(), line).not.toContain(' ');
        // Greedy: a continuation line starts with a word that did not fit on the line before.
        const next = lines[i + 1];
        if (next?.startsWith('      ')) {
          const word = next.slice(6).split(' ')[0] as string;
          expect(line.length + 1 + word.length, next).toBeGreaterThan(88);
        }
      });
      const abstract = abstractLine(record);
      if (abstract === '') continue;
      const start = lines.findIndex((line) => line.startsWith('AB  - '));
      let text = (lines[start] as string).slice(6);
      for (const line of lines.slice(start + 1)) {
        if (!line.startsWith('      ')) break;
        text += ` ${line.slice(6)}`;
      }
      expect(text).toBe(abstract);
    }
  });
});
