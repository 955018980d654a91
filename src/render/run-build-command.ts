import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openRawCache } from '../cache/raw-cache.ts';
import { DigestError, describeError } from '../errors.ts';
import { openStagedSite } from '../publish/index.ts';
import { DEFAULT_QUERY } from '../query.ts';
import { defaultRules } from '../tag/index.ts';
import { buildFingerprint } from './build-fingerprint.ts';
import { buildSiteFromCache, type StreamedBuildResult } from './build-site-from-cache.ts';
import { bundleAssets } from './bundle-assets.ts';
import { listRuns } from './load-studies.ts';
import { loadTemplates } from './load-templates.ts';
import { historyKey, readRefreshHistory } from './refresh-history.ts';

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
    const runs = await listRuns(options.cacheDir);
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
    // Templates and the browser bundle (esbuild, its own process) get ready while the records are prepared.
    const assets = Promise.all([loadTemplates(), bundleAssets()]);
    assets.catch(() => {});
    // The site published before the current one is kept as a spare (below) and written into next time:
    // a weekly build then rewrites only the pages that changed (docs/SCALING.md).
    const stage = await openStagedSite(options.outDir, { reuseSpare: true });
    let built: StreamedBuildResult;
    try {
      built = await buildSiteFromCache(
        {
          cacheDir: options.cacheDir,
          manifest: cache.manifest,
          history,
          runs: await listRuns(options.cacheDir),
          query: options.query || DEFAULT_QUERY,
          rules: defaultRules,
          siteUrl,
          siteTitle,
          assets,
          onPrepared: ({ studies, parsed, derived, summarized }) =>
            stderr.write(
              `build: prepared ${studies} studies (${studies - parsed} parsed and ${studies - derived} tagged earlier, ${summarized} unchanged since) in ${elapsed()}\n`,
            ),
        },
        stage,
        { warn: (message) => stderr.write(`build: warning: ${message}\n`) },
      );
      stage.write(
        BUILD_INFO_FILE,
        `${JSON.stringify({ fingerprint, builtAt: options.now().toISOString(), studies: built.entries.length })}\n`,
      );
    } catch (error) {
      await stage.abort();
      throw error;
    }
    for (const problem of built.problems.slice(0, 20))
      stderr.write(`build: skipped PMID ${problem.pmid}: ${problem.message}\n`);
    if (built.problems.length > 20)
      stderr.write(`build: ... and ${built.problems.length - 20} more unreadable records\n`);
    stderr.write(
      `build: wrote ${built.rendered} study pages and kept ${built.reused} unchanged in ${elapsed()}\n`,
    );
    const published = await stage.publish({ removeOld: 'spare' });
    const onTopic = built.entries.filter((entry) => entry.onTopic).length;
    stderr.write(
      `build: published ${published.files} files (${(published.bytes / 1e6).toFixed(1)} MB) to ${published.outDir}: ` +
        `${onTopic} studies in the digest, ${built.entries.length - onTopic} off-topic, ${built.problems.length} unreadable, in ${elapsed()}\n`,
    );
    return 0;
  } catch (error) {
    stderr.write(
      `build: failed, nothing published (the previous site is untouched): ${describeError(error)}\n`,
    );
    return 1;
  }
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

function normaliseSiteUrl(url: string | null): string | null {
  if (url === null || url === '') return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new Error(`site URL must be http(s): ${url}`);
  return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}
