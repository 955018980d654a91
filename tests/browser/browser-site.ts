/**
 * One built site, served on 127.0.0.1, and Debian's chromium driven by playwright-core (never a
 * downloaded browser), for the browser suites.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type Browser, chromium } from 'playwright-core';
import { DEFAULT_QUERY } from '../../src/query.ts';
import { runBuildCommand, runServeCommand } from '../../src/render/index.ts';
import { hostileRecordXml } from '../render/hostile-record.ts';
import { makeFixtureCache } from '../render/test-site.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const HOSTILE_PMID = '99999901';

export interface BrowserSite {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** chromium.launch starts from a new empty profile of its own (a temp user-data-dir it removes on close). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function startBrowserSite(
  options: { limit?: number; multiplier?: number } = {},
): Promise<BrowserSite> {
  const cacheDir = await makeFixtureCache({
    limit: options.limit ?? 80,
    multiplier: options.multiplier,
    extra: [hostileRecordXml(HOSTILE_PMID)],
  });
  const siteDir = join(await mkdtemp(join(tmpdir(), 'site-')), 'site');
  const code = await runBuildCommand({
    cacheDir,
    outDir: siteDir,
    now: () => new Date(),
    query: DEFAULT_QUERY,
    stderr: new PassThrough(),
  });
  if (code !== 0) throw new Error('test site did not build');
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
  const browser = await launchChromium();
  return {
    url: `http://127.0.0.1:${port}`,
    browser,
    async close() {
      await browser.close();
      stop();
      await served;
    },
  };
}
