import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteFiles } from '../../src/render/index.ts';
import { hostileRecordXml } from './hostile-record.ts';
import { buildTestSite, makeFixtureCache, text } from './test-site.ts';

// The recommended rule set, minus two matters of taste (trailing spaces in the source, titles over 70
// characters: a study's title is the page title); checkbox groups share a name by design.
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'no-trailing-whitespace': 'off',
    'long-title': 'off',
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

let files: SiteFiles;
beforeAll(async () => {
  files = (await buildTestSite(await makeFixtureCache({ limit: 80, extra: [hostileRecordXml()] }))).files;
});

describe('HTML validity', () => {
  it('every page kind validates without errors', async () => {
    const studies = [...files.keys()].filter((path) => /^studies\/\d+\/index\.html$/.test(path));
    const pages = [
      'index.html',
      'about/index.html',
      'search/index.html',
      '404.html',
      ...[...files.keys()].filter((p) => /^topics\/[^/]+\/index\.html$/.test(p)),
      ...studies,
    ];
    const problems: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(text(files, page), page);
      for (const result of report.results)
        for (const m of result.messages) problems.push(`${page}:${m.line} ${m.ruleId} ${m.message}`);
    }
    expect(problems).toEqual([]);
  });
});
