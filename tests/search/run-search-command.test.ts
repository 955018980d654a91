import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyFilters, loadWholeIndex, runSearchCommand, searchStudies } from '../../src/search/index.ts';
import { hostileRecordXml } from '../render/hostile-record.ts';
import { makeFixtureCache, publishFixtureSite } from '../render/test-site.ts';

let siteDir = '';
beforeAll(async () => {
  const cacheDir = await makeFixtureCache({ extra: [hostileRecordXml()] });
  siteDir = await publishFixtureSite(cacheDir);
});

async function search(query: string, json = true) {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk) => (out += chunk));
  const code = await runSearchCommand(query, { siteDir, limit: 10, json, stdout, stderr: new PassThrough() });
  return { code, out };
}

describe('evidence-digest search', () => {
  it('ranks exactly as the shared query function over the published index', async () => {
    const index = await loadWholeIndex({
      bytes: async (path) => new Uint8Array(await readFile(join(siteDir, path))),
    });
    for (const q of ['ketamine depression', 'esketamine', 'protein', 'cancer -mice']) {
      const direct = searchStudies(index, { q, filters: emptyFilters(), sort: null, offset: 0, limit: 10 });
      const { code, out } = await search(q);
      expect(code).toBe(0);
      const parsed = JSON.parse(out) as { total: number; results: { pmid: string }[] };
      expect(parsed.total).toBe(direct.total);
      expect(parsed.results.map((r) => r.pmid)).toEqual(direct.hits.map((h) => index.pmids?.[h.doc]));
    }
  });

  it('takes the search page URL parameters after a ?', async () => {
    const all = JSON.parse((await search('protein?offtopic=show')).out) as { total: number };
    const onTopic = JSON.parse((await search('protein')).out) as { total: number };
    expect(all.total).toBeGreaterThan(onTopic.total);
  });

  it('prints readable lines and exits 1 without a site', async () => {
    const { code, out } = await search('esketamine', false);
    expect(code).toBe(0);
    expect(out).toContain('99999901');
    const missing = await runSearchCommand('x', {
      siteDir: join(siteDir, 'nope'),
      limit: 5,
      json: false,
      stdout: new PassThrough(),
      stderr: new PassThrough(),
    });
    expect(missing).toBe(1);
  });
});
