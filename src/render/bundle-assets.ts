import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from '../repo-root.ts';

// The sources, also when the CLI runs from its bundle (the browser scripts are bundled here, per build).
const entry = (name: string) => join(REPO_ROOT, 'src', 'search', 'browser', name);

/**
 * The browser scripts, bundled from the same TypeScript the CLI runs (search-studies.ts and its lunr
 * stemmer): one query function, compiled twice. Minified ES modules, no source maps, no other origin.
 */
export async function bundleAssets(): Promise<Record<string, string>> {
  const result = await build({
    entryPoints: {
      search: entry('search-page.ts'),
      site: entry('site-page.ts'),
      'search-boot': entry('search-boot.ts'),
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: '/assets',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files: Record<string, string> = {};
  for (const file of result.outputFiles) files[`assets/${file.path.split('/').pop()}`] = file.text;
  return files;
}
