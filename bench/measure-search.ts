/**
 * The search bars of PRODUCT.md section 6, measured on a built site (the site bench at 10,000 studies,
 * bench:scale at every size): what each query reads through the loader the page runs (gzip, as a host
 * would send it), and the search page in headless Chromium, a fresh context per run (nothing cached): time
 * to the first result list on screen, from navigation start and from the page loaded, and the query time
 * of typed queries; and, for scale, when a page with no script first paints in the same fresh start.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  emptyFilters,
  type LoadedIndex,
  loadQueryShards,
  loadRows,
  loadWholeIndex,
  openSearchIndex,
  type SearchRequest,
  searchStudies,
} from '../src/search/index.ts';
import { launchChromium } from '../tests/browser/browser-site.ts';
import { serveSite } from '../tests/render/test-site.ts';

export const QUERIES = [
  'esketamine',
  'ketamine depression',
  'TRD',
  'intravenous ketamine suicidal ideation',
  'spravato',
  'protein',
  'randomized controlled trial',
  'cancer -mice',
  'ketam*',
  'bipolar',
  '"major depressive disorder"',
  'dose response',
  'children',
  'meta-analysis',
  'brain',
  'liver',
  'iv infusion',
  'anxiety',
  'pain',
  'placebo',
];

/** The page the first-results figure opens. */
export const FIRST_RESULTS_PAGE = 'search/index.html?q=esketamine&offtopic=show';

export const benchRequest = (q: string): SearchRequest => ({
  q,
  filters: { ...emptyFilters(), includeOffTopic: true },
  sort: null,
  offset: 0,
  limit: 20,
});

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export interface QueryBytes {
  q: string;
  /** gzip bytes of the index files read before the first answer, and for both answers. */
  first: number;
  all: number;
  files: number;
}

export interface IndexBytes {
  perQuery: QueryBytes[];
  /** Every index file (shards, rows, columns): gzip and raw bytes, file count. */
  whole: { gzip: number; raw: number; files: number };
  gzipOf(paths: Iterable<string>): Promise<number>;
}

