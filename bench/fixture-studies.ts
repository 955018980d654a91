import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MinimalStudy } from '../src/tag/index.ts';
import { FIXTURES } from '../tests/fixtures-path.ts';

/** The ketamine fixture studies (on-topic and near misses) as the tagger takes them. */
export function loadFixtureStudies(): MinimalStudy[] {
  return ['ketamine/on_topic.jsonl', 'ketamine/near_miss.jsonl'].flatMap((file) =>
    readFileSync(join(FIXTURES, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as MinimalStudy),
  );
}
