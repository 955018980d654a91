/**
 * The prepared-study store: each record's parse, tags, search terms and citations from earlier builds,
 * keyed by PMID + version + SHA-256 of the record's XML, so a build never parses, tags or cites an
 * unchanged record twice, and can read any one study back without holding the others.
 *
 * Layout, under <cacheDir>/derived/prepared/:
 *   index.json          { layout, parser, entries: [[key, segment, offset, length, crc32]] }: this build's records
 *   <segment>.jsonl     lines `<key>\t<PreparedLine JSON, without the downloads' text>\n<download sizes>\n`
 *                       `<download bytes>`, and summaries: `<summary key>\t<export line sizes>\n`
 *                       `<summary JSON>\n<search terms>\n<export bytes>`,
 *                       appended by one build worker each
 *
 * A study's summary is what the site build needs of it besides its own page (its entry, its slim study
 * when a list can show it, its card's hash, its search terms, its lines of the data exports), keyed by
 * its record's key, what the runs said about it and the hash of the code that makes it: an unchanged
 * study costs the build one small read, not a parse of its whole record and citations (docs/SCALING.md).
 * The export lines are stored as the UTF-8 bytes the exports are made of, so they go from the store to
 * the export files without becoming strings on the way.
 *
 * Build workers append to their own segment (fsynced before the build ends); the main thread writes the
 * index last, atomically, and removes the segments it no longer names. A crash before that leaves the
 * previous index, which names only lines that were already durable. `parser` is a hash of the parse
 * stage's code: a parser change re-parses everything. Each line carries the hash of the code that made its
 * tags, terms and citations; a tagging change re-tags from the stored record without parsing again.
 * Derived data: anything unreadable or failing its checksum is a miss, never an error.
 */

