/**
 * Whether dist/ holds a bundle of exactly the sources on disk (bin/bundle.ts writes it), and the start of a
 * worker thread from it. Plain JavaScript: it runs before any TypeScript loader is registered, in
 * bin/evidence-digest.js and in the worker entries (src/**\/*-worker-entry.js). Types in bundle-status.d.ts.
 */
import { hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE_DIR = 'dist';
export const MANIFEST_FILE = 'bundle.json';
export const CLI_BUNDLE = 'cli.js';

/**
 * The content hash of each file a bundle depends on, by path from `root` ('/'-separated): every file
 * under src/ (whether bundled or not, so that an added file counts as a change too), and `extra`.
 */
export function sourceHashes(root, extra = []) {
  const hashes = {};
  for (const path of [...listFiles(root, 'src'), ...extra].sort()) {
    hashes[path] = hash('sha1', readFileSync(join(root, path)), 'base64');
  }
  return hashes;
}

/**
 * { fresh: true, dir } when `root`'s bundle was built from the sources on disk now, else { fresh: false,
 * reason }. Reads and hashes every tracked file (a few ms for src/'s ~200 files): a check of sizes and
 * modification times would be quicker but trusts clocks and tools that keep them.
 */
export function bundleStatus(root = REPO_ROOT) {
  const dir = join(root, BUNDLE_DIR);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return { fresh: false, reason: `no bundle in ${BUNDLE_DIR}/` };
    return { fresh: false, reason: `${BUNDLE_DIR}/${MANIFEST_FILE} is unreadable: ${error.message}` };
  }
  const { sources: recorded, outputs } = manifest;
  if (typeof recorded !== 'object' || recorded === null || !Array.isArray(outputs)) {
    return { fresh: false, reason: `${BUNDLE_DIR}/${MANIFEST_FILE} is unreadable: no sources or outputs` };
  }
  for (const path of listFiles(root, 'src')) {
    if (!(path in recorded)) return { fresh: false, reason: `${path} was added since the bundle was built` };
  }
  for (const [path, recordedHash] of Object.entries(recorded)) {
    let content;
    try {
      content = readFileSync(join(root, path));
    } catch (error) {
      if (error.code === 'ENOENT')
        return { fresh: false, reason: `${path} was removed since the bundle was built` };
      return { fresh: false, reason: `${path} is unreadable: ${error.message}` };
    }
    if (hash('sha1', content, 'base64') !== recordedHash) {
      return { fresh: false, reason: `${path} changed since the bundle was built` };
    }
  }
  for (const output of outputs) {
    if (!existsSync(join(dir, output))) return { fresh: false, reason: `${BUNDLE_DIR}/${output} is missing` };
  }
  return { fresh: true, dir };
}

/**
 * Runs a worker thread's body: its bundle (dist/<entry's file name>) when the bundle is fresh, else the
 * TypeScript through tsx, registered here because worker threads do not inherit the loaders of the thread
 * that starts them. The main thread, when it runs from the bundle itself, starts the bundled body directly
 * (dist/cli.js resolves `./<name>-worker-entry.js` beside it), so this runs only when the main thread runs
 * the sources: vitest, `node --import tsx bench/...`, or the CLI while src/ differs from the bundle. Those
 * get the bundled body too when it is fresh, so a benchmark measures the workers `npm start` runs, and a
 * test runs the code users run; a stale bundle is never run, so an edit in src/ is what runs.
 */
export async function startWorker(entryUrl, bodyPath) {
  const status = bundleStatus();
  if (status.fresh) {
    await import(pathToFileURL(join(status.dir, basename(fileURLToPath(entryUrl)))).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL(bodyPath, entryUrl).href);
}

function listFiles(root, dir) {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}
