/**
 * The parsed-record cache: study records keyed by PMID + version + SHA-256 of the record's XML, so a
 * build never parses an unchanged record twice. Derived data: anything unreadable is a miss, never data.
 *
 * Layout 1, under <cacheDir>/parsed/:
 *   layout.json                  { layout: 1 }: refuses to open a layout it does not know
 *   segments/<seq>.jsonl         one line per record: `<key>\t<record JSON>` (key = pmid.version.sha256)
 *   segments/<seq>.idx.json      { layout, parser, segment, bytes, entries: [[key, offset, length, crc32]] }
 *
 * A flush writes the records set since the last one as a new segment, then its index (each whole, via
 * write-file-atomic); a segment without its index is an orphan from a crash and is ignored. Later
 * segments win. Past MAX_SEGMENTS, a flush compacts: live entries (newest per PMID) are copied into one
 * segment, then the old files are removed. Why segments and not a file per record: 100,000 records
 * would be 100,000 files and 100,000 fsyncs per cold build (bench/RESULTS.md has the measurement).
 * Indexes of another parser version are ignored, so a parser change re-parses everything.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import writeFileAtomic from 'write-file-atomic';
import { DigestError } from '../errors.ts';
import type { StudyRecord } from '../records.ts';

export const PARSED_CACHE_LAYOUT = 1;
export const MAX_SEGMENTS = 8;

export interface ParsedRecordKey {
  pmid: string;
  version: string;
  sha256: string;
}

export interface ParsedCacheStats {
  entries: number;
  segments: number;
  hits: number;
  misses: number;
  /** Entries or indexes that failed a check (checksum, JSON, shape) and were treated as misses. */
  corrupt: number;
}

export interface ParsedRecordCache {
  readonly dir: string;
  get(key: ParsedRecordKey): Promise<StudyRecord | undefined>;
  /** Looks up many keys reading each segment once; the result maps keyString -> record (hits only). */
  getMany(keys: Iterable<ParsedRecordKey>): Promise<Map<string, StudyRecord>>;
  /** Stages a record; durable after flush(). */
  set(key: ParsedRecordKey, record: StudyRecord): void;
  flush(): Promise<void>;
  /** Rewrites live entries into one segment: the newest per PMID, only `keep` ones when given. */
  compact(keep?: Iterable<ParsedRecordKey>): Promise<void>;
  stats(): ParsedCacheStats;
}

interface Location {
  segment: string;
  offset: number;
  length: number;
  crc: number;
}

type IndexEntry = [key: string, offset: number, length: number, crc: number];

export function parsedRecordKey(
  pmid: string,
  version: string,
  recordXml: Uint8Array | string,
): ParsedRecordKey {
  return { pmid, version, sha256: createHash('sha256').update(recordXml).digest('hex') };
}

export function keyString(key: ParsedRecordKey): string {
  return `${key.pmid}.${key.version}.${key.sha256}`;
}