import { createHash } from 'node:crypto';
import { close, closeSync, fsync, fsyncSync, openSync, readSync, writevSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import writeFileAtomic from 'write-file-atomic';
import type { StudyRecord } from '../records.ts';
import type { DigestEntry, DigestStudy } from '../search/index.ts';
import type { StudyTags } from '../tag/index.ts';
import { codeFingerprint } from './build-fingerprint.ts';
import type { StudyMarks } from './refresh-history.ts';
import type { ExportBytes } from './render-data-exports.ts';
import { DOWNLOAD_NAMES, type StudyCitations } from './study-citations.ts';
import { utf8Parts } from './utf8-parts.ts';

/** 3: a line's citation downloads follow its JSON as UTF-8 (in 2 they were strings inside it). */
export const PREPARED_STORE_LAYOUT = 3;

/** Where a study's line is: byte range of its JSON (after the key and tab) and the JSON's CRC-32. */
export interface StoredLocation {
  segment: string;
  offset: number;
  length: number;
  crc: number;
}

/** What tagging, search analysis and citing make of a record, with the hash of the code that made it. */
export interface DerivedData {
  code: string;
  tags: StudyTags;
  terms: string[];
  citations: StudyCitations;
}

export interface PreparedLine {
  record: StudyRecord;
  derived: DerivedData;
}

/**
 * What the site build needs of a study besides its own page (see the layout above), as a build thread
 * reads it back: the JSON (summaryHead) goes to the main thread as it is stored, unparsed.
 */
export interface StoredSummary {
  /** JSON of its entry (digest-entry.ts), its slim study when a list can show it, its card's hash. */
  head: Uint8Array;
  /** Its search terms: studyIndexTerms' four fields, tab-separated. */
  terms: string;
  lines: ExportBytes;
}

/**
 * A summary's JSON: the study's entry, its slim study when a list can show it (else null), its card's
 * hash. ASCII only (anything else as a JSON escape), so the site's state file, which holds every study's,
 * is read without decoding UTF-8 (site-state.ts).
 */
export function summaryHead(entry: DigestEntry, study: DigestStudy | null, card: string): Uint8Array {
  return Buffer.from(JSON.stringify({ entry, study, card }).replace(NOT_ASCII, escapeChar), 'latin1');
}

const NOT_ASCII = /[\u007f-\uffff]/g;
const escapeChar = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

type IndexEntry = [key: string, segment: string, offset: number, length: number, crc: number];

/** A line's stored bytes, and the ranges of them that are its record's and tags' JSON and its downloads. */
export interface PreparedLineBytes {
  bytes: Buffer;
  record: Buffer;
  tags: Buffer;
  files: Record<DownloadName, Buffer>;
}

type DownloadName = keyof StudyCitations['files'];

/**
 * A line as it is stored: the JSON of the line without its downloads' text, a line of the downloads'
 * sizes, then the downloads as the UTF-8 they are published as. The downloads (half a line, printing the
 * abstract three times) are neither escaped into JSON nor parsed out of it again, and a build thread
 * writes the bytes it holds as they are. The record's and tags' JSON are the ones made already for the
 * JSONL export (serialising a record twice was a second of a 10,000-study build); every part is encoded
 * straight into the one buffer.
 */
export function preparedLineBytes(
  line: PreparedLine,
  recordJson: string,
  tagsJson: string,
): PreparedLineBytes {
  const { code, terms, citations } = line.derived;
  const texts = DOWNLOAD_NAMES.map((name) => citations.files[name]);
  const fileSizes = texts.map((text) => Buffer.byteLength(text));
  const head = [
    '{"record":',
    recordJson,
    `,"derived":{"code":${JSON.stringify(code)},"tags":`,
    tagsJson,
    `,"terms":${JSON.stringify(terms)},"citations":{"styles":${JSON.stringify(citations.styles)}}}}\n${fileSizes.join(',')}\n`,
  ];
  const { bytes, sizes } = utf8Parts(
    [...head, ...texts],
    [...head.map((part) => Buffer.byteLength(part)), ...fileSizes],
  );
  const starts = [0];
  for (const size of sizes) starts.push((starts.at(-1) as number) + size);
  const range = (i: number) => bytes.subarray(starts[i], (starts[i] as number) + (sizes[i] as number));
  const files = {} as Record<DownloadName, Buffer>;
  for (const [i, name] of DOWNLOAD_NAMES.entries()) files[name] = range(head.length + i);
  return { bytes, record: range(1), tags: range(3), files };
}

/** A stored line's bytes (preparedLineBytes) as the line; undefined when they do not add up. */
function lineOf(bytes: Buffer): PreparedLine | undefined {
  const jsonEnd = bytes.indexOf(0x0a);
  const sizesEnd = jsonEnd < 0 ? -1 : bytes.indexOf(0x0a, jsonEnd + 1);
  if (sizesEnd < 0) return undefined;
  const sizes = bytes
    .toString('latin1', jsonEnd + 1, sizesEnd)
    .split(',')
    .map(Number);
  if (
    sizes.length !== DOWNLOAD_NAMES.length ||
    !sizes.every((size) => Number.isInteger(size) && size >= 0) ||
    sizes.reduce((sum, size) => sum + size, sizesEnd + 1) !== bytes.length
  )
    return undefined;
  const line = JSON.parse(bytes.toString('utf8', 0, jsonEnd)) as {
    record: StudyRecord;
    derived: Omit<DerivedData, 'citations'> & { citations: Pick<StudyCitations, 'styles'> };
  };
  const files = {} as StudyCitations['files'];
  let at = sizesEnd + 1;
  for (const [i, name] of DOWNLOAD_NAMES.entries()) {
    files[name] = bytes.toString('utf8', at, at + (sizes[i] as number));
    at += sizes[i] as number;
  }
  return {
    ...line,
    derived: { ...line.derived, citations: { styles: line.derived.citations.styles, files } },
  };
}

/** The code hashes the store's entries are checked against. */
export interface PreparedCodes {
  parser: string;
  derived: string;
  /** Of the code that makes summaries: every stage after the parse (cards and export lines are render code). */
  summary: string;
}

export async function preparedCodes(): Promise<PreparedCodes> {
  const [parser, derived, summary] = await Promise.all([
    codeFingerprint(['parse']),
    codeFingerprint(['tag', 'search', 'cite', 'render/study-citations.ts', 'render/prepare-study.ts']),
    codeFingerprint(['tag', 'search', 'cite', 'render']),
  ]);
  return { parser: parser.slice(0, 16), derived: derived.slice(0, 16), summary: summary.slice(0, 16) };
}

/**
 * The store key of a study's summary: its record's key (PMID, version, SHA-256 of the XML) and a hash of
 * the summary code, when it was fetched and what the runs said about it.
 */
export function summaryKey(
  recordKey: string,
  code: string,
  study: StudyMarks & { fetchedAt: string },
): string {
  const marks = JSON.stringify([code, study.fetchedAt, study.withdrawn ?? null, study.noticedAt ?? null]);
  return `${recordKey}.${createHash('sha1').update(marks).digest('base64url').slice(0, 16)}`;
}

/** The record key a summary key was made from (summaryKey adds one dot-separated part). */
export const recordKeyOf = (summaryKey: string) => summaryKey.slice(0, summaryKey.lastIndexOf('.'));

/** The main thread's side: the index of the last build, and writing this build's. */
export interface PreparedStore {
  readonly dir: string;
  readonly codes: PreparedCodes;
  get(key: string): StoredLocation | undefined;
  /** Writes the index of `live` (this build's records) and removes segments it does not name. */
  save(live: Map<string, StoredLocation>): Promise<void>;
}

/** The store's folder in a cache. */
export const preparedStoreDir = (cacheDir: string) => join(cacheDir, 'derived', 'prepared');

export async function openPreparedStore(cacheDir: string, codes: PreparedCodes): Promise<PreparedStore> {
  const dir = preparedStoreDir(cacheDir);
  await mkdir(dir, { recursive: true });
  const index = new Map<string, StoredLocation>();
  try {
    const parsed = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
      layout?: number;
      parser?: string;
      entries?: IndexEntry[];
    };
    if (
      parsed.layout === PREPARED_STORE_LAYOUT &&
      parsed.parser === codes.parser &&
      Array.isArray(parsed.entries)
    )
      for (const [key, segment, offset, length, crc] of parsed.entries)
        index.set(key, { segment, offset, length, crc });
  } catch {
    // No index yet, or an unreadable one: every record is prepared again.
  }
  return {
    dir,
    codes,
    get: (key) => index.get(key),
    async save(live) {
      const entries: IndexEntry[] = [...live].map(([key, at]) => [
        key,
        at.segment,
        at.offset,
        at.length,
        at.crc,
      ]);
      await writeFileAtomic(
        join(dir, 'index.json'),
        JSON.stringify({ layout: PREPARED_STORE_LAYOUT, parser: codes.parser, entries }),
      );
      const named = new Set(entries.map((entry) => entry[1]));
      for (const name of await readdir(dir))
        if (name.endsWith('.jsonl') && !named.has(name)) await rm(join(dir, name), { force: true });
    },
  };
}

