/**
 * The on-disk store of raw E-utilities responses: the source of truth every build starts from.
 *
 * Layout version 1 (documented in docs/CACHE.md):
 *   cache.json                     { layout: 1 }: refuses to open a layout it does not know
 *   raw/efetch/<seq>.xml           one efetch response body, byte for byte as received
 *   raw/esearch/<run>/<n>.json     esearch responses of one run, as received
 *   batches/<seq>.json             journal entry for raw/efetch/<seq>.xml: PMIDs, versions, byte ranges, content
 *                                  hashes, missing PMIDs, PMIDs PubMed deleted (DeleteCitation)
 *   manifest.json                  snapshot: PMID -> newest record's file, offset, length, version, fetched-at,
 *                                  when it was first fetched and last changed, and where its previous content
 *                                  is; `throughSeq` says which journal entries it already includes
 *   refresh-state.json, runs/      the refresh watermark and run reports (refresh-state.ts)
 *
 * Every file is written whole (temp file + fsync + rename) and the raw body before its journal entry, so a
 * kill at any moment leaves either the old state or the new: a body without its journal entry is an orphan
 * the next run overwrites, never data. Opening replays journal entries newer than the snapshot.
 */
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { DigestError } from '../errors.ts';

export const CACHE_LAYOUT = 1;

export interface RecordLocation {
  version: string;
  /** Path relative to the cache root. */
  file: string;
  offset: number;
  length: number;
  /** SHA-256 of the record's bytes (hex); absent in journal entries written before it was recorded. */
  sha256?: string;
}

export interface ManifestEntry extends RecordLocation {
  fetchedAt: string;
  batch: number;
  /** When the cache first held this PMID. */
  firstFetchedAt: string;
  /** When its content last differed from the copy before (first fetch included). */
  changedAt: string;
  /** The content it had before the last change: history is never dropped, and a retraction can be noticed. */
  previous?: RecordLocation;
}

export interface DeletedEntry {
  /** When an efetch response carried a DeleteCitation for the PMID. */
  deletedAt: string;
  batch: number;
}

export interface MissingEntry {
  firstMissingAt: string;
  lastMissingAt: string;
  times: number;
}

export interface Manifest {
  layout: number;
  throughSeq: number;
  updatedAt: string | null;
  records: Record<string, ManifestEntry>;
  missing: Record<string, MissingEntry>;
  /** PMIDs PubMed announced as deleted; their cached records stay as history. */
  deleted: Record<string, DeletedEntry>;
}

export interface BatchJournal {
  seq: number;
  file: string;
  fetchedAt: string;
  requested: number;
  /** [pmid, version, offset, length, sha256] per record, in body order. */
  records: [string, string, number, number, string?][];
  missing: string[];
  /** PMIDs the body's DeleteCitation elements name. */
  deleted?: string[];
}

export interface StoredRecord {
  pmid: string;
  version: string;
  offset: number;
  length: number;
  sha256?: string;
}

export interface RawCache {
  readonly root: string;
  readonly manifest: Readonly<Manifest>;
  has(pmid: string): boolean;
  /** Stores one efetch body and what it holds; durable when the promise resolves. */
  saveEfetch(
    body: Buffer,
    records: StoredRecord[],
    missing: string[],
    deleted?: readonly string[],
  ): Promise<BatchJournal>;
  saveEsearch(runId: string, index: number, body: Buffer): Promise<string>;
  /** Writes the snapshot so the next open replays nothing; a no-op when nothing was stored since. */
  compact(): Promise<void>;
  readRecord(pmid: string): Promise<Buffer>;
  /** The bytes at a location the manifest names (a record's previous content, say). */
  readLocation(location: RecordLocation): Promise<Buffer>;
}

const SEQ_WIDTH = 9;
const seqName = (seq: number) => String(seq).padStart(SEQ_WIDTH, '0');

export interface OpenOptions {
  /**
   * Look without touching: no folders or layout file created, no orphans removed (another process may be
   * writing), and every save refused. For dry runs and inspection.
   */
  readOnly?: boolean;
}

