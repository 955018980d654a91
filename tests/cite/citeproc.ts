/**
 * Reference output from citeproc: Debian's pandoc (--citeproc) with the CSL styles of Debian's
 * citation-style-language-styles package, both installed by .ci/run. One pandoc run per style formats
 * every item; entries come back by id as plain text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CslItem } from '../../src/cite/index.ts';

export const CSL_DIR = '/usr/share/citation-style-language/styles';

export function citeproc(items: CslItem[], style: string): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'citeproc-'));
  writeFileSync(join(dir, 'refs.json'), JSON.stringify(items));
  writeFileSync(join(dir, 'doc.md'), '---\nnocite: "@*"\n---\n');
  const html = execFileSync(
    'pandoc',
    [
      join(dir, 'doc.md'),
      '--citeproc',
      `--bibliography=${join(dir, 'refs.json')}`,
      `--csl=${join(CSL_DIR, `${style}.csl`)}`,
      '-t',
      'html',
      '--wrap=none',
    ],
    { encoding: 'utf8' },
  );
  const out = new Map<string, string>();
  for (const chunk of html.split('<div id="ref-').slice(1)) {
    const id = chunk.slice(0, chunk.indexOf('"'));
    out.set(id, plainText(chunk.slice(chunk.indexOf('>') + 1)));
  }
  return out;
}

export function plainText(html: string): string {
  return html
    .replace(/<div class="csl-left-margin">[^<]*<\/div>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
