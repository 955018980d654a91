import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStudies } from '../../src/render/index.ts';
import { hostileRecordXml } from './hostile-record.ts';
import { makeFixtureCache } from './test-site.ts';

describe('loadStudies', () => {
  it('parses and tags every cached record, then reuses parsed records and tags on the next build', async () => {
    const cacheDir = await makeFixtureCache({ multiplier: 2, limit: 450, extra: [hostileRecordXml()] });
    // 451 records: enough to use the worker threads.
    const first = await loadStudies(cacheDir);
    expect(first.studies).toHaveLength(451);
    expect(first.problems).toEqual([]);
    expect(first.parsedFromCache).toBe(0);
    expect(first.taggedFromCache).toBe(0);
    expect(first.citations.get('99999901')?.files['citation.ris']).toContain('AN  - 99999901');
    // The prepared-study store: one segment per build thread that stored anything, and the index.
    const store = join(cacheDir, 'derived', 'prepared');
    const segments = (await readdir(store)).filter((name) => name.endsWith('.jsonl'));
    expect(segments.length).toBeGreaterThanOrEqual(1);
    expect(segments.length).toBeLessThanOrEqual(2);
    expect(await readdir(store)).toContain('index.json');

    const second = await loadStudies(cacheDir);
    expect(second.parsedFromCache).toBe(451);
    expect(second.taggedFromCache).toBe(451);
    // Same records, same tags, in the same (PMID) order, whether computed or read back.
    expect(second.studies.map((s) => [s.record.pmid, s.tags, s.terms])).toEqual(
      first.studies.map((s) => [s.record.pmid, s.tags, s.terms]),
    );
    expect(second.studies).toEqual(first.studies);
    expect(second.citations).toEqual(first.citations);

    // A stored line that fails its checksum is a miss: that record alone is parsed again.
    const [entry] = (
      JSON.parse(await readFile(join(store, 'index.json'), 'utf8')) as {
        entries: [string, string, number, number, number][];
      }
    ).entries;
    if (entry === undefined) throw new Error('the store index is empty');
    const [, segment, offset] = entry;
    const bytes = await readFile(join(store, segment));
    bytes[offset + 20] = (bytes[offset + 20] as number) ^ 0x01;
    await writeFile(join(store, segment), bytes);
    const third = await loadStudies(cacheDir);
    expect(third.parsedFromCache).toBe(450);
    expect(third.taggedFromCache).toBe(450);
    expect(third.studies).toEqual(first.studies);
  });

  it('keeps working on one core and on a small cache (no workers)', async () => {
    const cacheDir = await makeFixtureCache({ limit: 20 });
    const one = await loadStudies(cacheDir, { workers: 1 });
    const many = await loadStudies(cacheDir, { workers: 2, minJobsForWorkers: 1, batchSize: 3 });
    expect(many.studies.map((s) => s.tags)).toEqual(one.studies.map((s) => s.tags));
  });
});
