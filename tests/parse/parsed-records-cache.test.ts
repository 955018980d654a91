/**
 * The parsed-record cache: an unchanged record is parsed once across builds; anything damaged or stale
 * on disk is a miss, never data.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  keyString,
  MAX_SEGMENTS,
  openParsedRecordCache,
  parsedRecordKey,
} from '../../src/cache/parsed-records.ts';
import { PARSER_VERSION, parseCachedRecord, parseRecordXml } from '../../src/parse/index.ts';
import type { StudyRecord } from '../../src/records.ts';
import { readFixture } from './record-builders.ts';

/** Record slices as the raw cache stores them: exact bytes of each <PubmedArticle>. */
const SLICES = [
  ...readFixture('PsyNamic-Webapp__abstract_test.xml')
    .toString('utf8')
    .matchAll(/<PubmedArticle>[\s\S]*?<\/PubmedArticle>/g),
].map((match) => Buffer.from(match[0]));
const pmidOf = (slice: Buffer) => /<PMID[^>]*>(\d+)</.exec(slice.toString())?.[1] ?? '';
const parsed = (slice: Buffer) => parseRecordXml(slice.toString()) as StudyRecord;
const keyOf = (slice: Buffer) => parsedRecordKey(pmidOf(slice), '1', slice);
const open = (dir: string, parserVersion = PARSER_VERSION) => openParsedRecordCache(dir, { parserVersion });
const segmentFiles = (dir: string) => readdirSync(join(dir, 'parsed', 'segments')).sort();

