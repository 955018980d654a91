import { afterAll, describe, expect, it } from 'vitest';
import { createTagPool, tagStudies } from '../../src/tag/index.ts';
import { loadFixtureStudies } from './eval/load-fixture-studies.ts';

describe('tag pool', () => {
  const pool = createTagPool({ workers: 2 });
  afterAll(() => pool.close());

  it('gives the same tags, in input order, as tagging on the main thread', async () => {
    // More than two batches, so both workers answer and the order has to be restored.
    const studies = [
      ...loadFixtureStudies('ketamine/on_topic.jsonl').values(),
      ...loadFixtureStudies('ketamine/near_miss.jsonl').values(),
    ].slice(0, 700);
    const tags = await pool.tagStudies(studies);
    expect(tags.map((tag) => tag.pmid)).toEqual(studies.map((study) => study.pmid));
    expect(tags).toEqual(tagStudies(studies));
  });

  it('returns nothing for no studies', async () => {
    expect(await pool.tagStudies([])).toEqual([]);
  });
});
