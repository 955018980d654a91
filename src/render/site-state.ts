/**
 * What a built site holds of each study besides its pages, so the next build can take the studies that
 * have not changed from the published site instead of hearing of each from a build thread (issue 7: a
 * weekly build of 100 new studies into 100,000 costs what changed, not what is there).
 *
 * Two bookkeeping files in the site, beside the page keys (dot files: not pages, not linked):
 *   .evidence-digest-studies.json   {"layout","topics","studies":[ one line per study ],"postings",
 *                                   "exports"}: each study line `[summary key, export line sizes, place,
 *                                   head]` (place: its job's place in that build, its number in the
 *                                   postings; head: its summary's JSON, summaryHead), in PMID order
 *   .evidence-digest-postings.bin   the search index's postings under those numbers (savePostings),
 *                                   written by the search index thread
 *
 * A study whose summary key (its record's hash, what the runs said of it, the code that made it) is the
 * one the published site was built with is carried: its entry, slim study and card come from its line,
 * its search postings from the postings file (taken by the search index thread, without splitting and
 * counting its terms again), and its lines of the data exports are copied as byte ranges of the
 * published export files, found by writing the published studies' exports again in measure only (the
 * same DataExportWriter, so the same order and separators). The files are checked against each other
 * (sizes of every export, size and CRC of the postings); anything that does not add up means no study is
 * carried and the build threads make them all, as before. A build without a search index thread (a
 * small cache) writes no postings, so the next build carries nothing.
 */
