import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../../src/query.ts';
import { BUILD_INFO_FILE, publishSite, runBuildCommand, runServeCommand } from '../../src/render/index.ts';
import { makeFixtureCache } from './test-site.ts';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += chunk));
  return { stream, text: () => text };
}

const build = async (cacheDir: string, outDir: string) => {
  const err = capture();
  const code = await runBuildCommand({
    cacheDir,
    outDir,
    now: () => new Date(),
    query: DEFAULT_QUERY,
    stderr: err.stream,
  });
  return { code, stderr: err.text() };
};

describe('publishSite', () => {
  it('swaps a new site in whole and removes the old one', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'publish-'));
    const out = join(parent, 'site');
    await publishSite(
      new Map([
        ['index.html', 'one'],
        ['old.html', 'gone soon'],
      ]),
      out,
    );
    await publishSite(
      new Map([
        ['index.html', 'two'],
        ['a/b/c.txt', 'deep'],
      ]),
      out,
    );
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('two');
    expect(await readFile(join(out, 'a/b/c.txt'), 'utf8')).toBe('deep');
    await expect(stat(join(out, 'old.html'))).rejects.toThrow();
  });

  it('leaves the previous site untouched when writing fails, and cleans up', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'publish-'));
    const out = join(parent, 'site');
    await publishSite(new Map([['index.html', 'good']]), out);
    // A file and a folder of the same name cannot both be written.
    await expect(
      publishSite(
        new Map([
          ['x', 'file'],
          ['x/y', 'nested'],
        ]),
        out,
      ),
    ).rejects.toMatchObject({ code: 'SITE_PUBLISH_FAILED' });
    await expect(publishSite(new Map([['../escape.html', 'no']]), out)).rejects.toMatchObject({
      code: 'SITE_PUBLISH_FAILED',
    });
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('good');
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(parent)).sort()).toEqual(['site']);
  });

  it('can leave the old site to a background removal', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'publish-'));
    const out = join(parent, 'site');
    await publishSite(new Map([['index.html', 'one']]), out);
    await publishSite(new Map([['index.html', 'two']]), out, { removeOld: 'background' });
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('two');
    const { readdir } = await import('node:fs/promises');
    for (let i = 0; i < 100 && (await readdir(parent)).length > 1; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await readdir(parent)).toEqual(['site']);
  });

  it('puts back a site retired by a run killed between its two renames', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'publish-'));
    const out = join(parent, 'site');
    await publishSite(new Map([['index.html', 'previous']]), out);
    const { rename } = await import('node:fs/promises');
    await rename(out, join(parent, '.site.retired-2147483646-dead'));
    // A PID no process has: the run that wrote this is gone.
    await writeFile(join(parent, '.site.staging-2147483646-dead'), 'half');
    await publishSite(new Map([['index.html', 'next']]), out);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('next');
    // The litter is moved aside at once and removed by a background `rm -rf`.
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(parent)).filter((entry) => !entry.startsWith('.site.trash-'))).toEqual(['site']);
    for (let i = 0; i < 100 && (await readdir(parent)).length > 1; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readdir(parent)).toEqual(['site']);
  });
});

describe('runBuildCommand', () => {
  let cacheDir = '';
  beforeAll(async () => {
    cacheDir = await makeFixtureCache({ limit: 60 });
  });

  it('builds offline from the cache, then skips an unchanged rebuild', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'site-')), 'site');
    const first = await build(cacheDir, out);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/published \d+ files/);
    const info = JSON.parse(await readFile(join(out, BUILD_INFO_FILE), 'utf8'));
    expect(info.studies).toBe(60);
    const second = await build(cacheDir, out);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('nothing to do');
    // The rebuild left the site as it was.
    expect(JSON.parse(await readFile(join(out, BUILD_INFO_FILE), 'utf8'))).toEqual(info);
  });

  it('exits 1 and leaves the previous site alone when the cache is missing', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'site-')), 'site');
    expect((await build(cacheDir, out)).code).toBe(0);
    const before = await readFile(join(out, 'index.html'), 'utf8');
    const failed = await build(join(cacheDir, 'nope'), out);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('nothing published');
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe(before);
  });

  it('reports a corrupt record and builds the rest', async () => {
    const broken = await makeFixtureCache({
      limit: 5,
      extra: [
        '<PubmedArticle><MedlineCitation><PMID Version="1">99999902</PMID><Article><ArticleTitle>x</ArticleTitle></Article></MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="pubmed">99999902</ArticleId></ArticleIdList></PubmedData></PubmedArticle>',
      ],
    });
    // Damage the stored bytes of the extra record, keeping its length.
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(join(broken, 'raw', 'efetch'))).sort();
    const last = join(broken, 'raw', 'efetch', files.at(-1) as string);
    const body = await readFile(last, 'utf8');
    await writeFile(last, body.replace('<ArticleTitle>x</ArticleTitle>', '<ArticleTitle>x</ArticleTitl>'));
    const out = join(await mkdtemp(join(tmpdir(), 'site-')), 'site');
    const result = await build(broken, out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('skipped PMID 99999902');
    expect(await readFile(join(out, 'about/index.html'), 'utf8')).toContain('PMID 99999902');
  });
});

describe('runServeCommand', () => {
  it('serves the site on 127.0.0.1 with security headers, 404 page, and no path escape', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'serve-'));
    const out = join(parent, 'site');
    await publishSite(
      new Map([
        ['index.html', '<h1>home</h1>'],
        ['404.html', 'missing'],
        ['studies/1/index.html', 'study'],
        ['feed.xml', '<feed/>'],
        ['topics/safety/feed.xml', '<feed/>'],
        ['sitemap.xml', '<urlset/>'],
      ]),
      out,
    );
    await writeFile(join(parent, 'secret.txt'), 'secret');
    let stop!: () => void;
    let port = 0;
    const err = capture();
    const done = runServeCommand({
      siteDir: out,
      port: 0,
      stderr: err.stream,
      until: new Promise((r) => (stop = r)),
      onListening: (p) => (port = p),
    });
    while (port === 0) await new Promise((r) => setTimeout(r, 10));
    const base = `http://127.0.0.1:${port}`;
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await (await fetch(`${base}/studies/1/`)).text()).toBe('study');
    const type = async (path: string) => (await fetch(`${base}${path}`)).headers.get('content-type');
    expect(await type('/feed.xml')).toBe('application/atom+xml; charset=utf-8');
    expect(await type('/topics/safety/feed.xml')).toBe('application/atom+xml; charset=utf-8');
    expect(await type('/sitemap.xml')).toBe('application/xml; charset=utf-8');
    const missing = await fetch(`${base}/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('missing');
    expect((await fetch(`${base}/..%2fsecret.txt`)).status).not.toBe(200);
    stop();
    expect(await done).toBe(0);
    await rm(parent, { recursive: true, force: true });
  });
});
