import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';

export const TEMPLATES_DIR = join(REPO_ROOT, 'templates');

export interface TemplateSources {
  layouts: Record<string, string>;
  partials: Record<string, string>;
  pages: Record<string, string>;
  /** Static files copied to assets/ (css, fonts...). */
  assets: Record<string, string>;
}

/** Reads templates/ (layouts, partials, pages, assets) into memory once per build. */
export async function loadTemplates(dir = TEMPLATES_DIR): Promise<TemplateSources> {
  const read = async (sub: string, ext: string | null) => {
    const out: Record<string, string> = {};
    for (const name of (await readdir(join(dir, sub))).sort()) {
      if (ext !== null && !name.endsWith(ext)) continue;
      out[ext === null ? name : name.slice(0, -ext.length)] = await readFile(join(dir, sub, name), 'utf8');
    }
    return out;
  };
  return {
    layouts: await read('layouts', '.hbs'),
    partials: await read('partials', '.hbs'),
    pages: await read('pages', '.hbs'),
    assets: await read('assets', null),
  };
}
