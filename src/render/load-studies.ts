import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keyString } from '../cache/parsed-records.ts';
import { type Manifest, openRawCache } from '../cache/raw-cache.ts';
import {
  openParsedRecordCache,
  PARSER_VERSION,
  type ParsedRecordCache,
  parsedRecordKey,
} from '../parse/index.ts';
import type { StudyRecord } from '../records.ts';
import type { DigestStudy } from '../search/index.ts';
import { type DerivedCache, openDerivedCache } from './derived-cache.ts';
import { type PrepareOptions, prepareStudies, type StudyPageWorkers } from './prepare-studies.ts';
import type { StudyCitations } from './study-citations.ts';
import type { DerivedData, StudyJob, StudyJobResult } from './study-worker-protocol.ts';

export interface LoadedCache {
  studies: DigestStudy[];
  /** Records that could not be read or parsed: reported, left out, the build goes on. */
  problems: { pmid: string; message: string }[];
  manifest: Readonly<Manifest>;
  /** Start times of the refresh runs that stored esearch responses (ISO), oldest first. */
  runs: string[];
  parsedFromCache: number;
  /** Records whose tags and search terms came from the derived cache. */
  taggedFromCache: number;
  /**
   * Cite boxes and download files, made on the workers (see SiteInput.citations), of every study but the
   * ones whose pages `pages` renders.
   */
  citations: Map<string, StudyCitations>;
  /** With `keepForPages`: the workers holding the studies they prepared, to render their pages. */
  pages: StudyPageWorkers | null;
  /** Settles when the parsed-record and derived caches are written (at once unless persist: 'background'). */
  persisted: Promise<void>;
}

export interface LoadOptions extends PrepareOptions {
  warn?: (message: string) => void;
  /**
   * `wait` (default): return once the parsed-record and derived caches are written. `background`: return
   * at once and write them meanwhile (`persisted`), so the writes overlap rendering.
   */
  persist?: 'wait' | 'background';
}

/**
 * Cache -> studies, offline: the raw cache opened read-only, each batch file read once and cut at the
 * manifest's byte ranges, parsed records taken from the parsed-record cache when their bytes are
 * unchanged, the rest parsed, and everything tagged, on worker threads. The parsed-record cache is derived
 * data; if it cannot be opened (read-only disk) the build parses everything rather than fail.
 */
export async function loadStudies(cacheDir: string, options: LoadOptions = {}): Promise<LoadedCache> {
  const cache = await openRawCache(cacheDir, undefined, { readOnly: true });
  const manifest = cache.manifest;
  const entries = Object.entries(manifest.records).sort(
    ([a], [b]) => Number(a) - Number(b) || a.localeCompare(b),
  );
  const files = new Map<string, Buffer>();
  for (const file of new Set(entries.map(([, entry]) => entry.file)))
    files.set(file, await readFile(join(cacheDir, file)));

  let parsedCache: ParsedRecordCache | null = null;
  try {
    parsedCache = await openParsedRecordCache(cacheDir, { parserVersion: PARSER_VERSION });
  } catch (error) {
    options.warn?.(`parsed-record cache unavailable, parsing every record: ${(error as Error).message}`);
  }
  const keyed = entries.map(([pmid, entry]) => {
    const bytes = (files.get(entry.file) as Buffer).subarray(entry.offset, entry.offset + entry.length);
    return { pmid, entry, bytes, key: parsedRecordKey(pmid, entry.version, bytes) };
  });
  const hits = parsedCache ? await parsedCache.getMany(keyed.map((k) => k.key)) : new Map();
  let derivedCache: DerivedCache | null = null;
  try {
    derivedCache = await openDerivedCache(cacheDir);
  } catch (error) {
    options.warn?.(`derived-data cache unavailable, tagging every record: ${(error as Error).message}`);
  }
  // A record whose parse and derived data are both cached needs no work at all; the rest go to workers.
  const ready = new Map<number, { record: StudyRecord; derived: DerivedData }>();
  const jobs: StudyJob[] = [];
  const jobIndex: number[] = [];
  keyed.forEach(({ pmid, entry, bytes, key }, i) => {
    const record = hits.get(keyString(key));
    // Derived data only counts for a record whose parse is cached too (same bytes, same parser).
    const derived = record !== undefined ? derivedCache?.get(keyString(key)) : undefined;
    if (record !== undefined && derived !== undefined) {
      ready.set(i, { record, derived });
      return;
    }
    jobs.push(
      record !== undefined
        ? { pmid, record }
        : { pmid, file: entry.file, offset: entry.offset, xml: new Uint8Array(bytes) },
    );
    jobIndex.push(i);
  });
  const prepared = await prepareStudies(jobs, options);
  const results = new Map(
    prepared.results.map((result, j) => [jobIndex[j] as number, { result, job: jobs[j] as StudyJob }]),
  );

  const studies: DigestStudy[] = [];
  const citations = new Map<string, StudyCitations>();
  const problems: LoadedCache['problems'] = [];
  keyed.forEach(({ key, entry }, i) => {
    const cached = ready.get(i);
    if (cached !== undefined) {
      const { record, derived } = cached;
      studies.push({ record, tags: derived.tags, fetchedAt: entry.fetchedAt, terms: derived.terms });
      citations.set(record.pmid, derived.citations);
      return;
    }
    const { result, job } = results.get(i) as { result: StudyJobResult; job: StudyJob };
    if ('error' in result) {
      problems.push({
        pmid: result.pmid,
        message: `${result.code ? `[${result.code}] ` : ''}${result.error}`,
      });
      return;
    }
    const record = result.record ?? ('record' in job ? job.record : null);
    if (record === null) return;
    if (result.record !== null) parsedCache?.set(key, result.record);
    derivedCache?.set(keyString(key), result.derived);
    studies.push({ record, tags: result.tags, fetchedAt: entry.fetchedAt, terms: result.terms });
    if (result.citations !== null) citations.set(record.pmid, result.citations);
  });
  const persist = async () => {
    if (derivedCache) {
      try {
        await derivedCache.save(new Set(keyed.map((k) => keyString(k.key))));
      } catch (error) {
        options.warn?.(`could not save tags for the next build: ${(error as Error).message}`);
      }
    }
    if (parsedCache) {
      try {
        await parsedCache.flush();
      } catch (error) {
        options.warn?.(`could not save parsed records for the next build: ${(error as Error).message}`);
      }
    }
  };
  const persisted = persist();
  if (options.persist !== 'background') await persisted;
  return {
    studies,
    problems,
    manifest,
    runs: await listRuns(cacheDir),
    parsedFromCache: hits.size,
    taggedFromCache: ready.size,
    citations,
    pages: prepared.pages,
    persisted,
  };
}

/** raw/esearch/<run-id>/: run ids are ISO start times with ':' and '.' replaced by '-'. */
async function listRuns(cacheDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(cacheDir, 'raw', 'esearch'));
  } catch (error) {
    // A cache filled without esearch runs (tests, imports) has no run history to show.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((name) => /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(name))
    .filter((match) => match !== null)
    .map((m) => `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`)
    .sort();
}
