/**
 * Read-only check of a raw cache as it lies on disk (no replay, no repair): every JSON file parses,
 * every journal entry's body exists, and every byte range it names holds a whole record with that PMID.
 * Used after a crash or kill, and by tests that kill the process at random moments.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchJournal, Manifest } from './raw-cache.ts';

export interface CacheVerdict {
  /** PMIDs the manifest and journal together point at. */
  pmids: string[];
  problems: string[];
}

export async function verifyRawCache(root: string): Promise<CacheVerdict> {
  const problems: string[] = [];
  const pmids = new Set<string>();
  const bodies = new Map<string, Buffer | null>();

  async function body(file: string): Promise<Buffer | null> {
    if (!bodies.has(file)) bodies.set(file, await readFile(join(root, file)).catch(() => null));
    return bodies.get(file) ?? null;
  }

  async function check(pmid: string, file: string, offset: number, length: number, where: string) {
    const bytes = await body(file);
    if (bytes === null) return problems.push(`${where}: ${file} is missing`);
    const record = bytes.subarray(offset, offset + length).toString('utf8');
    const whole = /^<Pubmed(Book)?Article[\s>]/.test(record) && /<\/Pubmed(Book)?Article>$/.test(record);
    if (!whole || !record.includes(`>${pmid}</PMID>`)) {
      problems.push(`${where}: bytes ${offset}+${length} of ${file} are not PMID ${pmid}'s record`);
    }
    pmids.add(pmid);
  }

  const json = async (file: string): Promise<unknown> => {
    try {
      return JSON.parse(await readFile(join(root, file), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      problems.push(`${file}: ${(error as Error).message}`);
      return undefined;
    }
  };

  const layout = (await json('cache.json')) as { layout?: number } | undefined;
  if (layout !== undefined && layout.layout !== 1) problems.push('cache.json: unknown layout');

  const manifest = (await json('manifest.json')) as Manifest | undefined;
  for (const [pmid, entry] of Object.entries(manifest?.records ?? {})) {
    await check(pmid, entry.file, entry.offset, entry.length, `manifest.json ${pmid}`);
  }
  const journalNames = await readdir(join(root, 'batches')).catch(() => [] as string[]);
  for (const name of journalNames.filter((n) => /^\d+\.json$/.test(n))) {
    const entry = (await json(join('batches', name))) as BatchJournal | undefined;
    if (!entry) continue;
    for (const [pmid, , offset, length] of entry.records) {
      await check(pmid, entry.file, offset, length, `batches/${name} ${pmid}`);
    }
  }
  return { pmids: [...pmids].sort((a, b) => Number(a) - Number(b)), problems };
}
