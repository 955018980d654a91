/**
 * Temp caches and sites for tests and benches: real fixture records from the fake E-utilities corpus
 * (multipliable), written through the raw cache exactly as a refresh stores them. Never inside the repo.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openRawCache } from '../../src/cache/raw-cache.ts';
import type { RunReport } from '../../src/cache/refresh-state.ts';
import { scanArticleSet } from '../../src/fetch/scan-article-set.ts';
import { DEFAULT_QUERY } from '../../src/query.ts';
import {
  buildSite,
  bundleAssets,
  type LoadedCache,
  loadStudies,
  loadTemplates,
  runBuildCommand,
  runServeCommand,
  type SiteFiles,
  type SiteInput,
} from '../../src/render/index.ts';
import { defaultRules } from '../../src/tag/index.ts';
import { startFakeEutils } from '../fake-eutils/index.ts';

const HEADER =
  '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n';

export function articleSet(records: string[]): Buffer {
  return Buffer.from(`${HEADER}${records.join('\n')}\n</PubmedArticleSet>\n`);
}

/** A cache in a new temp dir holding the fixture corpus (times `multiplier`) plus any extra record XML. */
export async function makeFixtureCache(
  options: { multiplier?: number; extra?: string[]; limit?: number; now?: () => Date } = {},
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'digest-cache-'));
  const fake = await startFakeEutils({ multiplier: options.multiplier ?? 1, rateLimitPerSecond: null });
  try {
    const pmids = fake.pmids().slice(0, options.limit ?? Number.POSITIVE_INFINITY);
    const cache = await openRawCache(dir, options.now);
    for (let i = 0; i < pmids.length; i += 200) {
      const body = articleSet(pmids.slice(i, i + 200).map((pmid) => fake.recordXml(pmid) as string));
      await cache.saveEfetch(body, scanArticleSet(body).records, []);
    }
    if (options.extra && options.extra.length > 0) {
      const body = articleSet(options.extra);
      await cache.saveEfetch(body, scanArticleSet(body).records, []);
    }
    await cache.compact();
  } finally {
    await fake.close();
  }
  return dir;
}

/** A complete run report with nothing in it; `overrides` say what the run found. */
export function testRunReport(overrides: Partial<RunReport>): RunReport {
  return {
    runId: '2027-03-01T06-00-00-000Z',
    status: 'complete',
    mode: 'incremental',
    resumedFrom: null,
    startedAt: '2027-03-01T06:00:00.000Z',
    finishedAt: '2027-03-01T06:01:00.000Z',
    durationMs: 60_000,
    database: 'PubMed',
    interface: 'NCBI E-utilities',
    eutilsBaseUrl: 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/',
    query: DEFAULT_QUERY,
    searches: [],
    counts: {
      matched: 0,
      fetched: 0,
      new: 0,
      updated: 0,
      unchanged: 0,
      newlyRetracted: 0,
      withdrawn: 0,
      reinstated: 0,
      offTopic: 0,
      failed: 0,
    },
    new: [],
    updated: [],
    newlyRetracted: [],
    withdrawn: [],
    reinstated: [],
    offTopic: [],
    failed: [],
    requests: 2,
    retries: 0,
    rateLimited: 0,
    watermark: { before: null, after: null },
    error: null,
    ...overrides,
  };
}

/** What `build` gives buildSite for a loaded cache, with the tests' site URL and title; `extra` overrides. */
export function testSiteInput(loaded: LoadedCache, extra: Partial<SiteInput> = {}): SiteInput {
  return {
    studies: loaded.studies,
    problems: loaded.problems,
    manifest: loaded.manifest,
    runs: loaded.runs,
    query: DEFAULT_QUERY,
    rules: defaultRules,
    siteUrl: 'https://digest.example.org/',
    siteTitle: 'Test digest',
    citations: loaded.citations,
    ...extra,
  };
}

/** The whole site in memory, as `build` renders it (without publishing). */
export async function buildTestSite(cacheDir: string): Promise<{ files: SiteFiles; studies: number }> {
  const loaded = await loadStudies(cacheDir);
  const [templates, scripts] = await Promise.all([loadTemplates(), bundleAssets()]);
  const files = buildSite(testSiteInput(loaded), templates, scripts);
  return { files, studies: loaded.studies.length };
}

export function text(files: SiteFiles, path: string): string {
  const content = files.get(path);
  if (content === undefined) throw new Error(`${path} not in the built site`);
  return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
}

/** Builds and publishes the site of a cache into a new temp dir, as `evidence-digest build` does. */
export async function publishFixtureSite(cacheDir: string): Promise<string> {
  const siteDir = join(await mkdtemp(join(tmpdir(), 'site-')), 'site');
  const code = await runBuildCommand({
    cacheDir,
    outDir: siteDir,
    now: () => new Date(),
    query: DEFAULT_QUERY,
    stderr: new PassThrough(),
  });
  if (code !== 0) throw new Error(`the site of ${cacheDir} did not build`);
  return siteDir;
}

/** Serves a built site on 127.0.0.1 (a free port), as `evidence-digest serve` does. */
export async function serveSite(siteDir: string): Promise<{ url: string; close(): Promise<void> }> {
  let stop!: () => void;
  let port = 0;
  const served = runServeCommand({
    siteDir,
    port: 0,
    stderr: new PassThrough(),
    until: new Promise((resolve) => (stop = resolve)),
    onListening: (p) => (port = p),
  });
  while (port === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      stop();
      await served;
    },
  };
}
