import { decodeIndexPart } from './decode-index-part.ts';
import {
  FIRST_PART_FILE,
  type LoadedIndex,
  META_FILE,
  SEARCH_INDEX_VERSION,
  type SearchMeta,
} from './index-format.ts';

/**
 * Loads an index through any reader (fetch in the browser, readFile in the CLI). `parts` limits how many
 * index parts are loaded: the browser's first answer uses one, the full answer all.
 */
export async function loadSearchIndex(
  read: { text(path: string): Promise<string>; bytes(path: string): Promise<Uint8Array> },
  parts = Number.POSITIVE_INFINITY,
): Promise<LoadedIndex> {
  // The first part's name is fixed, so its bytes download while meta.json does: one round trip, not two.
  const firstPart = parts > 0 ? read.bytes(FIRST_PART_FILE) : null;
  firstPart?.catch(() => {});
  const meta = JSON.parse(await read.text(META_FILE)) as SearchMeta;
  if (meta.version !== SEARCH_INDEX_VERSION) {
    throw new Error(
      `search index version ${meta.version}, expected ${SEARCH_INDEX_VERSION}: rebuild the site`,
    );
  }
  const bytesOf = (file: string) =>
    file === FIRST_PART_FILE && firstPart !== null ? firstPart : read.bytes(file);
  const loaded = await Promise.all(
    meta.parts.slice(0, parts).map(async (part) => decodeIndexPart(await bytesOf(part.file))),
  );
  return { meta, parts: loaded };
}

export async function addIndexParts(
  index: LoadedIndex,
  read: { bytes(path: string): Promise<Uint8Array> },
): Promise<LoadedIndex> {
  const missing = index.meta.parts.slice(index.parts.length);
  const more = await Promise.all(missing.map(async (part) => decodeIndexPart(await read.bytes(part.file))));
  return { meta: index.meta, parts: [...index.parts, ...more] };
}
