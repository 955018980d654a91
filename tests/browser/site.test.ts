import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSite, HOSTILE_PMID, startBrowserSite } from './browser-site.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let site: BrowserSite;
// The whole fixture corpus beside the 80 records of `site`: its evidence map and timeline are as wide as a
// real digest's, wider than a phone, and its search results carry highlighted words in title links.
let full: BrowserSite;

beforeAll(async () => {
  [site, full] = await Promise.all([
    startBrowserSite(),
    startBrowserSite({ limit: Number.POSITIVE_INFINITY }),
  ]);
}, 120_000);
afterAll(async () => Promise.all([site?.close(), full?.close()]));

async function openPage(
  path: string,
  options: {
    bypassCSP?: boolean;
    viewport?: { width: number; height: number };
    colorScheme?: 'light' | 'dark';
    on?: BrowserSite;
  } = {},
) {
  const on = options.on ?? site;
  const context = await on.browser.newContext({
    bypassCSP: options.bypassCSP ?? false,
    acceptDownloads: true,
    ...(options.viewport ? { viewport: options.viewport } : {}),
    colorScheme: options.colorScheme ?? 'light',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: on.url });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('request', (request) => {
    if (
      !request.url().startsWith(on.url) &&
      !request.url().startsWith('blob:') &&
      !request.url().startsWith('data:')
    )
      foreign.push(request.url());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${on.url}/${path}`);
  return { page, context, dialogs, foreign, errors };
}

const resultsReady = (page: import('playwright-core').Page) =>
  page.waitForFunction(() => document.body.dataset.resultsStage === '2', undefined, { timeout: 20_000 });

describe('search page', () => {
  it('finds studies with synonyms, highlights matches and keeps the query in the URL', async () => {
    const { page, context, errors } = await openPage('search/index.html');
    await page.fill('#q', 'spravato');
    await page.waitForURL(/q=spravato/);
    await resultsReady(page);
    await page.waitForSelector('#results li');
    const titles = await page.locator('#results .card-title').allTextContents();
    expect(titles.some((title) => /esketamine/i.test(title))).toBe(true);
    expect(await page.locator('#results mark').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters by facet, shows counts, and reopens a shared URL with the same state', async () => {
    const { page, context } = await openPage('search/index.html?offtopic=show');
    await resultsReady(page);
    const before = await page.locator('#status').textContent();
    await page.check('#f-design-rct');
    await page.waitForURL(/design=rct/);
    await page.waitForFunction((text) => document.getElementById('status')?.textContent !== text, before);
    const badges = await page.locator('#results .badge-design').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['Randomised controlled trial']));
    expect(await page.locator('[data-count-for="design:rct"]').textContent()).toMatch(/^\(\d+\)$/);
    // Off-topic shown and one design: both count, so a folded filter list still says why results are few.
    expect(await page.locator('#active-filters').textContent()).toBe('(2 active)');
    const shared = page.url();
    const again = await openPage(shared.slice(site.url.length + 1));
    await resultsReady(again.page);
    expect(await again.page.isChecked('#f-design-rct')).toBe(true);
    expect(await again.page.locator('#results .badge-design').allTextContents()).toEqual(badges);
    await again.context.close();
    await context.close();
  });

  it("answers when search-boot.js's early fetch of the index fails (the engine fetches it again)", async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const asked: string[] = [];
    let refused = false;
    // The first request for meta.json (search-boot.js's, made while the page parses) gets a 503.
    await page.route('**/search/meta.json', async (route) => {
      asked.push(route.request().url());
      if (!refused) {
        refused = true;
        await route.fulfill({ status: 503, body: 'busy' });
      } else await route.continue();
    });
    await page.goto(`${site.url}/search/index.html?q=spravato`);
    await resultsReady(page);
    expect(asked).toHaveLength(2);
    expect(await page.locator('#status').textContent()).toMatch(/^1–\d+ of \d+ studies\.$/);
    const unaffected = await openPage('search/index.html?q=spravato');
    await resultsReady(unaffected.page);
    expect(await page.locator('#results .card-title').allTextContents()).toEqual(
      await unaffected.page.locator('#results .card-title').allTextContents(),
    );
    await unaffected.context.close();
    await context.close();
  });

  it('says so when the index cannot be read at all', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.route('**/search/docs.bin', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`${site.url}/search/index.html?q=spravato`);
    await page.waitForFunction(() =>
      document.getElementById('status')?.textContent?.startsWith('Search is unavailable'),
    );
    expect(await page.locator('#status').textContent()).toBe(
      'Search is unavailable: search/docs.bin: HTTP 404',
    );
    await context.close();
  });

  it('says which filters leave nothing, when nothing matches', async () => {
    const { page, context } = await openPage(
      'search/index.html?q=ketamine&design=rct&route=sublingual&route=intramuscular&level=5',
    );
    await resultsReady(page);
    expect(await page.locator('#active-filters').textContent()).toBe('(4 active)');
    expect(await page.locator('#status').textContent()).toBe(
      'No studies match with the 4 filters set ("Clear all" searches everything).',
    );
    await page.click('#clear');
    await resultsReady(page);
    expect(await page.locator('#active-filters').textContent()).toBe('');
    await context.close();
  });

  it('works from the keyboard: / focuses the box, arrows walk the results', async () => {
    const { page, context } = await openPage('search/index.html?q=ketamine&offtopic=show');
    await resultsReady(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('card-title');
    await context.close();
  });

  it('exports the result list as RIS', async () => {
    const { page, context } = await openPage('search/index.html?q=esketamine');
    await resultsReady(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-ris')]);
    const path = await download.path();
    const ris = readFileSync(path as string, 'utf8');
    expect(ris).toContain('TY  - JOUR');
    expect(ris).toContain(`AN  - ${HOSTILE_PMID}`);
    await context.close();
  });
});

describe('study page', () => {
  it('copies citations to the clipboard', async () => {
    const { page, context } = await openPage(`studies/${HOSTILE_PMID}/index.html`);
    await page.click('button[data-copy="cite-vancouver"]');
    await page.waitForFunction(() => document.querySelector('.copy-status')?.textContent?.includes('copied'));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^<script>alert\(“xss-title”\)<\/script>/);
    await context.close();
  });
});

describe('hostile text', () => {
  for (const bypassCSP of [false, true]) {
    it(`never runs, ${bypassCSP ? 'even with the CSP switched off' : 'under the CSP'}`, async () => {
      for (const path of [
        `studies/${HOSTILE_PMID}/index.html`,
        'index.html',
        'topics/efficacy/index.html',
        'about/index.html',
        'search/index.html?q=esketamine',
      ]) {
        const { page, context, dialogs } = await openPage(path, { bypassCSP });
        if (path.startsWith('search')) await resultsReady(page);
        await page.waitForTimeout(100);
        expect(dialogs, path).toEqual([]);
        expect(await page.locator('img[src="x"], svg[onload]').count(), path).toBe(0);
        await context.close();
      }
    });
  }
});

/** One page of every kind; the study page is the one whose every field holds hostile text. */
const PAGE_KINDS = [
  'index.html',
  'topics/efficacy/index.html',
  `studies/${HOSTILE_PMID}/index.html`,
  'search/index.html?q=ketamine&offtopic=show',
  'about/index.html',
  'missing-page',
];

describe('accessibility and origins', () => {
  // Dark mode has colours of its own (contrast, highlighted words in links), and on a phone the wide tables
  // become scroll boxes that keyboard users must be able to reach.
  it.each([
    {
      look: 'light, desktop, 80 records',
      colorScheme: 'light',
      viewport: { width: 1280, height: 800 },
      corpus: 'sample',
    },
    {
      look: 'dark, phone, whole corpus',
      colorScheme: 'dark',
      viewport: { width: 390, height: 844 },
      corpus: 'full',
    },
  ] as const)(
    'axe finds no serious or critical violation on any page kind ($look), and no page asks another origin',
    async ({ colorScheme, viewport, corpus }) => {
      const found: string[] = [];
      const on = corpus === 'full' ? full : site;
      for (const path of PAGE_KINDS) {
        const { page, context, foreign } = await openPage(path, {
          bypassCSP: true,
          colorScheme,
          viewport,
          on,
        });
        if (path.startsWith('search')) await resultsReady(page);
        await page.evaluate(axeSource);
        const results = (await page.evaluate(() =>
          (window as unknown as { axe: { run(): Promise<unknown> } }).axe.run(),
        )) as {
          violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
        };
        for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
          found.push(
            `${path}: ${v.id} (${v.impact}) ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          );
        }
        expect(foreign, path).toEqual([]);
        await context.close();
      }
      expect(found).toEqual([]);
    },
  );
});

describe('phone layout', () => {
  // Wide tables (the evidence map, the timeline's numbers, the rule tables) scroll sideways inside their own
  // box; the page itself must not, or a clinician on a phone pans the whole page to read a row. 320 CSS px
  // is the width WCAG 2.1's reflow criterion (1.4.10) asks content to fit without sideways scrolling.
  it.each([320, 390])('at %i px wide, no page kind is wider than the screen', async (width) => {
    const wide: string[] = [];
    for (const path of PAGE_KINDS) {
      const { page, context } = await openPage(path, { viewport: { width, height: 800 }, on: full });
      if (path.startsWith('search')) await resultsReady(page);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width) wide.push(`${path}: ${scrollWidth} px`);
      await context.close();
    }
    expect(wide).toEqual([]);
  });
});
