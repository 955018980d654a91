/**
 * The freshness check bin/evidence-digest.js and the worker entries make before running dist/: a bundle is
 * run only while every file it was built from is on disk with the bytes it had, and src/ holds nothing
 * else. On a small tree with a manifest written as bin/bundle.ts writes it (the real bundle step runs in
 * bundled-cli.test.ts).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_DIR, bundleStatus, MANIFEST_FILE, sourceHashes } from '../../bin/bundle-status.js';

let root = '';

async function write(path: string, content: string): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), content);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'bundle-status-'));
  await write('src/cli.ts', 'export const main = () => 0;\n');
  await write('src/render/page.ts', 'export const page = 1;\n');
  await write('src/render/page-worker-entry.js', "await import('./page-worker.ts');\n");
  await write('tsconfig.json', '{}\n');
  await write(`${BUNDLE_DIR}/cli.js`, 'export const main = () => 0;\n');
  const manifest = { outputs: ['cli.js'], sources: sourceHashes(root, ['tsconfig.json']) };
  await write(`${BUNDLE_DIR}/${MANIFEST_FILE}`, JSON.stringify(manifest));
});

describe('bundleStatus', () => {
  it('runs the bundle while the sources are the ones it was built from', () => {
    expect(bundleStatus(root)).toEqual({ fresh: true, dir: join(root, BUNDLE_DIR) });
  });

  it('takes the sources when one changed, and the bundle again when it is changed back', async () => {
    await write('src/render/page.ts', 'export const page = 2;\n');
    expect(bundleStatus(root)).toEqual({
      fresh: false,
      reason: 'src/render/page.ts changed since the bundle was built',
    });
    await write('src/render/page.ts', 'export const page = 1;\n');
    expect(bundleStatus(root).fresh).toBe(true);
  });

  it('takes the sources when a file was added to src/, bundled or not', async () => {
    await write('src/render/new-page.ts', 'export const newPage = 1;\n');
    expect(bundleStatus(root)).toEqual({
      fresh: false,
      reason: 'src/render/new-page.ts was added since the bundle was built',
    });
    await rm(join(root, 'src/render/new-page.ts'));
    expect(bundleStatus(root).fresh).toBe(true);
  });

  it('takes the sources when a source was removed', async () => {
    await rm(join(root, 'src/render/page.ts'));
    expect(bundleStatus(root)).toEqual({
      fresh: false,
      reason: 'src/render/page.ts was removed since the bundle was built',
    });
  });

  it('tracks the files recorded besides src/ (the compiler options)', async () => {
    await write('tsconfig.json', '{ "compilerOptions": {} }\n');
    expect(bundleStatus(root)).toEqual({
      fresh: false,
      reason: 'tsconfig.json changed since the bundle was built',
    });
  });

  it('takes the sources when there is no bundle, or part of it is missing', async () => {
    await rm(join(root, BUNDLE_DIR, 'cli.js'));
    expect(bundleStatus(root)).toEqual({ fresh: false, reason: `${BUNDLE_DIR}/cli.js is missing` });
    await rm(join(root, BUNDLE_DIR), { recursive: true });
    expect(bundleStatus(root)).toEqual({ fresh: false, reason: `no bundle in ${BUNDLE_DIR}/` });
  });

  it('takes the sources when the manifest is unreadable', async () => {
    await write(`${BUNDLE_DIR}/${MANIFEST_FILE}`, '{"sources": ');
    expect(bundleStatus(root)).toMatchObject({ fresh: false, reason: expect.stringMatching(/unreadable/) });
  });
});
