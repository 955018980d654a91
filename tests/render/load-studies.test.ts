import { readdir } from 'node:fs/promises';
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
    expect((await readdir(join(cacheDir, 'derived'))).filter((name) => name.endsWith('.jsonl'))).toHaveLength(
      1,
    );

    const second = await loadStudies(cacheDir);
    expect(second.parsedFromCache).toBe(451);
    expect(second.taggedFromCache).toBe(451);
    // Same records, same tags, in the same (PMID) order, whether computed or read back.
    expect(second.studies.map((s) => [s.record.pmid, s.tags, s.terms])).toEqual(
      first.studies.map((s) => [s.record.pmid, s.tags, s.terms]),
    );
  });

  it('keeps working on one core and on a small cache (no workers)', async () => {
    const cacheDir = await makeFixtureCache({ limit: 20 });
    const one = await loadStudies(cacheDir, { workers: 1 });
    const many = await loadStudies(cacheDir, { workers: 2, minJobsForWorkers: 1, batchSize: 3 });
    expect(many.studies.map((s) => s.tags)).toEqual(one.studies.map((s) => s.tags));
  });
});