/**
 * A build worker's segment: lines gathered and appended with one writev per megabyte, fsynced on close
 * (nothing reads a segment before its writer closes: the lines this build appends are read back only
 * after the sync, and by the next build).
 */
export class SegmentWriter {
  readonly name: string;
  readonly #fd: number;
  #offset = 0;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;

  constructor(dir: string, name: string) {
    this.name = name;
    this.#fd = openSync(join(dir, name), 'a');
  }

  /** `made`: the line's bytes when already made (preparedLineBytes), else they are made here. */
  append(key: string, line: PreparedLine, made?: PreparedLineBytes): StoredLocation {
    const bytes =
      made?.bytes ??
      preparedLineBytes(line, JSON.stringify(line.record), JSON.stringify(line.derived.tags)).bytes;
    return this.#append(key, [bytes]);
  }

  /**
   * A summary: the sizes of its export lines (comma-separated), its JSON (summaryHead), its search terms,
   * each on a line, then the export lines' bytes.
   */
  appendSummary(key: string, head: Uint8Array, terms: string, lines: ExportBytes): StoredLocation {
    const sizes = Buffer.from(`${lines.sizes.join(',')}\n`);
    return this.#append(key, [sizes, head, NEWLINE, Buffer.from(terms), NEWLINE, lines.bytes]);
  }

  #append(key: string, parts: Uint8Array[]): StoredLocation {
    const head = Buffer.from(`${key}\t`, 'latin1');
    const offset = this.#offset + head.length;
    let length = 0;
    let crc = 0;
    for (const part of parts) {
      length += part.length;
      crc = crc32(part, crc);
    }
    this.#pending.push(head, ...parts, NEWLINE);
    this.#pendingBytes += head.length + length + 1;
    this.#offset += head.length + length + 1;
    if (this.#pendingBytes >= 1 << 20 || this.#pending.length >= MAX_IOVECS - 8) this.#flush();
    return { segment: this.name, offset, length, crc };
  }

