import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/render/create-renderer.ts';
import { loadTemplates, type SiteFiles } from '../../src/render/index.ts';
import { allowListedHtml } from '../../src/render/safe-markup.ts';
import { HOSTILE, hostileRecordXml } from './hostile-record.ts';
import { buildTestSite, makeFixtureCache, text } from './test-site.ts';

let files: SiteFiles;
const HOSTILE_PMID = '99999901';

beforeAll(async () => {
  const cacheDir = await makeFixtureCache({ limit: 120, extra: [hostileRecordXml(HOSTILE_PMID)] });
  files = (await buildTestSite(cacheDir)).files;
});

const htmlPaths = () => [...files.keys()].filter((path) => path.endsWith('.html'));

describe('the built site', () => {
  it('has every page kind, feed, sitemap, exports and the search index', () => {
    for (const path of [
      'index.html',
      'about/index.html',
      'search/index.html',
      '404.html',
      'topics/efficacy/index.html',
      `studies/${HOSTILE_PMID}/index.html`,
      `studies/${HOSTILE_PMID}/citation.ris`,
      'feed.xml',
      'sitemap.xml',
      'data/studies.jsonl',
      'data/studies.csv',
      'data/citations.ris',
      'data/citations.bib',
      'search/meta.json',
      'search/docs.bin',
      'search/pmids.bin',
      'search/rows/0.json',
      'search/terms/1-0.bin',
      'search/terms/2-0.bin',
      'assets/site.css',
      'assets/search.js',
      'assets/search-boot.js',
    ]) {
      expect(files.has(path), path).toBe(true);
    }
  });

  it('keeps every study page under 50 KB', () => {
    const sizes = [...files]
      .filter(([path]) => /^studies\/\d+\/index\.html$/.test(path))
      .map(([path, c]) => [path, Buffer.byteLength(c as string)] as const);
    expect(sizes.length).toBeGreaterThan(100);
    const largest = sizes.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(largest[1], largest[0]).toBeLessThan(50_000);
  });

  it('links only to files that exist (relative links resolved from each page)', () => {
    const broken: string[] = [];
    for (const path of htmlPaths()) {
      if (path === '404.html') continue;
      for (const match of text(files, path).matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const url = (match[1] as string).replace(/&amp;/g, '&');
        if (/^(https?:|mailto:)/.test(url) || url.startsWith('#')) continue;
        const target = new URL(url, `http://site/${path}`).pathname.slice(1);
        if (!files.has(target)) broken.push(`${path} -> ${url}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('sets a CSP without inline script, and has no inline script, style or event handler anywhere', () => {
    for (const path of htmlPaths()) {
      const html = text(files, path);
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
        .exec(html)?.[1]
        ?.replace(/&#x27;/g, "'");
      expect(csp, path).toMatch(/default-src 'none'; script-src 'self';/);
      expect(csp, path).not.toContain('unsafe');
      expect(html, path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html, path).not.toMatch(/<[a-z][^>]*\sstyle=/i);
      expect(html, path).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
      expect(html, path).not.toMatch(/\s(?:href|src)="\s*javascript:/i);
    }
  });

  it("tells hosts that read _headers the pages' security headers, and to send every feed as Atom", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
      .exec(text(files, 'index.html'))?.[1]
      ?.replace(/&#x27;/g, "'");
    const atom = 'application/atom+xml; charset=utf-8';
    expect(text(files, '_headers').split('\n')).toEqual([
      '/*',
      `  Content-Security-Policy: ${csp}; frame-ancestors 'none'`,
      '  X-Content-Type-Options: nosniff',
      '  Referrer-Policy: no-referrer',
      '/feed.xml',
      `  Content-Type: ${atom}`,
      '/topics/*/feed.xml',
      `  Content-Type: ${atom}`,
      '',
    ]);
    // The rule's wildcard covers every topic's feed and nothing else the site holds.
    const feeds = [...files.keys()].filter((path) => /^topics\/[^/]+\/feed\.xml$/.test(path));
    expect(feeds.length).toBeGreaterThan(0);
    expect([...files.keys()].filter((path) => path.endsWith('feed.xml')).sort()).toEqual(
      ['feed.xml', ...feeds].sort(),
    );
  });

  it('escapes hostile text everywhere: HTML, XML and JSON outputs', () => {
    const payloads = Object.values(HOSTILE).filter((p) => !p.includes('\n'));
    for (const [path, content] of files) {
      if (typeof content !== 'string' || path.startsWith('assets/')) continue;
      if (path.endsWith('.html') || path.endsWith('.xml')) {
        for (const payload of payloads.filter((p) => /[<>"]/.test(p)))
          expect(content.includes(payload), `${path}: ${payload}`).toBe(false);
      }
      if (path.endsWith('.xml')) expect(XMLValidator.validate(content), path).toBe(true);
      if (path.endsWith('.json')) expect(() => JSON.parse(content), path).not.toThrow();
    }
    for (const line of text(files, 'data/studies.jsonl').trim().split('\n'))
      expect(() => JSON.parse(line)).not.toThrow();
    const study = text(files, `studies/${HOSTILE_PMID}/index.html`);
    expect(study).toContain('&lt;script&gt;alert(&quot;xss-title&quot;)&lt;/script&gt;');
    // The hostile DOI and trial id are not identifiers, so they become no link at all.
    expect(study).not.toContain('doi.org/javascript');
    expect(study).not.toContain('clinicaltrials.gov/study/JAVASCRIPT');
    // The hostile study reaches the digest (it is an on-topic RCT), escaped there too.
    expect(text(files, 'index.html')).toContain(
      'Esketamine for treatment-resistant depression &lt;script&gt;',
    );
  });

  it('defuses spreadsheet formulas in the CSV', () => {
    const csv = text(files, 'data/studies.csv');
    expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
  });

  it('is deterministic: the same cache builds the same bytes', async () => {
    const again = (
      await buildTestSite(await makeFixtureCache({ limit: 120, extra: [hostileRecordXml(HOSTILE_PMID)] }))
    ).files;
    const differing = [...files.keys()].filter((path) => {
      const a = files.get(path);
      const b = again.get(path);
      return typeof a === 'string'
        ? a !== b
        : Buffer.compare(Buffer.from(a as Uint8Array), Buffer.from(b as Uint8Array)) !== 0;
    });
    // Only the pages that say when the data was fetched may differ between two caches made at two times.
    expect(
      differing.filter(
        (path) => !path.endsWith('.html') && !path.endsWith('.xml') && !path.endsWith('.jsonl'),
      ),
    ).toEqual([]);
  });
});

describe('templates', () => {
  it('are strict: a view missing a field throws instead of rendering a blank', async () => {
    const render = createRenderer(await loadTemplates());
    expect(() => render('not-found', { layout: {} })).toThrow(/not defined|undefined/);
  });

  it('take raw HTML only from the parser allow-list', () => {
    expect(allowListedHtml('a <i>b</i> <sup>2</sup>').toString()).toBe('a <i>b</i> <sup>2</sup>');
    expect(allowListedHtml('a <img src=x onerror=alert(1)> <i>b</i>').toString()).toBe(
      'a &lt;img src&#61;x onerror&#61;alert(1)&gt; &lt;i&gt;b&lt;/i&gt;',
    );
  });
});
