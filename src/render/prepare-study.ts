import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { isDigestError } from '../errors.ts';
import { parseRecordXml } from '../parse/index.ts';
import type { StudyRecord } from '../records.ts';
import { type DigestEntry, type DigestStudy, digestEntry, studyIndexTerms } from '../search/index.ts';
import { tagStudy } from '../tag/index.ts';
import {
  type DerivedData,
  type PreparedLine,
  type PreparedLineBytes,
  preparedLineBytes,
  recordKeyOf,
  type SegmentReader,
  type SegmentWriter,
  type StoredLocation,
  summaryHead,
  summaryKey,
} from './prepared-store.ts';
import { applyMarks, type StudyMarks } from './refresh-history.ts';
import {
  type ExportBytes,
  type ExportCopy,
  exportBytes,
  type MadeJson,
  studyExportLines,
} from './render-data-exports.ts';
import { slimStudy } from './slim-study.ts';
import { studyCard } from './study-card.ts';
import type { StudyCitations } from './study-citations.ts';
import { studyCitations } from './study-citations.ts';

/** One cached record to prepare: where its XML is, what the runs said about it, where an earlier build stored it. */
export interface PrepareJob extends StudyMarks {
  pmid: string;
  version: string;
  /** The raw cache file (relative to the cache root) and the record's byte range in it. */
  file: string;
  offset: number;
  length: number;
  /** SHA-256 of the bytes when the manifest has it (else it is computed here). */
  sha256: string | null;
  fetchedAt: string;
  stored: StoredLocation | null;
  /** The key of its summary when the SHA-256 is known, and where an earlier build stored that summary. */
  summaryKey: string | null;
  summary: StoredLocation | null;
}

export interface PreparedStudy {
  pmid: string;
  /** pmid.version.sha256: the store key. */
  key: string;
  /** Its entry (digest-entry.ts). */
  entry: DigestEntry;
  /**
   * Its search terms (studyIndexTerms' four fields, tab-separated), until a build thread sends them to
   * the search index thread.
   */
  terms: string | null;
  /**
   * The study with its search terms and full record when that was asked for; else slim (slim-study.ts)
   * and only when a list can show it (on-topic), else null.
   */
  study: DigestStudy | null;
  /** Its lines of the data exports, or where the published site's exports have them (carried). */
  lines: ExportBytes | ExportCopy;
  /** The JSON of its entry, slim study and card as a build thread sent it (summaryHead), when it did. */
  head?: Uint8Array;
  /** Its stored line (null when there is no store). */
  stored: StoredLocation | null;
  /** Its stored summary (null when there is none). */
  summary: { key: string; stored: StoredLocation } | null;
  /** The cite box and downloads, only when the full record was asked for. */
  citations: StudyCitations | null;
  /** Hash of what a card showing this study shows: the keys of the pages that show it include it. */
  card: string;
  parsed: boolean;
  /** Tags, terms and citations made now (not read from the store). */
  derivedMade: boolean;
  /** Taken from its stored summary, without reading its record. */
  summarized: boolean;
}

/**
 * A prepared study as a build thread sends it for the site build: its entry, slim study and card hash as
 * the JSON of its summary, parsed by the receiver (fromSent): parsing is cheaper there than a structured
 * clone of the objects, and a 100,000-study build's main thread receives every study.
 */
export type SentStudy = Omit<PreparedStudy, 'entry' | 'study' | 'card' | 'lines'> & {
  head: Uint8Array;
  lines: ExportBytes;
};

/** A study taken from its stored summary, as a build thread sends it: where it is stored is its job's. */
export type SummarizedStudy = Pick<SentStudy, 'pmid' | 'head' | 'terms' | 'lines'> & { summarized: true };

export type PrepareResult =
  | PreparedStudy
  | SentStudy
  | SummarizedStudy
  | { pmid: string; error: string; code: string | null };

const decoder = new TextDecoder();

/** A sent study (of `job`) as the build uses it. */
export function fromSent(sent: SentStudy | SummarizedStudy, job: PrepareJob): PreparedStudy {
  const { entry, study, card } = JSON.parse(decoder.decode(sent.head)) as Pick<
    PreparedStudy,
    'entry' | 'study' | 'card'
  >;
  if ('key' in sent) return { ...sent, entry, study, card };
  const at = job.summaryKey as string;
  return {
    pmid: sent.pmid,
    key: recordKeyOf(at),
    entry,
    study,
    card,
    head: sent.head,
    terms: sent.terms,
    lines: sent.lines,
    stored: job.stored,
    summary: { key: at, stored: job.summary as StoredLocation },
    citations: null,
    parsed: false,
    derivedMade: false,
    summarized: true,
  };
}

/** Reading raw records and the store, appending to the store: one per thread. */
export interface PrepareContext {
  cacheDir: string;
  derivedCode: string;
  summaryCode: string;
  reader: SegmentReader | null;
  writer: SegmentWriter | null;
  /** Return full records and citations (loadStudies) instead of slim studies (the site build). */
  full: boolean;
  /**
   * Receives each study's line, with where it is stored (null: nowhere) and its stored bytes when it was
   * stored now, for the thread to render its page from without reading it back.
   */
  keep?: (key: string, line: PreparedLine, stored: StoredLocation | null, made?: PreparedLineBytes) => void;
}