export async function openRawCache(
  root: string,
  now: () => Date = () => new Date(),
  options: OpenOptions = {},
): Promise<RawCache> {
  const readOnly = options.readOnly === true;
  if (!readOnly) {
    await mkdir(join(root, 'raw', 'efetch'), { recursive: true });
    await mkdir(join(root, 'batches'), { recursive: true });
  }
  await checkLayout(root, readOnly);

  const manifest = await readManifest(root);
  const journal = await listJournal(root);
  let nextSeq = Math.max(manifest.throughSeq, journal.at(-1) ?? 0) + 1;
  for (const seq of journal) {
    if (seq > manifest.throughSeq) apply(manifest, await readJournal(root, seq));
  }
  if (!readOnly) await removeOrphans(root, journal);
  const refuseWrite = (what: string) => {
    if (readOnly) throw new DigestError('CACHE_WRITE_FAILED', `cache opened read-only: cannot ${what}`);
  };

  async function saveEfetch(
    body: Buffer,
    records: StoredRecord[],
    missing: string[],
    deleted: readonly string[] = [],
  ): Promise<BatchJournal> {
    refuseWrite('store an efetch batch');
    const seq = nextSeq++;
    const file = `raw/efetch/${seqName(seq)}.xml`;
    const entry: BatchJournal = {
      seq,
      file,
      fetchedAt: now().toISOString(),
      requested: records.length + missing.length,
      records: records.map((r) =>
        r.sha256 === undefined
          ? [r.pmid, r.version, r.offset, r.length]
          : [r.pmid, r.version, r.offset, r.length, r.sha256],
      ),
      missing,
      ...(deleted.length > 0 ? { deleted: [...deleted] } : {}),
    };
    try {
      await writeFileAtomic(join(root, file), body);
      await writeFileAtomic(join(root, 'batches', `${seqName(seq)}.json`), `${JSON.stringify(entry)}\n`);
    } catch (error) {
      throw new DigestError('CACHE_WRITE_FAILED', `could not store efetch batch ${seq}`, {
        cause: error,
        context: { file: join(root, file) },
      });
    }
    apply(manifest, entry);
    return entry;
  }

  async function saveEsearch(runId: string, index: number, body: Buffer): Promise<string> {
    refuseWrite('store an esearch response');
    const dir = join('raw', 'esearch', runId.replace(/[^\w.-]/g, '_'));
    await mkdir(join(root, dir), { recursive: true });
    const file = join(dir, `${String(index).padStart(4, '0')}.json`);
    await writeFileAtomic(join(root, file), body);
    return file;
  }

  async function compact(): Promise<void> {
    if (readOnly) return;
    // Nothing new since the snapshot: leave the file alone (a failed run must not touch what it did not change).
    if (nextSeq - 1 <= manifest.throughSeq && manifest.updatedAt !== null) return;
    manifest.throughSeq = Math.max(manifest.throughSeq, nextSeq - 1);
    manifest.updatedAt = now().toISOString();
    await writeFileAtomic(join(root, 'manifest.json'), JSON.stringify(manifest));
  }

  async function readRecord(pmid: string): Promise<Buffer> {
    const entry = manifest.records[pmid];
    if (!entry)
      throw new DigestError('CACHE_CORRUPT', `PMID ${pmid} is not in the cache`, { context: { pmid } });
    return readLocation(entry, pmid);
  }

  async function readLocation(entry: RecordLocation, pmid = '?'): Promise<Buffer> {
    // Read just the record's byte range, not its whole batch.
    const handle = await open(join(root, entry.file), 'r');
    try {
      const bytes = Buffer.alloc(entry.length);
      const { bytesRead } = await handle.read(bytes, 0, entry.length, entry.offset);
      if (bytesRead !== entry.length) {
        throw new DigestError('CACHE_CORRUPT', `${entry.file} ends before the record of PMID ${pmid}`, {
          context: { pmid, file: join(root, entry.file) },
        });
      }
      return bytes;
    } finally {
      await handle.close();
    }
  }

  return {
    root,
    manifest,
    has: (pmid) => Object.hasOwn(manifest.records, pmid),
    saveEfetch,
    saveEsearch,
    compact,
    readRecord,
    readLocation: (location) => readLocation(location),
  };
}

