/**
 * The scheduled job end to end, as cron runs it: `run` (refresh + build) against the fake E-utilities
 * server, then the commands that read what it made (search, cite), and what a failed run leaves behind.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeEutils, startFakeEutils } from '../fake-eutils/index.ts';
import { recordEnteredOn, ymdOf } from './changed-records.ts';
import { runCli, workdir } from './run-cli.ts';

const CONFIG = {
  email: 'team@example.org',
  requestsPerSecond: 40,
  retryBaseMs: 20,
  retryMaxMs: 100,
  maxAttempts: 3,
};

let server: FakeEutils | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function siteDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const content = await readFile(join(dir, name)).catch(() => null); // directories
    if (content) hash.update(name).update(content);
  }
  return hash.digest('hex');
}

describe('evidence-digest run', () => {
  it('refreshes, builds the site, and search and cite read what it made', async () => {
    server = await startFakeEutils({ rateLimitPerSecond: 50 });
    const fake = server;
    const cwd = await workdir(CONFIG);
    const env = { EUTILS_BASE_URL: fake.url };

    const run = await runCli(['run'], { cwd, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/refresh complete \(full\) in [\d.]+ s: 364 listed by edat 1800\/01\/01-/);
    expect(run.stderr).toContain('364 new, 0 updated,');
    expect(run.stderr).toMatch(/build: published \d+ files/);
    const site = join(cwd, 'site');
    for (const page of ['index.html', 'search/index.html', 'about/index.html', 'feed.xml', 'sitemap.xml']) {
      expect((await readFile(join(site, page), 'utf8')).length).toBeGreaterThan(200);
    }
    const [pmid] = fake.pmids();
    expect(await readFile(join(site, 'studies', pmid ?? '', 'index.html'), 'utf8')).toContain(`PMID ${pmid}`);

    const search = await runCli(['search', 'esketamine', '--json', '--limit', '3'], { cwd });
    expect(search.code, search.stderr).toBe(0);
    const answer = JSON.parse(search.stdout) as { results: { pmid: string }[] };
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.length).toBeLessThanOrEqual(3);

    const ris = await runCli(['cite', pmid ?? '', '--format', 'ris'], { cwd });
    expect(ris.code, ris.stderr).toBe(0);
    expect(ris.stdout).toMatch(/^TY {2}- /);
    expect(ris.stdout).toContain(pmid);

    const unknown = await runCli(['cite', '123456789', '--format', 'ama'], { cwd });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('123456789');

    // A second run with nothing new costs two search requests (new by entry date, changed by
    // modification date); a build with nothing changed since leaves the published site exactly as it was.
    const requestsBefore = fake.requests.length;
    const again = await runCli(['run'], { cwd, env });
    expect(again.code, again.stderr).toBe(0);
    expect(fake.requests.length - requestsBefore).toBe(2);
    const before = await siteDigest(site);
    const rebuild = await runCli(['build'], { cwd });
    expect(rebuild.code, rebuild.stderr).toBe(0);
    expect(rebuild.stderr).toContain('already built from this cache and code');
    expect(await siteDigest(site)).toBe(before);
  });

  it('a failed refresh publishes nothing: exit 1, and the previous site is untouched', async () => {
    server = await startFakeEutils({ rateLimitPerSecond: 50 });
    const fake = server;
    const cwd = await workdir(CONFIG);
    const env = { EUTILS_BASE_URL: fake.url };
    expect((await runCli(['run'], { cwd, env })).code).toBe(0);
    const before = await siteDigest(join(cwd, 'site'));

    const pmid = fake.pmids().find((p) => fake.recordXml(p)?.includes('PubStatus="entrez"')) ?? '';
    fake.setRecord(
      '89999999',
      recordEnteredOn(fake.recordXml(pmid) ?? '', pmid, '89999999', ymdOf(Date.now())),
    );
    fake.injectFaults([{ fault: 'http-503', endpoint: 'efetch', probability: 1 }]);
    const failed = await runCli(['run'], { cwd, env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).not.toContain('build:');
    expect(await siteDigest(join(cwd, 'site'))).toBe(before);
  });

  it('bad usage of the reading commands exits 2', async () => {
    const cwd = await workdir(CONFIG);
    expect((await runCli(['search', 'x', '--limit', '0'], { cwd })).code).toBe(2);
    expect((await runCli(['cite', '123'], { cwd })).code).toBe(2); // --format is required
    expect((await runCli(['serve', '--port', 'http'], { cwd })).code).toBe(2);
    for (const command of ['build', 'search', 'cite', 'serve', 'parse', 'tag']) {
      const help = await runCli([command, '--help'], { cwd });
      expect([command, help.code]).toEqual([command, 0]);
    }
  });
});
