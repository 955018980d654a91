/**
 * The bundle (bin/bundle.ts) against the TypeScript it is built from, end to end in a copy of the
 * repository: the same `build` (on build threads and a search index thread), `parse` and `tag` through
 * tsx before the copy has a bundle, and through the bundle with tsx taken out of its node_modules, so
 * neither run can be the other. The sites must be equal byte for byte, and so must the build's bookkeeping
 * (its fingerprint and page keys hash src/ and templates/ as the running code finds them) but for what
 * differs between two builds by the same code: when it was built, and the saved search postings, numbered in
 * the order the build threads' terms reached the index thread.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_DIR, bundleStatus } from '../../bin/bundle-status.js';
import { BUILD_INFO_FILE, POSTINGS_STATE_FILE, STUDIES_STATE_FILE } from '../../src/render/index.ts';
import { type CliResult, collect } from '../cli/run-cli.ts';
import { PUBMED_FIXTURES, REPO_ROOT } from '../fixtures-path.ts';
import { makeFixtureCache } from '../render/test-site.ts';

const COPIED = ['src', 'templates', 'bin', 'package.json', 'package-lock.json', 'tsconfig.json'];
const RECORDS = join(PUBMED_FIXTURES, 'PsyNamic-Webapp__abstract_test.xml');

let repo = '';
let work = '';
let cache = '';

/** A copy of what `npm ci` leaves in a checkout, with node_modules linked package by package. */
async function copyRepository(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bundle-repo-'));
  for (const name of COPIED) await cp(join(REPO_ROOT, name), join(dir, name), { recursive: true });
  await mkdir(join(dir, 'node_modules'));
  for (const name of await readdir(join(REPO_ROOT, 'node_modules'))) {
    if (name !== '.bin')
      await symlink(join(REPO_ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

function node(args: string[], cwd: string): Promise<CliResult> {
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      TMPDIR: process.env.TMPDIR ?? '/tmp',
      EVIDENCE_DIGEST_CACHE_DIR: cache,
      EVIDENCE_DIGEST_NOW: '2027-03-01T06:00:00Z',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child);
}

/** Builds a site into `out` and runs parse and tag on fixture records, through the copy's CLI. */
async function runCommands(out: string): Promise<{ site: Map<string, Buffer>; parse: string; tag: string }> {
  const bin = join(repo, 'bin', 'evidence-digest.js');
  const build = await node([bin, 'build', '--out', out], work);
  expect(build.code, build.stderr).toBe(0);
  expect(build.stderr).toMatch(/build: published \d+ files/);
  const parse = await node([bin, 'parse', RECORDS], work);
  expect(parse.code, parse.stderr).toBe(0);
  const tag = await node([bin, 'tag', RECORDS], work);
  expect(tag.code, tag.stderr).toBe(0);
  return { site: await readTree(out), parse: parse.stdout, tag: tag.stdout };
}

/**
 * Starts the tag worker through its entry in src/, as code running from the sources does (vitest, the
 * benches): 'ready' once its rules are loaded, or the worker's error.
 */
function startTagWorker(): Promise<CliResult> {
  const entry = pathToFileURL(join(repo, 'src', 'tag', 'tag-worker-entry.js')).href;
  const script = `import { Worker } from 'node:worker_threads';
    const worker = new Worker(new URL(${JSON.stringify(entry)}), { execArgv: [] });
    worker.once('message', (message) => { console.log(message.kind); process.exit(0); });
    worker.once('error', (error) => { console.error(error.message); process.exit(1); });`;
  return node(['--input-type=module', '-e', script], repo);
}

async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path));
  }
  const drop = (file: string, take: (json: { builtAt?: string; postings?: { crc?: number } }) => void) => {
    const json = JSON.parse((files.get(file) as Buffer).toString('utf8'));
    take(json);
    files.set(file, Buffer.from(JSON.stringify(json)));
  };
  drop(BUILD_INFO_FILE, (json) => delete json.builtAt);
  drop(STUDIES_STATE_FILE, (json) => delete json.postings?.crc);
  files.set(POSTINGS_STATE_FILE, Buffer.from(`${files.get(POSTINGS_STATE_FILE)?.length} bytes`));
  return files;
}

beforeAll(async () => {
  repo = await copyRepository();
  work = await mkdtemp(join(tmpdir(), 'bundle-work-'));
  // 728 studies: enough for the build to start its worker threads (400 or more).
  cache = await makeFixtureCache({ multiplier: 2 });
}, 120_000);

describe('the bundled CLI', () => {
  it('builds the same site, and parses and tags the same, as the TypeScript through tsx', async () => {
    expect(bundleStatus(repo)).toEqual({ fresh: false, reason: `no bundle in ${BUNDLE_DIR}/` });
    const fromSources = await runCommands(join(work, 'site-tsx'));

    const bundling = await node(['--import', 'tsx', join(repo, 'bin', 'bundle.ts')], repo);
    expect(bundling.code, bundling.stderr).toBe(0);
    expect(bundleStatus(repo)).toEqual({ fresh: true, dir: join(repo, BUNDLE_DIR) });
    // Without tsx, only the bundle can run: the main thread's and every worker thread's.
    await rm(join(repo, 'node_modules', 'tsx'));
    const fromBundle = await runCommands(join(work, 'site-bundle'));

    expect(fromSources.site.size).toBeGreaterThan(728);
    expect([...fromBundle.site.keys()].sort()).toEqual([...fromSources.site.keys()].sort());
    const differing = [...fromSources.site]
      .filter(([path, bytes]) => !bytes.equals(fromBundle.site.get(path) as Buffer))
      .map(([path]) => path);
    expect(differing).toEqual([]);
    expect(fromBundle.parse).toBe(fromSources.parse);
    expect(fromBundle.tag).toBe(fromSources.tag);
    expect(fromSources.tag.split('\n').length).toBeGreaterThan(10);
    // Code running from the sources starts its workers from the fresh bundle too.
    expect(await startTagWorker()).toMatchObject({ code: 0, stdout: 'ready\n' });

    // An edit in the copy's src/ is what runs next: the bundle is stale, and tsx is needed again.
    await writeFile(join(repo, 'src', 'cli.ts'), `${await readFile(join(repo, 'src', 'cli.ts'), 'utf8')}\n`);
    expect(bundleStatus(repo).fresh).toBe(false);
    const edited = await node([join(repo, 'bin', 'evidence-digest.js'), '--help'], work);
    expect(edited.code).not.toBe(0);
    expect(edited.stderr).toMatch(/Cannot find package 'tsx'/);
    expect(await startTagWorker()).toMatchObject({ code: 1, stderr: expect.stringMatching(/'tsx'/) });
  }, 300_000);
});