function apply(manifest: Manifest, entry: BatchJournal): void {
  for (const [pmid, version, offset, length, sha256] of entry.records) {
    const old = manifest.records[pmid];
    // Without hashes on both sides (journal entries from before they were recorded), a new version is the sign.
    const changed =
      old === undefined ||
      (sha256 !== undefined && old.sha256 !== undefined ? sha256 !== old.sha256 : version !== old.version);
    const previous = changed
      ? old && {
          version: old.version,
          file: old.file,
          offset: old.offset,
          length: old.length,
          ...(old.sha256 === undefined ? {} : { sha256: old.sha256 }),
        }
      : old?.previous;
    manifest.records[pmid] = {
      version,
      file: entry.file,
      offset,
      length,
      ...(sha256 === undefined ? {} : { sha256 }),
      fetchedAt: entry.fetchedAt,
      batch: entry.seq,
      firstFetchedAt: old?.firstFetchedAt ?? old?.fetchedAt ?? entry.fetchedAt,
      changedAt: changed ? entry.fetchedAt : (old?.changedAt ?? old?.fetchedAt ?? entry.fetchedAt),
      ...(previous ? { previous } : {}),
    };
    delete manifest.missing[pmid];
    delete manifest.deleted[pmid];
  }
  for (const pmid of entry.deleted ?? []) {
    manifest.deleted[pmid] = { deletedAt: entry.fetchedAt, batch: entry.seq };
    delete manifest.missing[pmid];
  }
  for (const pmid of entry.missing) {
    if (Object.hasOwn(manifest.records, pmid)) continue;
    const seen = manifest.missing[pmid];
    manifest.missing[pmid] = {
      firstMissingAt: seen?.firstMissingAt ?? entry.fetchedAt,
      lastMissingAt: entry.fetchedAt,
      times: (seen?.times ?? 0) + 1,
    };
  }
}

async function checkLayout(root: string, readOnly: boolean): Promise<void> {
  const file = join(root, 'cache.json');
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text === null) {
    if (readOnly) return;
    await writeFileAtomic(file, `${JSON.stringify({ layout: CACHE_LAYOUT, tool: 'evidence-digest' })}\n`);
    return;
  }
  const layout = (parseJson(text, file) as { layout?: unknown }).layout;
  if (layout !== CACHE_LAYOUT) {
    throw new DigestError(
      'CACHE_LAYOUT_UNSUPPORTED',
      `cache layout ${String(layout)} is not supported by this version (expects ${CACHE_LAYOUT})`,
      { context: { file } },
    );
  }
}

async function readManifest(root: string): Promise<Manifest> {
  const file = join(root, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { layout: CACHE_LAYOUT, throughSeq: 0, updatedAt: null, records: {}, missing: {}, deleted: {} };
    }
    throw error;
  }
  const manifest = parseJson(text, file) as Manifest;
  if (manifest.layout !== CACHE_LAYOUT || typeof manifest.records !== 'object' || manifest.records === null) {
    throw new DigestError('CACHE_CORRUPT', 'manifest.json does not hold a layout-1 manifest', {
      context: { file },
    });
  }
  manifest.missing ??= {};
  manifest.deleted ??= {};
  return manifest;
}

async function listJournal(root: string): Promise<number[]> {
  const names = await readdir(join(root, 'batches')).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names
    .filter((name) => /^\d+\.json$/.test(name))
    .map((name) => Number(name.slice(0, -5)))
    .sort((a, b) => a - b);
}

async function readJournal(root: string, seq: number): Promise<BatchJournal> {
  const file = join(root, 'batches', `${seqName(seq)}.json`);
  return parseJson(await readFile(file, 'utf8'), file) as BatchJournal;
}

/**
 * Temp files of interrupted writes, and raw bodies whose journal entry was never written, are not data:
 * remove them so they cannot be mistaken for it (their sequence numbers are reused by the next batch).
 */
async function removeOrphans(root: string, journal: number[]): Promise<void> {
  const known = new Set(journal.map(seqName));
  for (const dir of ['raw/efetch', 'batches']) {
    for (const name of await readdir(join(root, dir))) {
      const seq = /^(\d+)\.(xml|json)$/.exec(name)?.[1];
      const isOrphanBody = dir === 'raw/efetch' && seq !== undefined && !known.has(seq);
      if (seq === undefined || isOrphanBody) await rm(join(root, dir, name), { force: true });
    }
  }
  for (const name of await readdir(root)) {
    if (/^(manifest|cache|refresh-state)\.json\..+/.test(name)) await rm(join(root, name), { force: true });
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DigestError('CACHE_CORRUPT', `${file} is not valid JSON`, { cause: error, context: { file } });
  }
}