  #flush(): void {
    const chunks = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    writeAll(this.#fd, chunks);
  }

  close(): void {
    this.#flush();
    fsyncSync(this.#fd);
    closeSync(this.#fd);
  }

  /** close() off the thread: the fsync (about a second for a worker's 160 MB) runs while pages render. */
  async closeDurably(): Promise<void> {
    this.#flush();
    await fsyncAsync(this.#fd);
    await closeAsync(this.#fd);
  }
}

/** Buffers one writev takes (Linux's IOV_MAX is 1,024). */
export const MAX_IOVECS = 1000;

/**
 * Writes `chunks` (at most MAX_IOVECS) whole with writev, going on from where a short write stopped;
 * returns the bytes written.
 */
export function writeAll(fd: number, chunks: Uint8Array[]): number {
  let left = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const total = left;
  let rest = chunks;
  while (left > 0) {
    const wrote = writevSync(fd, rest);
    left -= wrote;
    let skip = wrote;
    let first = 0;
    while (first < rest.length && skip >= (rest[first] as Uint8Array).length)
      skip -= (rest[first++] as Uint8Array).length;
    rest = rest.slice(first);
    if (skip > 0) rest[0] = (rest[0] as Uint8Array).subarray(skip);
  }
  return total;
}

const fsyncAsync = promisify(fsync);
const closeAsync = promisify(close);

const NEWLINE = Buffer.from('\n');

const pmidOf = (key: string) => key.slice(0, key.indexOf('.'));

/** Reads stored lines back (a build worker's side); open segments are kept until close(). */
export class SegmentReader {
  readonly #dir: string;
  readonly #fds = new Map<string, number>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** The line at `at`, or undefined when it is missing, short or fails its checksum. */
  read(key: string, at: StoredLocation): PreparedLine | undefined {
    try {
      const bytes = this.#entry(key, at);
      const line = bytes && lineOf(bytes);
      return line?.record?.pmid === pmidOf(key) ? line : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The summary at `at`, or undefined when it is missing, short, fails its checksum or does not add up.
   * Its JSON is not parsed here (the checksum vouches for the bytes): only checked to be this study's.
   */
  readSummary(key: string, at: StoredLocation): StoredSummary | undefined {
    try {
      const bytes = this.#entry(key, at);
      if (bytes === undefined) return undefined;
      const ends: number[] = [];
      for (let from = 0; ends.length < 3; ) {
        const end = bytes.indexOf(0x0a, from);
        if (end < 0) return undefined;
        ends.push(end);
        from = end + 1;
      }
      const [sizesEnd, headEnd, termsEnd] = ends as [number, number, number];
      const sizes = bytes.toString('latin1', 0, sizesEnd).split(',').map(Number);
      const head = bytes.subarray(sizesEnd + 1, headEnd);
      const lines = { bytes: bytes.subarray(termsEnd + 1), sizes };
      const own = Buffer.from(`{"entry":{"pmid":${JSON.stringify(pmidOf(key))},`);
      return head.subarray(0, own.length).equals(own) &&
        sizes.every((size) => Number.isInteger(size) && size >= 0) &&
        sizes.reduce((sum, size) => sum + size, 0) === lines.bytes.length
        ? { head, terms: bytes.toString('utf8', headEnd + 1, termsEnd), lines }
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** The bytes of the entry at `at` after its key, when the key and checksum match. */
  #entry(key: string, at: StoredLocation): Buffer | undefined {
    let fd = this.#fds.get(at.segment);
    if (fd === undefined) {
      fd = openSync(join(this.#dir, at.segment), 'r');
      this.#fds.set(at.segment, fd);
    }
    const head = Buffer.byteLength(`${key}\t`, 'latin1');
    const bytes = Buffer.allocUnsafe(at.length + head);
    if (readSync(fd, bytes, 0, bytes.length, at.offset - head) !== bytes.length) return undefined;
    if (bytes.toString('latin1', 0, head) !== `${key}\t`) return undefined;
    const entry = bytes.subarray(head);
    return crc32(entry) === at.crc ? entry : undefined;
  }

  close(): void {
    for (const fd of this.#fds.values()) closeSync(fd);
    this.#fds.clear();
  }
}