/** What each query's answers read through the page's loader (meta.json, docs.bin, its shards, the rows shown). */
export async function measureIndexBytes(siteDir: string, queries = QUERIES): Promise<IndexBytes> {
  const readSite = async (path: string) => new Uint8Array(await readFile(join(siteDir, path)));
  const gzipped = new Map<string, number>();
  const gz = async (path: string) => {
    let size = gzipped.get(path);
    if (size === undefined) {
      size = gzipSync(await readSite(path), { level: 6 }).length;
      gzipped.set(path, size);
    }
    return size;
  };
  const gzipOf = async (paths: Iterable<string>) =>
    (await Promise.all([...paths].map(gz))).reduce((a, b) => a + b, 0);
  const perQuery: QueryBytes[] = [];
  for (const q of ['', ...queries]) {
    const read = new Set<string>();
    const recorder = {
      bytes: (path: string) => {
        read.add(path);
        return readSite(path);
      },
    };
    const fresh = await openSearchIndex(recorder);
    const request = { ...benchRequest(q), filters: { ...emptyFilters() } };
    await loadQueryShards(fresh, recorder, q, 1);
    await loadRows(
      fresh,
      recorder,
      searchStudies(fresh, request, 1).hits.map((hit) => hit.doc),
    );
    const first = await gzipOf(read);
    await loadQueryShards(fresh, recorder, q);
    await loadRows(
      fresh,
      recorder,
      searchStudies(fresh, request).hits.map((hit) => hit.doc),
    );
    perQuery.push({ q, first, all: await gzipOf(read), files: read.size });
  }
  const indexFiles = (await readdir(join(siteDir, 'search'), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name !== 'index.html')
    .map((entry) => join(entry.parentPath, entry.name).slice(siteDir.length + 1));
  let raw = 0;
  for (const file of indexFiles) raw += (await stat(join(siteDir, file))).size;
  return { perQuery, whole: { gzip: await gzipOf(indexFiles), raw, files: indexFiles.length }, gzipOf };
}

/**
 * How many term shards hold a posting of `count` studies spread evenly over the index (per part: held /
 * all): the shards a weekly refresh adding that many studies like them would change, whatever the doc
 * numbering. Term-partitioned shards put each of a study's few hundred distinct terms in its own range.
 */
export function shardsHoldingStudies(index: LoadedIndex, count: number): { held: number; all: number }[] {
  const docCount = index.meta.docCount;
  const chosen = new Uint8Array(docCount);
  for (let i = 0; i < count; i++) chosen[Math.floor(((i + 0.5) * docCount) / count)] = 1;
  return index.parts.map((part) => {
    let held = 0;
    for (const shard of part.shards) if (shard?.doc.some((doc) => chosen[doc] === 1)) held++;
    return { held, all: part.shards.length };
  });
}

/** shardsHoldingStudies on a built site, every shard loaded. */
export async function siteShardsHoldingStudies(siteDir: string, count: number) {
  const index = await loadWholeIndex({
    bytes: async (path) => new Uint8Array(await readFile(join(siteDir, path))),
  });
  return shardsHoldingStudies(index, count);
}

/** The payload bars of one site: the page's files plus what "esketamine" and the heaviest queries read. */
export function searchPayload(bytes: IndexBytes, pageBytes: number) {
  const esketamine = bytes.perQuery.find((entry) => entry.q === 'esketamine') as QueryBytes;
  const heaviestFirst = bytes.perQuery.reduce((a, b) => (b.first > a.first ? b : a));
  const heaviestAll = bytes.perQuery.reduce((a, b) => (b.all > a.all ? b : a));
  return { pageBytes, esketamine, heaviestFirst, heaviestAll };
}

export interface BrowserSearch {
  /** ms from navigation start to the first result list, one per run. */
  firstResults: number[];
  /**
   * ms from the search page loaded (DOMContentLoaded ended: HTML parsed, its scripts run) to the first
   * result list, one per run: PRODUCT.md's bar ("first results in under 300 ms after the search page
   * loads").
   */
  afterLoad: number[];
  /**
   * The page load itself, for scale: first contentful paint of the site's static 404 page (no script)
   * in a fresh context, one per run.
   */
  staticPaint: number[];
  /** ms until the abstracts were searched too (the second answer), one per run. */
  fullText: number[];
  /** searchStudies() ms and shard/row loading ms of each typed query. */
  queryMs: number[];
  loadMs: number[];
  /** The page's own files (not the index), as Chromium asked for them. */
  pageFiles: string[];
}

/** The search page of a built site in headless Chromium, `runs` fresh contexts; `typed` queries per run. */
export async function measureSearchInChromium(
  siteDir: string,
  runs: number,
  typed = QUERIES,
): Promise<BrowserSearch> {
  const server = await serveSite(siteDir);
  const browser = await launchChromium();
  const result: BrowserSearch = {
    firstResults: [],
    afterLoad: [],
    staticPaint: [],
    fullText: [],
    queryMs: [],
    loadMs: [],
    pageFiles: [],
  };
  const pageFiles = new Set<string>();
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      if (run === 0) {
        context.on('request', (request) => {
          const path = new URL(request.url()).pathname.slice(1);
          if (!path.startsWith('search/') || path === 'search/index.html') pageFiles.add(path);
        });
      }
      const page = await context.newPage();
      await page.goto(`${server.url}/${FIRST_RESULTS_PAGE}`);
      await page.waitForFunction(() => document.body.dataset.firstResults !== undefined, undefined, {
        timeout: 30_000,
      });
      const [first, loaded] = await page.evaluate(() => [
        performance.getEntriesByName('first-results')[0]?.startTime ?? Number.NaN,
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)
          ?.domContentLoadedEventEnd ?? Number.NaN,
      ]);
      result.firstResults.push(first as number);
      result.afterLoad.push((first as number) - (loaded as number));
      await page.waitForFunction(() => document.body.dataset.resultsStage === '2', undefined, {
        timeout: 60_000,
      });
      result.fullText.push(await page.evaluate(() => performance.now()));
      for (const q of typed) {
        await page.fill('#q', q);
        await page.waitForFunction(
          (query) =>
            new URLSearchParams(location.search).get('q') === query &&
            document.body.dataset.resultsStage === '2',
          q,
        );
        await page.waitForTimeout(30);
        const { lastQueryMs, lastLoadMs } = await page.evaluate(() => document.body.dataset);
        result.queryMs.push(Number(lastQueryMs ?? Number.NaN));
        result.loadMs.push(Number(lastLoadMs ?? Number.NaN));
      }
      await context.close();
      // The same fresh start for a page with no script at all.
      const plain = await browser.newContext();
      const other = await plain.newPage();
      await other.goto(`${server.url}/404.html`);
      await other.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
      result.staticPaint.push(
        await other.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0),
      );
      await plain.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  result.pageFiles = [...pageFiles].sort();
  return result;
}
