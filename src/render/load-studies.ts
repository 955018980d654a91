import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Manifest, openRawCache } from '../cache/raw-cache.ts';
import type { DigestStudy } from '../search/index.ts';
import { type PrepareOptions, prepareFromCache } from './prepare-from-cache.ts';
import type { StudyCitations } from './study-citations.ts';

export interface LoadedCache {
  studies: DigestStudy[];
  /** Records that could not be read or parsed: reported, left out, the build goes on. */
  problems: { pmid: string; message: string }[];
  manifest: Readonly<Manifest>;
  /** Start times of the refresh runs that stored esearch responses (ISO), oldest first. */
  runs: string[];
  /** Records whose parse came from the prepared-study store. */
  parsedFromCache: number;
  /** Records whose tags, search terms and citations came from the store. */
  taggedFromCache: number;
  /** Cite boxes and download files, made on the build threads (see SiteInput.citations). */
  citations: Map<string, StudyCitations>;
}

export type LoadOptions = PrepareOptions;

/**
 * Cache -> every study with its full record, in memory, for buildSite and the tests: the same threads
 * and the same prepared-study store as the streaming build (build-site-from-cache.ts), which is what
 * `evidence-digest build` uses.
 */
export async function loadStudies(cacheDir: string, options: LoadOptions = {}): Promise<LoadedCache> {
  const cache = await openRawCache(cacheDir, undefined, { readOnly: true });
  const manifest = cache.manifest;
  const studies: DigestStudy[] = [];
  const citations = new Map<string, StudyCitations>();
  const pass = await prepareFromCache(cacheDir, manifest, {
    ...options,
    full: true,
    each(prepared) {
      if (prepared.study === null) throw new Error(`PMID ${prepared.pmid}: prepared without its record`);
      studies.push(prepared.study);
      if (prepared.citations) citations.set(prepared.pmid, prepared.citations);
    },
  });
  try {
    await pass.save();
  } finally {
    await pass.close();
  }
  return {
    studies,
    problems: pass.problems,
    manifest,
    runs: await listRuns(cacheDir),
    parsedFromCache: studies.length - pass.parsed,
    taggedFromCache: studies.length - pass.derived,
    citations,
  };
}

/** raw/esearch/<run-id>/: run ids are ISO start times with ':' and '.' replaced by '-'. */
export async function listRuns(cacheDir: string): Promise<string[]> {
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
