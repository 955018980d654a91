/**
 * The spare: the site a publish replaced, kept beside the new one for the next build to write into. A
 * spare's files may be hard links shared with the published site, so writing into the spare must replace
 * them, never write into them; and taking the spare is one rename, so two builds never share it.
 */
import { link, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStagedSite, publishSite } from '../../src/publish/index.ts';

async function parentWithSite(): Promise<{ parent: string; out: string }> {
  const parent = await mkdtemp(join(tmpdir(), 'spare-'));
  return { parent, out: join(parent, 'site') };
}

describe('the spare site', () => {
  it('keeps the replaced site as the spare, and the next build writes into it', async () => {
    const { parent, out } = await parentWithSite();
    await publishSite(new Map([['index.html', 'one']]), out);
    await publishSite(
      new Map([
        ['index.html', 'two'],
        ['about/index.html', 'about'],
      ]),
      out,
      { removeOld: 'spare' },
    );
    expect((await readdir(parent)).sort()).toEqual(['.site.spare', 'site']);
    expect(await readFile(join(parent, '.site.spare/index.html'), 'utf8')).toBe('one');

    const stage = await openStagedSite(out, { reuseSpare: true });
    expect(stage.reused).toBe(true);
    // Taken by one rename: no other build can find it now.
    expect((await readdir(parent)).filter((entry) => !entry.startsWith('.site.staging-')).sort()).toEqual([
      'site',
    ]);
    expect(await readFile(join(stage.dir, 'index.html'), 'utf8')).toBe('one');
    stage.write('index.html', 'three');
    await stage.publish({ removeOld: 'spare' });
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('three');
    expect(await readFile(join(parent, '.site.spare/index.html'), 'utf8')).toBe('two');
    expect((await readdir(parent)).sort()).toEqual(['.site.spare', 'site']);
  });

  it('replaces a file the spare shares with the published site, leaving the published bytes alone', async () => {
    const { parent, out } = await parentWithSite();
    await publishSite(new Map([['page.html', 'old']]), out);
    await publishSite(new Map([['other.html', 'x']]), out, { removeOld: 'spare' });
    // As after a build that hard-linked an unchanged page from the published site into the spare.
    await writeFile(join(out, 'page.html'), 'published');
    const spare = join(parent, '.site.spare');
    await rm(join(spare, 'page.html'));
    await link(join(out, 'page.html'), join(spare, 'page.html'));
    expect((await stat(join(spare, 'page.html'))).ino).toBe((await stat(join(out, 'page.html'))).ino);

    const stage = await openStagedSite(out, { reuseSpare: true });
    expect(stage.reused).toBe(true);
    stage.write('page.html', 'rewritten');
    expect(await readFile(join(stage.dir, 'page.html'), 'utf8')).toBe('rewritten');
    expect(await readFile(join(out, 'page.html'), 'utf8')).toBe('published');
    await stage.abort();
  });

  it('links a file whose bytes are the published ones and writes the rest, in the spare or a new folder', async () => {
    const { parent, out } = await parentWithSite();
    await publishSite(new Map([['feed.xml', 'feed one']]), out);
    await publishSite(
      new Map([
        ['feed.xml', 'feed two'],
        ['topics/a/index.html', 'topic a'],
        ['index.html', 'home two'],
      ]),
      out,
      { removeOld: 'spare' },
    );
    for (const reuseSpare of [true, false]) {
      const stage = await openStagedSite(out, { reuseSpare });
      expect(stage.reused).toBe(reuseSpare);
      stage.write('feed.xml', 'feed two');
      stage.write('topics/a/index.html', new TextEncoder().encode('topic a'));
      stage.write('index.html', 'home three');
      stage.write('new.html', 'new');
      const inode = async (dir: string, path: string) => (await stat(join(dir, path))).ino;
      expect(await inode(stage.dir, 'feed.xml')).toBe(await inode(out, 'feed.xml'));
      expect(await inode(stage.dir, 'topics/a/index.html')).toBe(await inode(out, 'topics/a/index.html'));
      expect(await inode(stage.dir, 'index.html')).not.toBe(await inode(out, 'index.html'));
      expect(await readFile(join(stage.dir, 'index.html'), 'utf8')).toBe('home three');
      expect(await readFile(join(stage.dir, 'new.html'), 'utf8')).toBe('new');
      // The published bytes are untouched by the write that replaced the changed page.
      expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('home two');
      await stage.abort();
      if (reuseSpare) await rm(join(parent, '.site.spare'), { recursive: true, force: true });
    }
  });

  it('without reuseSpare, or with no spare, a build starts from an empty folder', async () => {
    const { out } = await parentWithSite();
    const first = await openStagedSite(out, { reuseSpare: true });
    expect(first.reused).toBe(false);
    first.write('index.html', 'one');
    await first.publish({ removeOld: 'spare' });
    await publishSite(new Map([['index.html', 'two']]), out, { removeOld: 'spare' });
    const fresh = await openStagedSite(out);
    expect(fresh.reused).toBe(false);
    expect(await readdir(fresh.dir)).toEqual([]);
    await fresh.abort();
  });
});
