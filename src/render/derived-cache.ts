import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { codeFingerprint } from './build-fingerprint.ts';
import type { DerivedData } from './study-worker-protocol.ts';

/**
 * Tags, search terms and citations of each record from the last build, keyed by the parsed-record key (PMID, version,
 * hash of the XML) in a file named after the code that made them (tag, search, parse stages): a refresh
 * that adds a few records re-tags only those. Derived data, beside the parsed-record cache: an unreadable
 * or stale file is ignored and rebuilt, never an error.
 *
 * One JSONL file, read whole and parsed lazily per line: 10,000 entries are about 110 MB (the four
 * citation files make most of it), read and parsed in about a second, where tagging and citing them
 * again costs 10-15 seconds of CPU.
 */
export interface DerivedCache {
  get(key: string): DerivedData | undefined;
  /** `json`: the DerivedData as JSON (made on the build workers, where stringifying is off the main thread). */
  set(key: string, json: string): void;
  /** Writes the entries of `keep` (this build's records) when anything changed. */
  save(keep: Set<string>): Promise<void>;
  readonly size: number;
}

const STAGES = ['parse', 'tag', 'search', 'cite', 'render/study-citations.ts'];

export async function openDerivedCache(cacheDir: string): Promise<DerivedCache> {
  const dir = join(cacheDir, 'derived');
  const code = (await codeFingerprint(STAGES)).slice(0, 16);
  const file = join(dir, `site-${code}.jsonl`);
  const lines = new Map<string, string>();
  try {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) lines.set(line.slice(0, tab), line.slice(tab + 1));
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') lines.clear();
  }
  const added = new Map<string, string>();
  return {
    get size() {
      return lines.size;
    },
    get(key) {
      const line = lines.get(key);
      if (line === undefined) return undefined;
      try {
        return JSON.parse(line) as DerivedData;
      } catch {
        return undefined;
      }
    },
    set(key, json) {
      lines.set(key, json);
      added.set(key, json);
    },
    async save(keep) {
      const stale = [...lines.keys()].some((key) => !keep.has(key));
      if (added.size === 0 && !stale) return;
      await mkdir(dir, { recursive: true });
      const body = [...keep]
        .filter((key) => lines.has(key))
        .map((key) => `${key}\t${lines.get(key)}`)
        .join('\n');
      await writeFileAtomic(file, `${body}\n`);
      // Files of other code versions are from builds that will not come back.
      for (const name of await readdir(dir)) {
        if (name.startsWith('site-') && name !== `site-${code}.jsonl`)
          await rm(join(dir, name), { force: true });
      }
    },
  };
}
