import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DigestError } from '../errors.ts';

export interface PublishOptions {
  /**
   * What becomes of the previous site once the new one is in place: removed (`wait`, the default), removed
   * by a detached `rm -rf` that outlives the command (`background`, POSIX only; elsewhere it waits), or
   * kept beside it as the spare (`spare`) for the next build to write into (openStagedSite's
   * `reuseSpare`), replacing an older spare. Deleting 50,000 files takes seconds of disk time and nobody
   * waits for it; a removal cut short is finished by the next run.
   */
  removeOld?: 'wait' | 'background' | 'spare';
}

export interface StageOptions {
  /**
   * Write the new site into the spare the last publish kept, when there is one: a build then rewrites
   * only what changed instead of making every folder and file again. The spare's files may be hard links
   * shared with the published site, so in a reused staging folder every write replaces the file (unlink,
   * then write) and never writes into it.
   */
  reuseSpare?: boolean;
}

export interface PublishResult {
  outDir: string;
  files: number;
  bytes: number;
}

/**
 * Writes a built site beside `outDir` and swaps it in whole: readers see the previous site or the new
 * one, never a mix. If anything fails before the swap, the staging folder is removed and the previous
 * site is untouched. Leftovers of a killed run (staging or retired folders) are cleaned up next time;
 * a retired previous site is put back if the kill came between the two renames.
 */
export async function publishSite(
  files: Map<string, string | Uint8Array>,
  outDir: string,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const staged = await openStagedSite(outDir);
  try {
    // Synchronous on purpose: 50,000 small files are written about five times faster in one loop than
    // through the 4-thread libuv pool with promises (bench/RESULTS.md), and nothing else runs meanwhile.
    for (const [path, content] of files) staged.write(path, content);
  } catch (error) {
    await staged.abort();
    throw new DigestError(
      'SITE_PUBLISH_FAILED',
      `could not write the new site; the site at ${staged.target} is unchanged`,
      { cause: error, context: { file: staged.dir } },
    );
  }
  return staged.publish(options);
}

/**
 * A site being written: files go into a staging folder beside `outDir` (by this thread, or by build
 * workers through writeSiteFile with `dir`), then publish() swaps it in whole, or abort() removes it.
 */
export interface StagedSite {
  /** The staging folder (absolute). */
  readonly dir: string;
  /** True when `dir` is the spare, holding an older site: files are replaced, never written into. */
  readonly reused: boolean;
  /** The published site's folder (absolute). */
  readonly target: string;
  /**
   * Writes a file, or hard-links the published site's file at `path` when its bytes are these: a build
   * after a weekly refresh leaves the pages, feeds and index files that did not change as they were.
   */
  write(path: string, content: string | Uint8Array): void;
  /** Files and bytes written elsewhere (by workers) into `dir`, for the summary. */
  count(files: number, bytes: number): void;
  publish(options?: PublishOptions): Promise<PublishResult>;
  abort(): Promise<void>;
}

export async function openStagedSite(outDir: string, options: StageOptions = {}): Promise<StagedSite> {
  const target = resolve(outDir);
  const parent = dirname(target);
  const name = basename(target);
  await mkdir(parent, { recursive: true });
  await recoverLeftovers(parent, name);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = join(parent, `.${name}.staging-${tag}`);
  const retired = join(parent, `.${name}.retired-${tag}`);
  const spare = join(parent, `.${name}.spare`);
  // Taking the spare is one rename: of two builds started together, one gets it, the other starts empty.
  const reused = options.reuseSpare === true && (await renameIfThere(spare, staging));
  if (!reused) mkdirSync(staging, { recursive: true });
  const published = await exists(target);
  let files = 0;
  let bytes = 0;
  return {
    dir: staging,
    target,
    reused,
    write(path, content) {
      if (published) {
        const encoded = typeof content === 'string' ? Buffer.from(content) : content;
        bytes +=
          linkIfSame(staging, path, encoded, target, reused) ?? writeSiteFile(staging, path, encoded, reused);
      } else bytes += writeSiteFile(staging, path, content, reused);
      files++;
    },
    count(moreFiles, moreBytes) {
      files += moreFiles;
      bytes += moreBytes;
    },
    abort: () => rm(staging, { recursive: true, force: true }),
    async publish(options = {}) {
      const hadPrevious = await exists(target);
      try {
        if (hadPrevious) await rename(target, retired);
        await rename(staging, target);
      } catch (error) {
        if (hadPrevious && !(await exists(target)) && (await exists(retired))) await rename(retired, target);
        await rm(staging, { recursive: true, force: true });
        throw new DigestError(
          'SITE_PUBLISH_FAILED',
          `could not swap the new site in; the site at ${target} is unchanged`,
          { cause: error, context: { file: target } },
        );
      }
      if (hadPrevious) {
        if (options.removeOld === 'spare') {
          // An older spare is there only if this build did not take it (another build published meanwhile).
          await removeInBackground(spare, parent, name);
          await rename(retired, spare);
        } else if (options.removeOld === 'background' && process.platform !== 'win32') {
          spawn('rm', ['-rf', retired], { detached: true, stdio: 'ignore' }).unref();
        } else await rm(retired, { recursive: true, force: true });
      }
      return { outDir: target, files, bytes };
    },
  };
}

