import { readFileSync } from 'node:fs';
import type { MinimalStudy } from '../../../src/tag/normalise-input.ts';

/** The shared fixtures, read in place (they are never copied into the repo). */
export const FIXTURES_URL = new URL('../../../../shared/fixtures/', import.meta.url);

/** The studies of one fixture JSONL file by PMID. */
export function loadFixtureStudies(fixture: string): Map<string, MinimalStudy> {
  const studies = new Map<string, MinimalStudy>();
  for (const line of readFileSync(new URL(fixture, FIXTURES_URL), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const study = JSON.parse(line) as MinimalStudy;
    studies.set(String(study.pmid), study);
  }
  return studies;
}