describe('parsed-record cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parsed-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('misses, then hits after flush and reopen (a second build parses nothing)', async () => {
    const first = await open(dir);
    const meta = (slice: Buffer) => ({ pmid: pmidOf(slice), version: '1', file: 'raw/1.xml', offset: 0 });
    for (const slice of SLICES)
      expect((await parseCachedRecord(slice, meta(slice), first)).cached).toBe(false);
    await first.flush();
    expect(first.stats()).toMatchObject({
      entries: SLICES.length,
      segments: 1,
      misses: SLICES.length,
      corrupt: 0,
    });

    const second = await open(dir);
    for (const slice of SLICES) {
      const { record, cached } = await parseCachedRecord(slice, meta(slice), second);
      expect(cached).toBe(true);
      expect(record).toEqual(parsed(slice));
    }
    expect(second.stats()).toMatchObject({ hits: SLICES.length, misses: 0, corrupt: 0 });
    expect(readFileSync(join(dir, 'parsed', 'layout.json'), 'utf8')).toBe('{"layout":1}\n');
  });

  it('is keyed by content: changed bytes, another version or another parser version miss', async () => {
    const slice = SLICES[0] as Buffer;
    const cache = await open(dir);
    cache.set(keyOf(slice), parsed(slice));
    await cache.flush();
    const reopened = await open(dir);
    expect(await reopened.get(keyOf(slice))).toEqual(parsed(slice));
    const edited = Buffer.from(slice.toString().replace('</ArticleTitle>', ' (corrected)</ArticleTitle>'));
    expect(await reopened.get(keyOf(edited))).toBeUndefined();
    expect(await reopened.get({ ...keyOf(slice), version: '2' })).toBeUndefined();
    expect(await (await open(dir, 'parse-next')).get(keyOf(slice))).toBeUndefined();
  });

  it('a damaged entry is a miss (checksum), the others in the segment still hit', async () => {
    const cache = await open(dir);
    for (const slice of SLICES.slice(0, 3)) cache.set(keyOf(slice), parsed(slice));
    await cache.flush();
    const segment = join(
      dir,
      'parsed',
      'segments',
      segmentFiles(dir).find((f) => f.endsWith('.jsonl')) ?? '',
    );
    const bytes = readFileSync(segment);
    const title = Buffer.from(JSON.stringify(parsed(SLICES[1] as Buffer).title));
    const at = bytes.indexOf(title);
    bytes[at + 3] = bytes[at + 3] === 0x61 ? 0x62 : 0x61;
    writeFileSync(segment, bytes);

    const reopened = await open(dir);
    expect(await reopened.get(keyOf(SLICES[1] as Buffer))).toBeUndefined();
    expect(await reopened.get(keyOf(SLICES[0] as Buffer))).toEqual(parsed(SLICES[0] as Buffer));
    const many = await reopened.getMany(SLICES.slice(0, 3).map(keyOf));
    expect([...many.keys()]).toEqual([keyOf(SLICES[0] as Buffer), keyOf(SLICES[2] as Buffer)].map(keyString));
    expect(reopened.stats()).toMatchObject({ corrupt: 2, hits: 3, misses: 2 });
  });

  it('a truncated segment, a garbage index and an orphan segment are misses, not errors', async () => {
    const cache = await open(dir);
    for (const slice of SLICES.slice(0, 4)) cache.set(keyOf(slice), parsed(slice));
    await cache.flush();
    const [segmentName] = segmentFiles(dir).filter((f) => f.endsWith('.jsonl'));
    const segment = join(dir, 'parsed', 'segments', segmentName ?? '');
    const bytes = readFileSync(segment);
    writeFileSync(segment, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const truncated = await open(dir);
    expect(await truncated.get(keyOf(SLICES[0] as Buffer))).toEqual(parsed(SLICES[0] as Buffer));
    expect(await truncated.get(keyOf(SLICES[3] as Buffer))).toBeUndefined();

    const [indexName] = segmentFiles(dir).filter((f) => f.endsWith('.idx.json'));
    writeFileSync(join(dir, 'parsed', 'segments', indexName ?? ''), '{"layout":1,"parser":');
    writeFileSync(join(dir, 'parsed', 'segments', '999999999999999-1-0000.jsonl'), 'orphan\tnot json\n');
    const garbage = await open(dir);
    expect(await garbage.get(keyOf(SLICES[0] as Buffer))).toBeUndefined();
    expect(garbage.stats()).toMatchObject({ entries: 0, corrupt: 1 });
  });

  it('refuses a layout it does not know (derived data: the message says deleting is safe)', async () => {
    await open(dir);
    writeFileSync(join(dir, 'parsed', 'layout.json'), '{"layout":99}');
    await expect(open(dir)).rejects.toMatchObject({ code: 'CACHE_LAYOUT_UNSUPPORTED' });
  });

  it(`compacts past ${MAX_SEGMENTS} segments, keeping the newest entry per PMID`, async () => {
    const cache = await open(dir);
    const slice = SLICES[0] as Buffer;
    const versions = Array.from({ length: MAX_SEGMENTS + 1 }, (_, n) =>
      Buffer.from(slice.toString().replace('</ArticleTitle>', ` v${n}</ArticleTitle>`)),
    );
    for (const version of versions) {
      cache.set(keyOf(version), parsed(version));
      cache.set(keyOf(SLICES[1] as Buffer), parsed(SLICES[1] as Buffer));
      await cache.flush();
    }
    expect(segmentFiles(dir)).toHaveLength(2);
    const reopened = await open(dir);
    expect(reopened.stats()).toMatchObject({ entries: 2, segments: 1 });
    expect((await reopened.get(keyOf(versions.at(-1) as Buffer)))?.title).toMatch(/ v8$/);
    expect(await reopened.get(keyOf(versions[0] as Buffer))).toBeUndefined();
    await reopened.compact([keyOf(SLICES[1] as Buffer)]);
    expect((await open(dir)).stats()).toMatchObject({ entries: 1 });
  });

  it('parseCachedRecord refuses bytes that hold another PMID than the manifest says', async () => {
    const cache = await open(dir);
    const slice = SLICES[0] as Buffer;
    await expect(
      parseCachedRecord(slice, { pmid: '1', version: '1', file: 'raw/1.xml', offset: 42 }, cache),
    ).rejects.toMatchObject({ code: 'PARSE_MALFORMED_RECORD', context: { pmid: '1', offset: 42 } });
  });
});