export async function openParsedRecordCache(
  cacheDir: string,
  options: { parserVersion: string },
): Promise<ParsedRecordCache> {
  const dir = join(cacheDir, 'parsed');
  const segmentsDir = join(dir, 'segments');
  await mkdir(segmentsDir, { recursive: true });
  await checkLayout(dir);

  const index = new Map<string, Location>();
  const newestByPmid = new Map<string, string>();
  const staged = new Map<string, string>();
  const counters = { hits: 0, misses: 0, corrupt: 0 };
  let segments = await loadIndexes();
  let sequence = 0;

  async function loadIndexes(): Promise<string[]> {
    const loaded: string[] = [];
    const names = (await readdir(segmentsDir)).filter((name) => name.endsWith('.idx.json')).sort();
    for (const name of names) {
      const parsed = await readIndex(join(segmentsDir, name));
      if (parsed === 'corrupt') counters.corrupt++;
      if (typeof parsed === 'string' || parsed.parser !== options.parserVersion) continue;
      loaded.push(parsed.segment);
      for (const [key, offset, length, crc] of parsed.entries) {
        index.set(key, { segment: parsed.segment, offset, length, crc });
        newestByPmid.set(key.slice(0, key.indexOf('.')), key);
      }
    }
    return loaded;
  }

  function decode(key: string, line: Buffer | undefined, crc: number): StudyRecord | undefined {
    const prefix = `${key}\t`;
    if (line === undefined || line.toString('latin1', 0, prefix.length) !== prefix) return corrupt();
    const json = line.subarray(Buffer.byteLength(prefix));
    if (crc32(json) !== crc) return corrupt();
    try {
      const record = JSON.parse(json.toString('utf8')) as StudyRecord;
      const [pmid, version] = key.split('.');
      return isRecordShape(record, pmid, version) ? record : corrupt();
    } catch {
      return corrupt();
    }
  }

  function corrupt(): undefined {
    counters.corrupt++;
    return undefined;
  }

  async function readLine(location: Location): Promise<Buffer | undefined> {
    try {
      const handle = await open(join(segmentsDir, location.segment), 'r');
      try {
        const line = Buffer.alloc(location.length);
        const { bytesRead } = await handle.read(line, 0, location.length, location.offset);
        return bytesRead === location.length ? line : undefined;
      } finally {
        await handle.close();
      }
    } catch {
      return undefined;
    }
  }

  function fromStaged(id: string): StudyRecord | undefined {
    const json = staged.get(id);
    return json === undefined ? undefined : (JSON.parse(json) as StudyRecord);
  }

  function count(record: StudyRecord | undefined): StudyRecord | undefined {
    if (record === undefined) counters.misses++;
    else counters.hits++;
    return record;
  }

  async function get(key: ParsedRecordKey): Promise<StudyRecord | undefined> {
    const id = keyString(key);
    const location = index.get(id);
    const record =
      fromStaged(id) ?? (location ? decode(id, await readLine(location), location.crc) : undefined);
    return count(record);
  }

  async function getMany(keys: Iterable<ParsedRecordKey>): Promise<Map<string, StudyRecord>> {
    const found = new Map<string, StudyRecord>();
    const bySegment = new Map<string, [string, Location][]>();
    for (const key of keys) {
      const id = keyString(key);
      const stagedRecord = fromStaged(id);
      const location = index.get(id);
      if (stagedRecord !== undefined) found.set(id, count(stagedRecord) as StudyRecord);
      else if (location === undefined) count(undefined);
      else groupBySegment(bySegment, id, location);
    }
    for (const [segment, wanted] of bySegment) {
      const bytes = await readFile(join(segmentsDir, segment)).catch(() => undefined);
      for (const [id, location] of wanted) {
        const end = location.offset + location.length;
        const line =
          bytes !== undefined && end <= bytes.length ? bytes.subarray(location.offset, end) : undefined;
        const record = count(decode(id, line, location.crc));
        if (record !== undefined) found.set(id, record);
      }
    }
    return found;
  }

  /** Writes lines as a new segment and its index; returns the segment name. */
  async function writeSegment(lines: [key: string, json: Buffer][]): Promise<string> {
    const name = `${String(Date.now()).padStart(15, '0')}-${process.pid}-${String(sequence++).padStart(4, '0')}`;
    const segment = `${name}.jsonl`;
    const entries: IndexEntry[] = [];
    const parts: Buffer[] = [];
    let offset = 0;
    for (const [key, json] of lines) {
      const line = Buffer.concat([Buffer.from(`${key}\t`, 'latin1'), json]);
      entries.push([key, offset, line.length, crc32(json)]);
      parts.push(line, NEWLINE);
      offset += line.length + 1;
    }
    try {
      await writeFileAtomic(join(segmentsDir, segment), Buffer.concat(parts));
      const idx = {
        layout: PARSED_CACHE_LAYOUT,
        parser: options.parserVersion,
        segment,
        bytes: offset,
        entries,
      };
      await writeFileAtomic(join(segmentsDir, `${name}.idx.json`), JSON.stringify(idx));
    } catch (error) {
      throw new DigestError('CACHE_WRITE_FAILED', `could not write parsed-record segment ${segment}`, {
        cause: error,
        context: { file: join(segmentsDir, segment) },
      });
    }
    for (const [key, entryOffset, length, crc] of entries) {
      index.set(key, { segment, offset: entryOffset, length, crc });
      newestByPmid.set(key.slice(0, key.indexOf('.')), key);
    }
    return segment;
  }

  async function flush(): Promise<void> {
    if (staged.size === 0) return;
    const lines = [...staged].map(([key, json]): [string, Buffer] => [key, Buffer.from(json, 'utf8')]);
    segments.push(await writeSegment(lines));
    staged.clear();
    if (segments.length > MAX_SEGMENTS) await compact();
  }

  async function compact(keep?: Iterable<ParsedRecordKey>): Promise<void> {
    await flush();
    const wanted = keep === undefined ? new Set(newestByPmid.values()) : new Set([...keep].map(keyString));
    const lines: [string, Buffer][] = [];
    const bySegment = new Map<string, [string, Location][]>();
    for (const id of wanted) {
      const location = index.get(id);
      if (location) groupBySegment(bySegment, id, location);
    }
    for (const [segment, entries] of bySegment) {
      const bytes = await readFile(join(segmentsDir, segment)).catch(() => undefined);
      for (const [id, location] of entries) {
        const line = bytes?.subarray(location.offset, location.offset + location.length);
        // Copy only what still verifies: compaction must not launder a damaged entry into a fresh segment.
        if (decode(id, line, location.crc) !== undefined && line !== undefined) {
          lines.push([id, line.subarray(Buffer.byteLength(`${id}\t`))]);
        }
      }
    }
    index.clear();
    newestByPmid.clear();
    const kept = lines.length > 0 ? [await writeSegment(lines)] : [];
    // Indexes first: a crash halfway leaves segments without an index, which are ignored.
    const files = await readdir(segmentsDir);
    const stale = files.filter(
      (file) => !kept.some((segment) => file.startsWith(segment.replace('.jsonl', ''))),
    );
    for (const file of stale.filter((f) => f.endsWith('.idx.json')))
      await rm(join(segmentsDir, file), { force: true });
    for (const file of stale.filter((f) => !f.endsWith('.idx.json')))
      await rm(join(segmentsDir, file), { force: true });
    segments = kept;
  }

  return {
    dir,
    get,
    getMany,
    set(key, record) {
      staged.set(keyString(key), JSON.stringify(record));
    },
    flush,
    compact,
    stats: () => ({ entries: index.size + staged.size, segments: segments.length, ...counters }),
  };
}