const madeDirs = new Set<string>();

/**
 * Writes one file of a site into the staging folder `dir` (any thread may call it): the path is checked
 * to stay inside the site, its folder made once. `replace` (a reused staging folder): the file there is
 * unlinked first, so a hard link it shares with the published site keeps the published bytes. Returns
 * the bytes written.
 */
export function writeSiteFile(
  dir: string,
  path: string,
  content: string | Uint8Array,
  replace = false,
): number {
  const file = siteFile(dir, path, replace);
  writeFileSync(file, content);
  return typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
}

/**
 * Puts the file at `path` of the published site `fromDir` into the staging folder as a hard link (same
 * bytes, no copy), for pages a build found unchanged. Returns its size; throws when it cannot (the old
 * file is gone, another file system), and the caller writes the file instead.
 */
export function linkSiteFile(dir: string, path: string, fromDir: string, replace = false): number {
  const file = siteFile(dir, path, replace);
  linkSync(join(fromDir, path), file);
  return statSync(file).size;
}

/**
 * linkSiteFile when the published site's file at `path` holds exactly `bytes`; else null (nothing
 * done). A different size is told by one stat, without reading the file.
 */
function linkIfSame(
  dir: string,
  path: string,
  bytes: Uint8Array,
  fromDir: string,
  replace: boolean,
): number | null {
  try {
    const from = join(fromDir, path);
    if (statSync(from).size !== bytes.byteLength || !readFileSync(from).equals(bytes)) return null;
    return linkSiteFile(dir, path, fromDir, replace);
  } catch {
    // Not there, unreadable, or not linkable (another file system): the caller writes the file.
    return null;
  }
}

/** The checked absolute path of a site file about to be written, its folder made, the old file gone when replacing. */
function siteFile(dir: string, path: string, replace: boolean): string {
  checkPath(path);
  const file = join(dir, path);
  const folder = dirname(file);
  if (!madeDirs.has(folder)) {
    mkdirSync(folder, { recursive: true });
    madeDirs.add(folder);
  }
  if (replace) {
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return file;
}

/** A site path must stay inside the site: no absolute paths, no `..`, no empty segments. */
function checkPath(path: string): void {
  if (
    path === '' ||
    path.startsWith('/') ||
    path.split('/').some((part) => part === '' || part === '.' || part === '..')
  ) {
    throw new DigestError(
      'SITE_PUBLISH_FAILED',
      `refusing to write ${JSON.stringify(path)}: not a path inside the site`,
    );
  }
}

async function recoverLeftovers(parent: string, name: string): Promise<void> {
  const entries = await readdir(parent);
  const target = join(parent, name);
  for (const entry of entries) {
    if (entry.startsWith(`.${name}.retired-`)) {
      if (!(await exists(target))) await rename(join(parent, entry), target);
      // Usually the previous build's background removal, still going: a second one in the background
      // rather than an in-process rm of tens of thousands of files (30-40 s of CPU on this machine).
      else await removeInBackground(join(parent, entry), parent, name);
    }
  }
  for (const entry of await readdir(parent)) {
    // Another build may be writing its own staging folder right now: only a dead process's is litter.
    if (entry.startsWith(`.${name}.staging-`) && !isAlive(Number(entry.split('-').at(-2))))
      await removeInBackground(join(parent, entry), parent, name);
    // A trash folder whose removal was cut short (a reboot, say): remove it again.
    if (entry.startsWith(`.${name}.trash-`) && !isAlive(Number(entry.split('-').at(-2))))
      await removeInBackground(join(parent, entry), parent, name);
  }
}

/**
 * Moves a folder out of the way under a name nothing else uses, then removes it in a detached `rm -rf`
 * (where there is one), so publishing never waits on deleting an old site.
 */
async function removeInBackground(path: string, parent: string, name: string): Promise<void> {
  if (process.platform === 'win32') return rm(path, { recursive: true, force: true });
  const trash = join(parent, `.${name}.trash-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await rename(path, trash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // already gone
    throw error;
  }
  spawn('rm', ['-rf', trash], { detached: true, stdio: 'ignore' }).unref();
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function renameIfThere(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
