import { fileURLToPath } from 'node:url';
import type { TagSource } from '../../../src/tag/normalise-input.ts';
import { readTagSources } from '../../../src/tag/read-tag-sources.ts';
import { FIXTURES_URL } from './load-fixture-studies.ts';

/** The parsed records of one fixture XML file by PMID, read through the same path as `tag FILE.xml`. */
export async function loadXmlFixtureStudies(fixture: string): Promise<Map<string, TagSource>> {
  const studies = new Map<string, TagSource>();
  for await (const event of readTagSources(fileURLToPath(new URL(fixture, FIXTURES_URL)))) {
    if (event.kind === 'study') studies.set(String(event.source.pmid), event.source);
  }
  return studies;
}