/** Tags, terms and citations of a record: a function of the record alone, made once and stored. */
export function deriveStudy(record: StudyRecord, code: string): DerivedData {
  const tags = tagStudy(record);
  return {
    code,
    tags,
    terms: studyIndexTerms({ record, tags, fetchedAt: '' }),
    citations: studyCitations(record),
  };
}

/**
 * Prepare one record: for the site build, its stored summary when its bytes, marks and the code are
 * unchanged; else its stored line when its bytes and the code are unchanged, else parse (or take the
 * stored parse), tag, analyse and cite it and store the result, and then its summary. A bad record
 * becomes a reported problem, never a crash.
 */
export function prepareStudy(job: PrepareJob, context: PrepareContext, raw: RawReader): PrepareResult {
  try {
    if (!context.full && job.summary && job.summaryKey && job.stored && context.reader) {
      const summary = context.reader.readSummary(job.summaryKey, job.summary);
      if (summary !== undefined)
        return {
          pmid: job.pmid,
          head: summary.head,
          terms: summary.terms,
          lines: summary.lines,
          summarized: true,
        };
    }
    let bytes: Buffer | null = null;
    let sha256 = job.sha256;
    if (sha256 === null) {
      bytes = raw.read(job.file, job.offset, job.length);
      sha256 = createHash('sha256').update(bytes).digest('hex');
    }
    const key = `${job.pmid}.${job.version}.${sha256}`;
    let line: PreparedLine | undefined =
      job.stored && context.reader ? context.reader.read(key, job.stored) : undefined;
    let stored = line ? job.stored : null;
    let parsed = false;
    let derivedMade = false;
    let json: MadeJson | undefined;
    let lineBytes: PreparedLineBytes | undefined;
    if (line === undefined || line.derived.code !== context.derivedCode) {
      let record = line?.record;
      if (record === undefined) {
        record = parseCachedRecord(job, raw, bytes);
        parsed = true;
      }
      line = { record, derived: deriveStudy(record, context.derivedCode) };
      derivedMade = true;
      if (context.writer) {
        const { tags } = line.derived;
        json = { record, tags, recordJson: JSON.stringify(record), tagsJson: JSON.stringify(tags) };
        lineBytes = preparedLineBytes(line, json.recordJson, json.tagsJson);
        stored = context.writer.append(key, line, lineBytes);
      } else stored = null;
    }
    context.keep?.(key, line, stored, lineBytes);
    const { record, derived } = line;
    const study = applyMarks({ record, tags: derived.tags, fetchedAt: job.fetchedAt }, job);
    const entry = digestEntry({ ...study, terms: derived.terms });
    const lines = exportBytes(studyExportLines(study, derived.citations.files, json));
    const card = createHash('sha1')
      .update(JSON.stringify(studyCard(study, '../..')))
      .digest('base64');
    const made = {
      pmid: job.pmid,
      key,
      terms: derived.terms.join('\t'),
      lines,
      stored,
      parsed,
      derivedMade,
      summarized: false,
    };
    if (context.full) {
      // Not made here (the full studies are wanted), but still good for the next site build.
      const summary =
        job.summaryKey && job.summary && stored === job.stored
          ? { key: job.summaryKey, stored: job.summary }
          : null;
      return {
        ...made,
        entry,
        study: { ...study, terms: derived.terms },
        card,
        citations: derived.citations,
        summary,
      };
    }
    const head = summaryHead(entry, entry.onTopic ? slimStudy(study) : null, card);
    let summary: PreparedStudy['summary'] = null;
    if (context.writer && stored !== null) {
      const at = job.summaryKey ?? summaryKey(key, context.summaryCode, job);
      summary = { key: at, stored: context.writer.appendSummary(at, head, made.terms, lines) };
    }
    return { ...made, head, citations: null, summary };
  } catch (error) {
    return {
      pmid: job.pmid,
      error: error instanceof Error ? error.message : String(error),
      code: isDigestError(error) ? error.code : null,
    };
  }
}

/** Where a record's XML is in the raw cache. */
export type RecordSource = Pick<PrepareJob, 'pmid' | 'file' | 'offset' | 'length'>;

/** Parses a cached record from its bytes (read now unless given); throws when they are not that record. */
export function parseCachedRecord(job: RecordSource, raw: RawReader, bytes?: Buffer | null): StudyRecord {
  const xml = decoder.decode(bytes ?? raw.read(job.file, job.offset, job.length));
  const result = parseRecordXml(xml, { file: job.file, offset: job.offset });
  if (result.kind === 'deletion') throw new Error('the cache holds a DeleteCitation');
  if (result.pmid !== job.pmid) throw new Error(`the bytes hold PMID ${result.pmid}, not ${job.pmid}`);
  return result;
}

/** Byte ranges of the raw cache's batch files, each file opened once. */
export class RawReader {
  readonly #cacheDir: string;
  readonly #fds = new Map<string, number>();

  constructor(cacheDir: string) {
    this.#cacheDir = cacheDir;
  }

  read(file: string, offset: number, length: number): Buffer {
    let fd = this.#fds.get(file);
    if (fd === undefined) {
      fd = openSync(join(this.#cacheDir, file), 'r');
      this.#fds.set(file, fd);
    }
    const bytes = Buffer.allocUnsafe(length);
    const read = readSync(fd, bytes, 0, length, offset);
    if (read !== length) throw new Error(`${file}: expected ${length} bytes at ${offset}, read ${read}`);
    return bytes;
  }

  close(): void {
    for (const fd of this.#fds.values()) closeSync(fd);
    this.#fds.clear();
  }
}
