/**
 * Shorthands for writing expected study records by hand (read off the fixture XML), and a loader that
 * parses one fixture record by PMID. The shorthands only fill in nulls; every value is spelled out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArticleSet } from '../../src/parse/index.ts';
import type {
  AbstractSection,
  Author,
  MeshHeading,
  PublicationType,
  StudyRecord,
} from '../../src/records.ts';
import { PUBMED_FIXTURES } from '../fixtures-path.ts';

export function readFixture(name: string): Buffer {
  const bytes = readFileSync(join(PUBMED_FIXTURES, name));
  return name.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

export function fixtureResult(name: string) {
  return parseArticleSet(readFixture(name), { file: name });
}

export function fixtureRecord(name: string, pmid: string): StudyRecord {
  const result = fixtureResult(name);
  const record = result.records.find((candidate) => candidate.pmid === pmid);
  if (record === undefined) throw new Error(`PMID ${pmid} not in ${name}`);
  return record;
}

export const author = (
  lastName: string,
  foreName: string | null,
  initials: string | null,
  affiliations: string[] = [],
  more: Partial<Author> = {},
): Author => ({
  lastName,
  foreName,
  initials,
  suffix: null,
  collectiveName: null,
  orcid: null,
  affiliations,
  ...more,
});

export const group = (collectiveName: string, affiliations: string[] = []): Author => ({
  lastName: null,
  foreName: null,
  initials: null,
  suffix: null,
  collectiveName,
  orcid: null,
  affiliations,
});

export const mesh = (
  descriptor: string,
  ui: string,
  major = false,
  qualifiers: MeshHeading['qualifiers'] = [],
): MeshHeading => ({ descriptor, ui, major, qualifiers });

export const qualifier = (name: string, ui: string, major = false) => ({ name, ui, major });

export const type = (ui: string | null, name: string): PublicationType => ({ ui, name });

/** A section whose text needs no escaping, so its HTML is the same string. */
export const section = (
  text: string,
  label: string | null = null,
  category: string | null = null,
): AbstractSection => ({
  label,
  category,
  text,
  html: text,
});

export const history = (...entries: [status: string, date: string][]) =>
  entries.map(([status, date]) => ({ status, date }));

/** Plain text of an expected allow-listed HTML string: tags dropped, the three escapes undone. */
export const plainOf = (html: string): string =>
  html
    .replace(/<\/?(?:i|b|sup|sub|u)>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
