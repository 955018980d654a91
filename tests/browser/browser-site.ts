/**
 * One built site, served on 127.0.0.1, and Debian's chromium driven by playwright-core (never a
 * downloaded browser), for the browser suites.
 */
import { type Browser, chromium } from 'playwright-core';
import { hostileRecordXml } from '../render/hostile-record.ts';
import { makeFixtureCache, publishFixtureSite, serveSite } from '../render/test-site.ts';

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
  const server = await serveSite(await publishFixtureSite(cacheDir));
  const browser = await launchChromium();
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