import { closeSync, copyFileSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { DigestEntry, DigestStudy } from '../search/index.ts';
import { citationLists, topicCitations } from './build-site.ts';
import { type CopiedChunk, DataExportWriter, type ExportCopy } from './render-data-exports.ts';

export const STUDIES_STATE_FILE = '.evidence-digest-studies.json';
export const POSTINGS_STATE_FILE = '.evidence-digest-postings.bin';
const STATE_LAYOUT = 1;

/** A summary's JSON, parsed (summaryHead). */
export interface StudyHead {
  entry: DigestEntry;
  study: DigestStudy | null;
  card: string;
}

/** A study as the published site has it. */
export interface CarriedStudy {
  /** Its place in the published site's list of studies (ExportCopy.from). */
  from: number;
  /** Its number in the published postings (its job's place in that build). */
  place: number;
  head: StudyHead;
  /** The bytes of its head, for this build's state. */
  headBytes: Uint8Array;
  sizes: number[];
}

/** The published site's studies, for a build to carry the unchanged ones. */
export interface CarrySource {
  find(pmid: string, summaryKey: string): CarriedStudy | undefined;
  /** The published postings file (absolute). */
  postingsFile: string;
}

type StateLine = [key: string, sizes: number[], place: number, head: StudyHead] | null;

interface StateFile {
  layout: number;
  topics: string[];
  studies: StateLine[];
  /** Size and CRC-32 of the postings file; null when the build wrote none. */
  postings: { bytes: number; crc: number } | null;
  exports: Record<string, number>;
}

/** What the state says of the postings file. */
export type SavedPostings = StateFile['postings'];

/** Places beyond this are not a build's (the search index holds at most 2^27 studies). */
const MAX_PLACE = 2 ** 27;

/**
 * The published site's state, checked, with where each carried study's export lines are in its export
 * files; null when there is none or it does not add up (every study is then made by the build threads).
 */
export function readPublishedState(siteDir: string, topicIds: string[]): PublishedState | null {
  let bytes: Buffer;
  let state: StateFile;
  try {
    bytes = readFileSync(join(siteDir, STUDIES_STATE_FILE));
    // ASCII throughout (summaryHead escapes the rest): read as Latin-1, without decoding UTF-8.
    state = JSON.parse(bytes.toString('latin1')) as StateFile;
  } catch {
    return null;
  }
  if (
    state?.layout !== STATE_LAYOUT ||
    !Array.isArray(state.studies) ||
    JSON.stringify(state.topics) !== JSON.stringify(topicIds) ||
    !state.postings
  )
    return null;
  try {
    const postings = readFileSync(join(siteDir, POSTINGS_STATE_FILE));
    if (postings.length !== state.postings.bytes || crc32(postings) !== state.postings.crc) return null;
  } catch {
    return null;
  }
  // Each study's line: the line after the first, up to its comma.
  const lines: [number, number][] = [];
  let at = bytes.indexOf(0x0a);
  for (let n = 0; n < state.studies.length; n++) {
    const end = bytes.indexOf(0x0a, at + 1);
    if (end < 0) return null;
    lines.push([at + 1, bytes[end - 1] === 0x2c ? end - 1 : end]);
    at = end;
  }
  const found = new Map<string, CarriedStudy & { key: string }>();
  for (const [from, line] of state.studies.entries()) {
    if (line === null) continue;
    const [key, sizes, place, head] = line;
    const pmid = key.slice(0, key.indexOf('.'));
    const [start, end] = lines[from] as [number, number];
    // The head is the line's first object: neither the key, the sizes nor the place has a brace.
    const headAt = bytes.indexOf(0x7b, start);
    if (
      head?.entry?.pmid !== pmid ||
      !Number.isInteger(place) ||
      place < 0 ||
      place >= MAX_PLACE ||
      bytes[end - 1] !== 0x5d ||
      headAt < 0 ||
      headAt > end
    )
      return null;
    found.set(pmid, {
      key,
      from,
      place,
      head,
      sizes,
      headBytes: bytes.subarray(headAt, end - 1),
    });
  }
  const exports = measureExports(state.studies, topicIds);
  for (const [path, size] of exports.sizes) {
    try {
      if (state.exports[path] !== size || statSync(join(siteDir, path)).size !== size) return null;
    } catch {
      return null;
    }
  }
  if (Object.keys(state.exports).length !== exports.sizes.size) return null;
  return new PublishedState(siteDir, found, exports.offsets, state.exports);
}

export class PublishedState implements CarrySource {
  readonly postingsFile: string;
  readonly #dir: string;
  readonly #studies: Map<string, CarriedStudy & { key: string }>;
  readonly #offsets: Map<string, Float64Array>;
  readonly #sizes: Record<string, number>;
  readonly #fds = new Map<string, number>();

  constructor(
    dir: string,
    studies: Map<string, CarriedStudy & { key: string }>,
    offsets: Map<string, Float64Array>,
    sizes: Record<string, number>,
  ) {
    this.#dir = dir;
    this.#sizes = sizes;
    this.postingsFile = join(dir, POSTINGS_STATE_FILE);
    this.#studies = studies;
    this.#offsets = offsets;
  }

  find(pmid: string, summaryKey: string): CarriedStudy | undefined {
    const study = this.#studies.get(pmid);
    return study?.key === summaryKey ? study : undefined;
  }

  /** Where the chunk of published study `from` starts in the published `path` (-1: it has none there). */
  offset(path: string, from: number): number {
    return this.#offsets.get(path)?.[from] ?? -1;
  }

  /** Bytes of the published `path`. */
  size(path: string): number {
    return this.#sizes[path] ?? 0;
  }

  /** Whether the published `path` begins with `bytes`. */
  startsWith(path: string, bytes: Uint8Array): boolean {
    if (bytes.length === 0) return true;
    const head = Buffer.alloc(bytes.length);
    return readSync(this.#fd(path), head, 0, head.length, 0) === head.length && head.equals(bytes);
  }

  /** Copies the published `path` over `to` (by the kernel, where the file system can). */
  copyWhole(path: string, to: string): void {
    copyFileSync(join(this.#dir, path), to);
  }

  #fd(path: string): number {
    let fd = this.#fds.get(path);
    if (fd === undefined) {
      fd = openSync(join(this.#dir, path), 'r');
      this.#fds.set(path, fd);
    }
    return fd;
  }

  /** Hands `write` the `size` bytes at `offset` of the published `path`, a few MB at a time. */
  copy(path: string, offset: number, size: number, write: (bytes: Uint8Array) => void): void {
    const source = this.#fd(path);
    const buffer = Buffer.allocUnsafe(Math.min(size, COPY_BUFFER));
    for (let done = 0; done < size; ) {
      const read = readSync(source, buffer, 0, Math.min(buffer.length, size - done), offset + done);
      if (read <= 0)
        throw new Error(`${path}: the published file ended ${size - done} bytes short of a study's lines`);
      write(buffer.subarray(0, read));
      done += read;
    }
  }

  close(): void {
    for (const fd of this.#fds.values()) closeSync(fd);
    this.#fds.clear();
  }
}

const COPY_BUFFER = 4 << 20;

/** Where each study's chunks went in each export, and each export's size, as the writer lays them out. */
function measureExports(
  studies: StateLine[],
  topicIds: string[],
): { sizes: Map<string, number>; offsets: Map<string, Float64Array> } {
  const sizes = new Map<string, number>();
  const offsets = new Map<string, Float64Array>();
  const writer = new DataExportWriter<ExportCopy>((path, chunk) => {
    const at = sizes.get(path) ?? 0;
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) {
      sizes.set(path, at + Buffer.byteLength(chunk));
      return;
    }
    let list = offsets.get(path);
    if (list === undefined) {
      list = new Float64Array(studies.length).fill(-1);
      offsets.set(path, list);
    }
    list[(chunk as CopiedChunk).from] = at;
    sizes.set(path, at + (chunk as CopiedChunk).size);
  });
  for (const topic of topicIds) writer.touch(topicCitations(topic));
  for (const [from, line] of studies.entries()) {
    if (line === null) continue;
    const entry = line[3].entry;
    writer.add(entry.onTopic, { from, sizes: line[1] }, citationLists(entry, { topicIds }));
  }
  return { sizes, offsets };
}

function stateLinePrefix(key: string, sizes: number[], place: number): string {
  return `[${JSON.stringify(key)},${JSON.stringify(sizes)},${place},`;
}

/**
 * This build's state, written as the studies arrive in PMID order (`write` appends to the staging
 * folder's file): end() gives the last bytes, with the exports' sizes and the postings file's.
 */
export class StateWriter {
  readonly #write: (chunk: string | Uint8Array) => void;
  #count = 0;

  constructor(topicIds: string[], write: (chunk: string | Uint8Array) => void) {
    this.#write = write;
    write(`{"layout":${STATE_LAYOUT},"topics":${JSON.stringify(topicIds)},"studies":[`);
  }

  /** A study: its summary key (null: it cannot be carried), export line sizes, place and head (ASCII). */
  add(key: string | null, sizes: number[], place: number, head: Uint8Array | string): void {
    this.#write(this.#count++ === 0 ? '\n' : ',\n');
    if (key === null) {
      this.#write('null');
      return;
    }
    this.#write(stateLinePrefix(key, sizes, place));
    this.#write(head);
    this.#write(']');
  }

  /** The file's last bytes, once the exports and postings are written (appended by the caller). */
  end(postings: StateFile['postings'], exports: Record<string, number>): Buffer {
    return Buffer.from(`\n],"postings":${JSON.stringify(postings)},"exports":${JSON.stringify(exports)}}\n`);
  }
}
