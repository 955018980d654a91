import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openRawCache } from '../cache/raw-cache.ts';
import { DigestError, describeError } from '../errors.ts';
import { publishSite } from '../publish/index.ts';
import { DEFAULT_QUERY } from '../query.ts';
import { defaultRules } from '../tag/index.ts';
import { buildFingerprint } from './build-fingerprint.ts';
import { buildSite, buildSiteOnWorkers } from './build-site.ts';
import { bundleAssets } from './bundle-assets.ts';
import { type LoadedCache, loadStudies } from './load-studies.ts';
import { loadTemplates, type TemplateSources } from './load-templates.ts';
import { historyKey, markStudies, type RefreshHistory, readRefreshHistory } from './refresh-history.ts';
import type { SiteInput } from './site-input.ts';

export interface BuildCommandOptions {
  cacheDir: string;
  outDir: string;
  now: () => Date;
  query: string;
  stderr: NodeJS.WritableStream;
  /** Absolute URL the site will be served from, for the feed and sitemap (optional). */
  siteUrl?: string | null;
  siteTitle?: string;
  /** Rebuild even when the fingerprint says the published site is current. */
  force?: boolean;
}

export const BUILD_INFO_FILE = '.evidence-digest-build.json';
const DEFAULT_TITLE = 'Ketamine for depression: evidence digest';

/**
 * `evidence-digest build`: cache -> site, offline. Exit 0 when the site is published (or already current),
 * 1 when nothing was published (the previous site is untouched). Records that fail to parse are reported
 * and left out; they do not fail the build.
 */
export async function runBuildCommand(options: BuildCommandOptions): Promise<number> {
  const { stderr } = options;
  const started = options.now().getTime();
  const elapsed = () => `${((options.now().getTime() - started) / 1000).toFixed(1)} s`;
  try {
    await requireCache(options.cacheDir);
    const cache = await openRawCache(options.cacheDir, options.now, { readOnly: true });
    const siteUrl = normaliseSiteUrl(options.siteUrl ?? null);
    const siteTitle = options.siteTitle ?? DEFAULT_TITLE;
    const runs = await listRunsFor(options.cacheDir);
    const history = await readRefreshHistory(options.cacheDir, cache.manifest);
    const fingerprint = await buildFingerprint({
      manifest: cache.manifest,
      runs: [...runs, ...historyKey(history)],
      options: { query: options.query, siteUrl, siteTitle },
    });
    if (!options.force && (await publishedFingerprint(options.outDir)) === fingerprint) {
      stderr.write(
        `build: ${options.outDir} is already built from this cache and code; nothing to do (${elapsed()})\n`,
      );
      return 0;
    }
    const recordCount = Object.keys(cache.manifest.records).length;
    stderr.write(`build: ${recordCount} records in ${options.cacheDir}\n`);
    if (recordCount === 0)
      stderr.write(
        'build: warning: the cache holds no records (run refresh first); building an empty site\n',
      );
    // Templates and the browser bundle (esbuild, its own process) get ready while the records load.
    const assets = Promise.all([loadTemplates(), bundleAssets()]);
    assets.catch(() => {});
    // The workers that prepare the studies keep them and render their pages once the whole site is known;
    // the caches are written meanwhile.
    const loaded = await loadStudies(options.cacheDir, {
      warn: (message) => stderr.write(`build: warning: ${message}\n`),
      keepForPages: true,
      persist: 'background',
    });
    try {
      return await buildAndPublish(options, loaded, assets, {
        fingerprint,
        siteUrl,
        siteTitle,
        elapsed,
        history,
      });
    } finally {
      await loaded.pages?.close();
      await loaded.persisted;
    }
  } catch (error) {
    stderr.write(
      `build: failed, nothing published (the previous site is untouched): ${describeError(error)}\n`,
    );
    return 1;
  }
}

async function buildAndPublish(
  options: BuildCommandOptions,
  loaded: LoadedCache,
  assets: Promise<[TemplateSources, Record<string, string>]>,
  site: {
    fingerprint: string;
    siteUrl: string | null;
    siteTitle: string;
    elapsed: () => string;
    history: RefreshHistory;
  },
): Promise<number> {
  const { stderr } = options;
  const { fingerprint, siteUrl, siteTitle, elapsed, history } = site;
  for (const problem of loaded.problems.slice(0, 20))
    stderr.write(`build: skipped PMID ${problem.pmid}: ${problem.message}\n`);
  if (loaded.problems.length > 20)
    stderr.write(`build: ... and ${loaded.problems.length - 20} more unreadable records\n`);
  stderr.write(
    `build: parsed and tagged ${loaded.studies.length} studies (${loaded.parsedFromCache} parsed and ${loaded.taggedFromCache} tagged earlier) in ${elapsed()}\n`,
  );
  const [templates, scripts] = await assets;
  const input: SiteInput = {
    studies: markStudies(loaded.studies, history),
    history,
    problems: loaded.problems,
    manifest: loaded.manifest,
    runs: loaded.runs,
    query: options.query || DEFAULT_QUERY,
    rules: defaultRules,
    siteUrl,
    siteTitle,
    citations: loaded.citations,
  };
  const files = loaded.pages
    ? await buildSiteOnWorkers(input, templates, scripts, loaded.pages)
    : buildSite(input, templates, scripts);
  await loaded.pages?.close();
  await loaded.persisted;
  files.set(
    BUILD_INFO_FILE,
    `${JSON.stringify({ fingerprint, builtAt: options.now().toISOString(), studies: loaded.studies.length })}\n`,
  );
  stderr.write(`build: rendered ${files.size} files in ${elapsed()}\n`);
  const published = await publishSite(files, options.outDir, { removeOld: 'background' });
  const onTopic = loaded.studies.filter((s) => s.tags.relevance.id === 'on-topic').length;
  stderr.write(
    `build: published ${published.files} files (${(published.bytes / 1e6).toFixed(1)} MB) to ${published.outDir}: ` +
      `${onTopic} studies in the digest, ${loaded.studies.length - onTopic} off-topic, ${loaded.problems.length} unreadable, in ${elapsed()}\n`,
  );
  return 0;
}

async function publishedFingerprint(outDir: string): Promise<string | null> {
  try {
    return (
      (JSON.parse(await readFile(join(outDir, BUILD_INFO_FILE), 'utf8')) as { fingerprint?: string })
        .fingerprint ?? null
    );
  } catch {
    // No previous build (or an unreadable note): build in full.
    return null;
  }
}

/** A read-only open of a missing folder sees an empty cache; a build from it would publish an empty site. */
async function requireCache(cacheDir: string): Promise<void> {
  try {
    await stat(join(cacheDir, 'cache.json'));
  } catch (error) {
    throw new DigestError('SITE_BUILD_FAILED', `no cache at ${cacheDir} (run refresh first)`, {
      cause: error,
      context: { file: cacheDir },
    });
  }
}

async function listRunsFor(cacheDir: string): Promise<string[]> {
  try {
    return (await readdir(join(cacheDir, 'raw', 'esearch'))).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function normaliseSiteUrl(url: string | null): string | null {
  if (url === null || url === '') return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new Error(`site URL must be http(s): ${url}`);
  return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}
