import { openRawCache } from '../../src/cache/raw-cache.ts';

export async function cachePmids(cacheDir: string): Promise<{ pmids: string[] }> {
  const cache = await openRawCache(cacheDir, undefined, { readOnly: true });
  return { pmids: Object.keys(cache.manifest.records).sort() };
}