const NEWLINE = Buffer.from('\n');

function groupBySegment(groups: Map<string, [string, Location][]>, id: string, location: Location): void {
  const group = groups.get(location.segment);
  if (group === undefined) groups.set(location.segment, [[id, location]]);
  else group.push([id, location]);
}

async function checkLayout(dir: string): Promise<void> {
  const file = join(dir, 'layout.json');
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) {
    await writeFileAtomic(file, `${JSON.stringify({ layout: PARSED_CACHE_LAYOUT })}\n`);
    return;
  }
  let layout: unknown;
  try {
    layout = (JSON.parse(text) as { layout?: unknown }).layout;
  } catch {
    layout = undefined;
  }
  if (layout !== PARSED_CACHE_LAYOUT) {
    throw new DigestError(
      'CACHE_LAYOUT_UNSUPPORTED',
      `parsed-record cache layout ${String(layout)} is not supported (expected ${PARSED_CACHE_LAYOUT}); it holds only derived data, so deleting ${dir} is safe`,
      { context: { file } },
    );
  }
}

async function readIndex(
  file: string,
): Promise<{ parser: string; segment: string; entries: IndexEntry[] } | 'corrupt' | 'foreign'> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    if (value.layout !== PARSED_CACHE_LAYOUT) return 'foreign';
    const { parser, segment, entries } = value;
    if (typeof parser !== 'string' || typeof segment !== 'string' || !Array.isArray(entries))
      return 'corrupt';
    const valid = entries.every(
      (entry) =>
        Array.isArray(entry) &&
        typeof entry[0] === 'string' &&
        /^\d+\.\w+\.[0-9a-f]{64}$/.test(entry[0]) &&
        entry.slice(1).every((n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0),
    );
    return valid ? { parser, segment, entries: entries as IndexEntry[] } : 'corrupt';
  } catch {
    return 'corrupt';
  }
}

function isRecordShape(value: unknown, pmid: string | undefined, version: string | undefined): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<StudyRecord>;
  return (
    record.pmid === pmid &&
    record.version === version &&
    (record.kind === 'article' || record.kind === 'book') &&
    typeof record.title === 'string' &&
    Array.isArray(record.abstract) &&
    Array.isArray(record.authors) &&
    typeof record.retraction === 'object'
  );
}
