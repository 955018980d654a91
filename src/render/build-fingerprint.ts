import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Manifest } from '../cache/raw-cache.ts';
import { REPO_ROOT as REPO } from '../repo-root.ts';

// The files on disk, whether this runs from src/ or from the bundle: both hash the same bytes.
const SRC = join(REPO, 'src');
// Everything a site depends on besides the cache: the stages that turn records into pages.
const CODE_DIRS = ['parse', 'tag', 'search', 'cite', 'render', 'publish'];

/**
 * A hash of everything the site is made from: the cache's manifest (which bytes of which file hold each
 * record), the refresh runs, the options, and the code and templates that render them. Equal hashes mean
 * an equal site, so an unchanged rebuild can stop before reading a single record.
 */
export async function buildFingerprint(input: {
  manifest: Readonly<Manifest>;
  runs: string[];
  options: Record<string, unknown>;
}): Promise<string> {
  const hash = createHash('sha256');
  const records = Object.entries(input.manifest.records).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [pmid, e] of records)
    hash.update(`${pmid}\t${e.version}\t${e.file}\t${e.offset}\t${e.length}\t${e.fetchedAt}\n`);
  hash.update(JSON.stringify(Object.keys(input.manifest.missing).sort()));
  hash.update(JSON.stringify(input.runs));
  hash.update(JSON.stringify(input.options));
  hash.update(await siteCodeFingerprint());
  return hash.digest('hex');
}

/** A hash of the code and templates that turn records into the site (part of every page's key). */
export async function siteCodeFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const files = [
    ...(await Promise.all(CODE_DIRS.map((dir) => listFiles(join(SRC, dir))))).flat(),
    ...(await listFiles(join(REPO, 'templates'))),
    join(REPO, 'package-lock.json'),
  ];
  for (const file of files.sort()) {
    hash.update(relative(REPO, file));
    try {
      hash.update(await readFile(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return hash.digest('hex');
}

/** A hash of the code of the named stages (src/<dir>, or single src/<file>.ts), for caches of what it derives. */
export async function codeFingerprint(dirs: string[]): Promise<string> {
  const hash = createHash('sha256');
  const files = (
    await Promise.all(dirs.map((dir) => (dir.endsWith('.ts') ? [join(SRC, dir)] : listFiles(join(SRC, dir)))))
  )
    .flat()
    .sort();
  for (const file of files) hash.update(relative(REPO, file)).update(await readFile(file));
  return hash.digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}
