/**
 * `npm run screenshots [-- DIR]`: every page kind of a site built from the fixture corpus (in a temp dir,
 * never published), photographed in Debian's chromium at desktop and phone widths, light and dark, to look
 * at before a change to the site is called done. Writes PNGs to DIR (default a new temp dir) and prints
 * their paths. Full-page shots; the search page after its results are on screen, with a facet applied.
 */
import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFixtureCache, publishFixtureSite, serveSite } from '../render/test-site.ts';
import { launchChromium } from './browser-site.ts';

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

const outDir = process.argv[2] ?? (await mkdtemp(join(tmpdir(), 'evidence-digest-screens-')));
await mkdir(outDir, { recursive: true });
const siteDir = await publishFixtureSite(await makeFixtureCache());

// A study page of each kind worth seeing: the one with the most tags (key facts, "why" lists), and a
// retracted one (its banner), both from the published data export.
const studies = (await readFile(join(siteDir, 'data/studies.jsonl'), 'utf8'))
  .trim()
  .split('\n')
  .map(
    (line) =>
      JSON.parse(line) as {
        pmid: string;
        retraction?: { retracted?: boolean };
        tags?: { design?: { id?: string } } & Record<string, unknown>;
      },
  );
const tagCount = (study: (typeof studies)[number]) => JSON.stringify(study.tags ?? {}).length;
const richest = studies.reduce((a, b) => (tagCount(b) > tagCount(a) ? b : a));
const retracted = studies.find((study) => study.retraction?.retracted === true);
const topic = (await readdir(join(siteDir, 'topics')))[0] ?? '';

const pages: { name: string; path: string; ready?: () => boolean }[] = [
  { name: 'home', path: '/' },
  { name: 'topic', path: `/topics/${topic}/` },
  { name: 'study', path: `/studies/${richest.pmid}/` },
  ...(retracted ? [{ name: 'study-retracted', path: `/studies/${retracted.pmid}/` }] : []),
  {
    // A facet that keeps results on screen: the design of the study with the most tags.
    name: 'search',
    path: `/search/?q=ketamine&design=${richest.tags?.design?.id ?? 'rct'}`,
    ready: () => document.body.dataset.resultsStage === '2',
  },
  { name: 'about', path: '/about/' },
  { name: 'not-found', path: '/no-such-page/' },
];

const server = await serveSite(siteDir);
const browser = await launchChromium();
try {
  for (const scheme of SCHEMES) {
    for (const size of WIDTHS) {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        colorScheme: scheme,
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      for (const shot of pages) {
        await page.goto(`${server.url}${shot.path}`);
        if (shot.ready) await page.waitForFunction(shot.ready, undefined, { timeout: 30_000 });
        const file = join(outDir, `${shot.name}-${size.name}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        process.stdout.write(`${file}\n`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
