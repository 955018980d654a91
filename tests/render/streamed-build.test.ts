/**
 * The streaming build (`evidence-digest build`) against the in-memory buildSite: the same cache and run
 * history give the same site byte for byte, though the streaming build never holds a full record on its
 * main thread and writes study pages on its worker threads. Then incremental rebuilds: an unchanged page
 * is hard-linked from the published site, and a change re-renders exactly the pages it shows on.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRawCache } from '../../src/cache/raw-cache.ts';
import { openStagedSite } from '../../src/publish/index.ts';
import { DEFAULT_QUERY } from '../../src/query.ts';
import {
  buildSite,
  buildSiteFromCache,
  bundleAssets,
  loadStudies,
  loadTemplates,
  PAGE_KEYS_FILE,
  POSTINGS_STATE_FILE,
  type SiteFiles,
  STUDIES_STATE_FILE,
} from '../../src/render/index.ts';
import { preparedStoreDir } from '../../src/render/prepared-store.ts';
import { markStudies, type RefreshHistory } from '../../src/render/refresh-history.ts';
import { defaultRules } from '../../src/tag/index.ts';
import { makeFixtureCache, testRunReport, testSiteInput } from './test-site.ts';

async function siteOnDisk(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name).slice(dir.length + 1);
    if (path === PAGE_KEYS_FILE || path === STUDIES_STATE_FILE || path === POSTINGS_STATE_FILE) continue;
    files.set(path, await readFile(join(dir, path)));
  }
  return files;
}

async function flipByte(file: string, at: number): Promise<void> {
  const bytes = await readFile(file);
  bytes[at] = (bytes[at] as number) ^ 0x01;
  await writeFile(file, bytes);
}

function expectSameSite(onDisk: Map<string, Buffer>, inMemory: SiteFiles): void {
  expect([...onDisk.keys()].sort()).toEqual([...inMemory.keys()].sort());
  const differing = [...inMemory]
    .filter(([path, content]) => !Buffer.from(content).equals(onDisk.get(path) as Buffer))
    .map(([path]) => path);
  expect(differing).toEqual([]);
}

describe('streaming build', () => {
  // Build threads and a search index thread, as a cache of 400 records or more gets; or the calling
  // thread alone (a small cache). The threads render pages from the lines they hold, up to a budget:
  // with a small one, most pages are read back from the store.
  it.each([
    ['on build threads', { workers: 2, minJobsForWorkers: 1, batchSize: 50 }],
    [
      'on build threads holding few lines',
      { workers: 2, minJobsForWorkers: 1, batchSize: 50, heldBytes: 300_000 },
    ],
    ['on the calling thread', { workers: 1, batchSize: 50 }],
  ])(
    'writes the bytes buildSite makes, then re-renders only the pages a change shows on (%s)',
    async (_, threads) => {
      // Studies are carried from the published site only where a search index thread takes their postings.
      const carries = threads.workers > 1;
      const cacheDir = await makeFixtureCache();
      const { manifest } = await openRawCache(cacheDir, undefined, { readOnly: true });
      const loaded = await loadStudies(cacheDir);
      // The first build starts cold, as a first `build` of a fetched cache does: loadStudies stored every
      // study, and the threads are to make each line now and render its page from the bytes they hold.
      await rm(preparedStoreDir(cacheDir), { recursive: true });
      const onTopic = loaded.studies.filter((study) => study.tags.relevance.id === 'on-topic');
      // A record that is retracted in the cache, noticed by the last run; another withdrawn.
      const retracted = loaded.studies.find((study) => study.record.retraction.retracted)?.record.pmid ?? '';
      const withdrawn = onTopic[2]?.record.pmid ?? '';
      const history: RefreshHistory = {
        reports: [testRunReport({ newlyRetracted: [retracted], startedAt: '2027-03-15T06:00:00.000Z' })],
        withdrawn: { [withdrawn]: { at: '2027-03-15T06:00:00.000Z', reason: 'deleted from PubMed' } },
      };
      const [templates, scripts] = await Promise.all([loadTemplates(), bundleAssets()]);
      const siteDir = join(await mkdtemp(join(tmpdir(), 'digest-streamed-')), 'site');
      const build = async (h: RefreshHistory) => {
        // As `evidence-digest build` does: write into the spare, keep the replaced site as the next spare.
        const stage = await openStagedSite(siteDir, { reuseSpare: true });
        const result = await buildSiteFromCache(
          {
            cacheDir,
            manifest,
            history: h,
            runs: loaded.runs,
            query: DEFAULT_QUERY,
            rules: defaultRules,
            siteUrl: 'https://digest.example.org/',
            siteTitle: 'Test digest',
            assets: Promise.resolve([templates, scripts]),
          },
          stage,
          threads,
        );
        await stage.publish({ removeOld: 'spare' });
        return result;
      };
      const spareDir = join(siteDir, '..', '.site.spare');
      const inMemory = (h: RefreshHistory) =>
        buildSite(
          testSiteInput(loaded, { studies: markStudies(loaded.studies, h), history: h }),
          templates,
          scripts,
        );

      const first = await build(history);
      expect(first.problems).toEqual(loaded.problems);
      expect(first.rendered).toBe(loaded.studies.length);
      expect(first.reused).toBe(0);
      const expected = inMemory(history);
      expectSameSite(await siteOnDisk(siteDir), expected);
      expect(expected.get(`studies/${retracted}/index.html`)?.toString()).toContain(
        'Retracted (newly: found by the refresh of 15 March 2027)',
      );
      expect(expected.get(`studies/${withdrawn}/index.html`)?.toString()).toContain(
        'Withdrawn from the digest</strong> on 15 March 2027: deleted from PubMed.',
      );

      // Nothing changed: every study page and download is the published file, linked, not written again,
      // and every study comes from its stored summary, without its record being read; but one summary
      // that fails its checksum is a miss: that study alone is made again from its stored line. (The
      // published site's studies are not carried: its postings file does not add up.)
      const store = join(cacheDir, 'derived', 'prepared');
      const storeIndex = async () =>
        (
          JSON.parse(await readFile(join(store, 'index.json'), 'utf8')) as {
            entries: [string, string, number, number, number][];
          }
        ).entries;
      const summaryEntry = (await storeIndex()).find(([key]) => key.split('.').length === 4);
      if (summaryEntry === undefined) throw new Error('the store holds no summaries');
      await flipByte(join(store, summaryEntry[1]), summaryEntry[2] + 20);
      if (carries) await flipByte(join(siteDir, POSTINGS_STATE_FILE), 40);
      const page = join(siteDir, `studies/${onTopic[0]?.record.pmid}/index.html`);
      const before = await stat(page);
      const second = await build(history);
      expect(second).toMatchObject({
        rendered: 0,
        reused: loaded.studies.length,
        parsed: 0,
        derived: 0,
        summarized: loaded.studies.length - 1,
        carried: 0,
      });
      expect((await stat(page)).ino).toBe(before.ino);
      expectSameSite(await siteOnDisk(siteDir), expected);
      // The first site is now the spare, sharing its unchanged files with the published one.
      expect((await stat(join(spareDir, `studies/${onTopic[0]?.record.pmid}/index.html`))).ino).toBe(
        before.ino,
      );

      // One more study withdrawn: its page changes, and so do the pages that show it as a similar study.
      const another = onTopic[3]?.record.pmid ?? '';
      const changed: RefreshHistory = {
        ...history,
        withdrawn: {
          ...history.withdrawn,
          [another]: { at: '2027-03-22T06:00:00.000Z', reason: 'deleted from PubMed' },
        },
      };
      // This build is written into the spare (the first site): litter there that this build does not
      // write (an index shard of an older site, a study no longer in the cache) must not survive it.
      await writeFile(join(spareDir, 'search/stale-shard.bin'), 'old');
      await mkdir(join(spareDir, 'studies/999999999'), { recursive: true });
      await writeFile(join(spareDir, 'studies/999999999/index.html'), 'a study no longer in the cache');
      await mkdir(join(spareDir, 'topics/gone'), { recursive: true });
      await writeFile(join(spareDir, 'topics/gone/index.html'), 'a topic no longer in the rules');
      // With a search index thread, every study but the one withdrawn is carried from the published
      // site: its export lines copied from the published exports (around the gap the withdrawn study
      // leaves in them), its search postings from the published ones.
      const third = await build(changed);
      expect(third.carried).toBe(carries ? loaded.studies.length - 1 : 0);
      const after = inMemory(changed);
      expectSameSite(await siteOnDisk(siteDir), after);
      const pagesChanged = [...after.keys()].filter(
        (path) =>
          path.endsWith('/index.html') &&
          path.startsWith('studies/') &&
          after.get(path) !== expected.get(path),
      );
      expect(pagesChanged).toContain(`studies/${another}/index.html`);
      expect(third.rendered).toBe(pagesChanged.length);
      expect(third.reused).toBe(loaded.studies.length - pagesChanged.length);
      // The second site (now the spare) kept the bytes it was published with: nothing wrote into a file
      // the two sites shared.
      expectSameSite(await siteOnDisk(spareDir), expected);

      // Built again: the spare (the second site) lacks the changed page, the published one has it, but
      // without one of its downloads (lost, say). The page is rendered again instead, though its stored
      // line no longer reads back (the store is derived data: it is parsed again), and the published
      // files that were linked before the missing one are replaced, not written into.
      const line = (await storeIndex()).find(
        ([key]) => key.startsWith(`${another}.`) && key.split('.').length === 3,
      );
      if (line === undefined) throw new Error(`no stored line for PMID ${another}`);
      await flipByte(join(store, line[1]), line[2] + 20);
      await rm(join(siteDir, `studies/${another}/citation.json`));
      // The spare as if built by other code that wrote one more file for a study: a study folder kept
      // as it is must still lose what this code does not write.
      const spareKeys = JSON.parse(await readFile(join(spareDir, PAGE_KEYS_FILE), 'utf8'));
      await writeFile(join(spareDir, PAGE_KEYS_FILE), JSON.stringify({ ...spareKeys, code: 'other code' }));
      await writeFile(join(spareDir, `studies/${onTopic[0]?.record.pmid}/citation.xml`), 'old download');
      const fourth = await build(changed);
      expect(fourth).toMatchObject({
        rendered: pagesChanged.length,
        reused: loaded.studies.length - pagesChanged.length,
        parsed: 0,
        summarized: loaded.studies.length,
        carried: carries ? loaded.studies.length : 0,
      });
      expectSameSite(await siteOnDisk(siteDir), after);
      // The third site, now the spare, is as it was published, less the download removed above.
      const thirdSite = new Map(after);
      thirdSite.delete(`studies/${another}/citation.json`);
      expectSameSite(await siteOnDisk(spareDir), thirdSite);
      expect((await readdir(join(siteDir, '..'))).sort()).toEqual(['.site.spare', 'site']);

      // A published export that no longer adds up (edited by hand, say): nothing is carried, and the site
      // is still the one buildSite makes. (Without the spare, which lacks the download removed above.)
      await rm(spareDir, { recursive: true });
      await writeFile(join(siteDir, 'data/studies.csv'), 'edited\r\n', { flag: 'a' });
      const fifth = await build(changed);
      expect(fifth).toMatchObject({ parsed: 0, summarized: loaded.studies.length, carried: 0 });
      expectSameSite(await siteOnDisk(siteDir), after);
    },
    180_000,
  );
});
