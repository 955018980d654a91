/**
 * A record's JSON is made once per study and shared by its prepared-store line and its JSONL export
 * line: the export line must be byte for byte what serialising the object whole gives, and the stored
 * line must read back as the line.
 */

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStudies } from '../../src/render/index.ts';
import { deriveStudy } from '../../src/render/prepare-study.ts';
import {
  type PreparedLine,
  preparedLineBytes,
  SegmentReader,
  SegmentWriter,
  type StoredLocation,
} from '../../src/render/prepared-store.ts';
import { applyMarks } from '../../src/render/refresh-history.ts';
import { type MadeJson, studyExportLines } from '../../src/render/render-data-exports.ts';
import { hostileRecordXml } from './hostile-record.ts';
import { makeFixtureCache } from './test-site.ts';

describe('JSON made once for the store and the export', () => {
  it('gives the bytes of serialising the export object whole, and stored lines that read back', async () => {
    const cacheDir = await makeFixtureCache({ limit: 120, extra: [hostileRecordXml()] });
    const { studies } = await loadStudies(cacheDir, { workers: 1 });
    expect(studies.length).toBe(121);
    const storeDir = await mkdtemp(join(tmpdir(), 'digest-lines-'));
    const writer = new SegmentWriter(storeDir, 'lines.jsonl');
    const stored: [string, PreparedLine, StoredLocation][] = [];
    for (const [i, { record }] of studies.entries()) {
      const line = { record, derived: deriveStudy(record, 'code-hash') };
      const { tags, citations } = line.derived;
      const json: MadeJson = {
        record,
        tags,
        recordJson: JSON.stringify(record),
        tagsJson: JSON.stringify(tags),
      };
      const made = preparedLineBytes(line, json.recordJson, json.tagsJson);
      // The ranges a build thread keeps to render the page from, and the downloads as published.
      expect(made.record.toString('utf8')).toBe(JSON.stringify(record));
      expect(made.tags.toString('utf8')).toBe(JSON.stringify(tags));
      expect(
        Object.fromEntries(Object.entries(made.files).map(([name, bytes]) => [name, bytes.toString()])),
      ).toEqual(citations.files);
      const key = `${record.pmid}.${record.version}.0`;
      // Made here or handed over, the same bytes are stored.
      stored.push([key, line, writer.append(key, line, i % 2 === 0 ? made : undefined)]);
      // Unmarked, withdrawn, and retracted with the run that noticed it.
      const marks = [
        {},
        { withdrawn: { at: '2027-03-15T06:00:00.000Z', reason: 'deleted from PubMed' } },
        { noticedAt: '2027-03-15T06:00:00.000Z' },
      ][i % 3] as object;
      const study = applyMarks({ record, tags, fetchedAt: '2027-03-08T06:00:00.000Z' }, marks);
      const whole = studyExportLines(study, citations.files);
      expect(JSON.parse(whole.jsonl)).toEqual({
        ...record,
        tags,
        fetchedAt: '2027-03-08T06:00:00.000Z',
        withdrawn: study.withdrawn ?? null,
        retractionNoticedAt: study.retractionNoticedAt ?? null,
      });
      expect(studyExportLines(study, citations.files, json)).toEqual(whole);
      // JSON made of another record object is not taken for this one's.
      const other = { ...json, record: { ...record, title: 'Another title' }, recordJson: '{"pmid":"1"}' };
      expect(studyExportLines(study, citations.files, other)).toEqual(whole);
    }
    writer.close();
    const reader = new SegmentReader(storeDir);
    for (const [key, line, at] of stored) expect(reader.read(key, at)).toEqual(line);
    // Another study's key at this place is a miss, not its line.
    const [, , first] = stored[0] as (typeof stored)[number];
    expect(
      reader.read(`${(stored[1] as (typeof stored)[number])[1].record.pmid}.1.0`, first),
    ).toBeUndefined();
    reader.close();
  });
});
