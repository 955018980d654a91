/**
 * A malformed record becomes a problem naming file, PMID, byte offset and reason, and the rest of the
 * file still parses, whichever entry point reads it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createParsePool,
  type ParseEvent,
  parseArticleSet,
  streamStudyRecords,
  streamStudyRecordsFrom,
} from '../../src/parse/index.ts';

const article = (pmid: string, title = `Title ${pmid}`) =>
  `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">${pmid}</PMID><Article><Journal><Title>Jé</Title></Journal><ArticleTitle>${title}</ArticleTitle><Language>eng</Language></Article></MedlineCitation></PubmedArticle>`;

const BROKEN_TAG = `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">102</PMID><Article><Journal><Title>Café</Titl></Journal><ArticleTitle>x</ArticleTitle></Article></MedlineCitation></PubmedArticle>`;
const UNCLOSED = `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">104</PMID><Article>`;
const NO_PMID = `<PubmedArticle><MedlineCitation Status="MEDLINE"><Article><ArticleTitle>No id</ArticleTitle></Article></MedlineCitation></PubmedArticle>`;
const TRUNCATED = `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">107</PMID><Article><ArticleTi`;

const XML = [
  '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "x.dtd">\n<PubmedArticleSet>\n',
  article('101', 'Caf\u00e9 <i>ok</i>'),
  '\n',
  BROKEN_TAG,
  '\n',
  article('103'),
  '\nstray text\n',
  UNCLOSED,
  '\n',
  article('105'),
  '\n',
  NO_PMID,
  '\n',
  TRUNCATED,
].join('');
const BYTES = Buffer.from(XML, 'utf8');
const at = (needle: string) => BYTES.indexOf(needle);

const EXPECTED_PROBLEMS = [
  {
    code: 'PARSE_MALFORMED_RECORD',
    file: 'bad.xml',
    pmid: '102',
    // The fault itself: the end tag that does not match, located in bytes (é is two bytes before it).
    offset: at('</Titl>'),
    reason: 'malformed record: <Title> is closed by </Titl>',
  },
  {
    code: 'PARSE_MALFORMED_RECORD',
    file: 'bad.xml',
    pmid: null,
    offset: at('stray text'),
    reason: 'text outside any record',
  },
  {
    code: 'PARSE_MALFORMED_RECORD',
    file: 'bad.xml',
    pmid: '104',
    offset: at(UNCLOSED),
    reason: '<PubmedArticle> is not closed before the next record starts',
  },
  {
    code: 'PARSE_MALFORMED_RECORD',
    file: 'bad.xml',
    pmid: null,
    offset: at(NO_PMID),
    reason: 'malformed record: record has no PMID',
  },
  {
    code: 'PARSE_TRUNCATED',
    file: 'bad.xml',
    pmid: '107',
    offset: at(TRUNCATED),
    reason: '<PubmedArticle> is not closed: the input ends inside it (cut off?)',
  },
  {
    code: 'PARSE_TRUNCATED',
    file: 'bad.xml',
    pmid: null,
    offset: BYTES.length,
    reason: 'input ends before </PubmedArticleSet> (cut off?)',
  },
];

function split(events: ParseEvent[]) {
  return {
    pmids: events.flatMap((event) => (event.kind === 'record' ? [event.record.pmid] : [])),
    problems: events.flatMap((event) => (event.kind === 'problem' ? [event.problem] : [])),
  };
}

describe('malformed input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parse-malformed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports each broken record with file, PMID, byte offset and reason; parses the others', () => {
    const result = parseArticleSet(BYTES, { file: 'bad.xml' });
    expect(result.records.map((record) => record.pmid)).toEqual(['101', '103', '105']);
    expect(result.records[0]?.titleHtml).toBe('Caf\u00e9 <i>ok</i>');
    expect(result.problems).toEqual(EXPECTED_PROBLEMS);
  });

  it('streaming in small chunks reports the same problems at the same offsets', async () => {
    async function* chunks() {
      for (let offset = 0; offset < BYTES.length; offset += 13) yield BYTES.subarray(offset, offset + 13);
    }
    const events: ParseEvent[] = [];
    for await (const event of streamStudyRecordsFrom(chunks(), { file: 'bad.xml' })) events.push(event);
    expect(split(events)).toEqual({ pmids: ['101', '103', '105'], problems: EXPECTED_PROBLEMS });
  });

  it('a gzip file through streamStudyRecords and through the worker pool: same result', async () => {
    const file = join(dir, 'bad.xml.gz');
    writeFileSync(file, gzipSync(BYTES));
    const expected = EXPECTED_PROBLEMS.map((problem) => ({ ...problem, file }));
    const streamed: ParseEvent[] = [];
    for await (const event of streamStudyRecords(file)) streamed.push(event);
    expect(split(streamed)).toEqual({ pmids: ['101', '103', '105'], problems: expected });

    const pool = createParsePool({ workers: 2, chunkBytes: 100 });
    try {
      const pooled: ParseEvent[] = [];
      for await (const event of pool.parseFile(file)) pooled.push(event);
      expect(split(pooled)).toEqual({ pmids: ['101', '103', '105'], problems: expected });
    } finally {
      await pool.close();
    }
  });

  it('a gzip file cut off mid-stream: the records before the break, then PARSE_UNREADABLE_FILE', async () => {
    const good = Buffer.from(
      `<PubmedArticleSet>${Array.from({ length: 20000 }, (_, i) => article(String(1000 + i))).join('\n')}</PubmedArticleSet>`,
    );
    const gz = gzipSync(good);
    const file = join(dir, 'cut.xml.gz');
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const pmids: string[] = [];
    const consume = async () => {
      for await (const event of streamStudyRecords(file))
        if (event.kind === 'record') pmids.push(event.record.pmid);
    };
    await expect(consume()).rejects.toMatchObject({ code: 'PARSE_UNREADABLE_FILE', context: { file } });
    expect(pmids.length).toBeGreaterThan(0);
    expect(pmids).toEqual(Array.from({ length: pmids.length }, (_, i) => String(1000 + i)));
  });

  it('a bare record slice (as the raw cache stores it) parses, and a broken one is a problem', () => {
    expect(parseArticleSet(article('201'), { file: 'slice' }).records.map((r) => r.pmid)).toEqual(['201']);
    const broken = parseArticleSet(BROKEN_TAG, { file: 'slice' });
    expect(broken.records).toEqual([]);
    expect(broken.problems).toEqual([
      { ...EXPECTED_PROBLEMS[0], file: 'slice', offset: BROKEN_TAG.indexOf('</Titl>') + 1 },
    ]);
  });
});
