import { describe, expect, it } from 'vitest';
import {
  buildSite,
  buildSiteOnWorkers,
  bundleAssets,
  loadStudies,
  loadTemplates,
  type SiteFiles,
} from '../../src/render/index.ts';
import { hostileRecordXml } from './hostile-record.ts';
import { makeFixtureCache, testSiteInput } from './test-site.ts';

const HOSTILE_PMID = '99999901';

describe('study pages rendered on the build workers', () => {
  it('are byte for byte the pages the main thread renders, in the same order, with every other file the same', async () => {
    const cacheDir = await makeFixtureCache({ multiplier: 2, extra: [hostileRecordXml(HOSTILE_PMID)] });
    // Workers for any number of records, each keeping the studies it prepared, as `build` does.
    const loaded = await loadStudies(cacheDir, {
      keepForPages: true,
      minJobsForWorkers: 1,
      workers: 2,
      batchSize: 25,
    });
    const [templates, scripts] = await Promise.all([loadTemplates(), bundleAssets()]);
    const input = testSiteInput(loaded);
    if (loaded.pages === null) throw new Error('expected the studies to stay on the workers');
    // The same studies rendered on the main thread (the cite boxes the workers kept are made again here).
    const onMain = buildSite(input, templates, scripts);
    const onWorkers = await buildSiteOnWorkers(input, templates, scripts, loaded.pages);

    const paths = [...onWorkers.keys()];
    expect(paths).toEqual([...onMain.keys()]);
    const bytes = (files: SiteFiles, path: string) => Buffer.from(files.get(path) ?? 'missing');
    expect(paths.filter((path) => !bytes(onWorkers, path).equals(bytes(onMain, path)))).toEqual([]);
    const pages = paths.filter((path) => /^studies\/\d+\/index\.html$/.test(path));
    expect(pages).toHaveLength(loaded.studies.length);
    expect(loaded.studies.length).toBeGreaterThan(700);
    expect(loaded.citations.size).toBe(0);
    // The comparison covers pages that show other studies, which a worker may not hold itself.
    const withSimilar = pages.filter((path) => (onWorkers.get(path) as string).includes('id="similar-h"'));
    expect(withSimilar.length).toBeGreaterThan(50);
    expect(onWorkers.get(`studies/${HOSTILE_PMID}/index.html`)).toContain('&lt;script&gt;');
  }, 120_000);
});
