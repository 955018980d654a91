import { decodeIndexShard } from './decode-index-shard.ts';
import { decodeDocColumns, decodePmids } from './doc-columns.ts';
import {
  DOCS_FILE,
  type IndexPart,
  type LoadedIndex,
  META_FILE,
  PMIDS_FILE,
  type RowsChunk,
  rowSlots,
  rowsFile,
  SEARCH_INDEX_VERSION,
  type SearchMeta,
  shardFile,
} from './index-format.ts';
import { parseQuery } from './parse-query.ts';

/** Where the index's files come from: fetch in the browser, readFile in the CLI. */
export interface IndexReader {
  bytes(path: string): Promise<Uint8Array>;
}

/**
 * meta.json and docs.bin: enough to filter, count facets and sort; term shards and result rows come with
 * the queries that need them (loadQueryShards, loadRows).
 */
export async function openSearchIndex(read: IndexReader): Promise<LoadedIndex> {
  // Both names are fixed, so both download at once: one round trip, not two.
  const docsBytes = read.bytes(DOCS_FILE);
  docsBytes.catch(() => {});
  const meta = JSON.parse(new TextDecoder().decode(await read.bytes(META_FILE))) as SearchMeta;
  if (meta.version !== SEARCH_INDEX_VERSION) {
    throw new Error(
      `search index version ${meta.version}, expected ${SEARCH_INDEX_VERSION}: rebuild the site`,
    );
  }
  const docs = decodeDocColumns(await docsBytes);
  if (docs.date.length !== meta.docCount) {
    throw new Error(
      `search index: ${DOCS_FILE} holds ${docs.date.length} studies, meta.json ${meta.docCount}`,
    );
  }
  return {
    meta,
    docs,
    parts: meta.parts.map((part) => ({
      fields: part.fields,
      first: part.shards.map((shard) => shard.first),
      shards: new Array(part.shards.length).fill(undefined),
    })),
    rows: new Array(Math.ceil(meta.docCount / meta.rowsPerFile)).fill(undefined),
    rowSlot: rowSlots(docs.flags),
    pmids: null,
  };
}

/** The whole index, every shard and row loaded: what `evidence-digest search` and the benches query. */
export async function loadWholeIndex(read: IndexReader): Promise<LoadedIndex> {
  const index = await openSearchIndex(read);
  await Promise.all([
    ...index.parts.flatMap((part, p) => part.first.map((_, s) => loadShard(index, read, p, s))),
    loadRowChunks(
      index,
      read,
      index.rows.map((_, chunk) => chunk),
    ),
    loadPmids(index, read),
  ]);
  return index;
}

/** Shard s of a part: the one whose range holds term (-1 when the term sorts before every shard). */
export function shardOf(part: IndexPart, term: string): number {
  let lo = 0;
  let hi = part.first.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((part.first[mid] as string) <= term) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** [from, to] of the shards a prefix's terms may lie in. */
export function shardsOfPrefix(part: IndexPart, prefix: string): [number, number] {
  return [Math.max(0, shardOf(part, prefix)), shardOf(part, `${prefix}\uffff`)];
}

/**
 * Loads what a query needs from the first `parts` index parts: the shard of every term it names (in
 * every clause, negated too), the shards a prefix spans, and the PMID list for a PMID typed as the query.
 * Shards already loaded are kept, so a refined query loads only its new terms.
 */
export async function loadQueryShards(
  index: LoadedIndex,
  read: IndexReader,
  q: string,
  parts = index.parts.length,
): Promise<void> {
  const parsed = parseQuery(q);
  const wanted: Promise<void>[] = [];
  index.parts.slice(0, parts).forEach((part, p) => {
    const needed = new Set<number>();
    for (const clause of parsed.clauses) {
      if (clause.prefix !== null) {
        const [from, to] = shardsOfPrefix(part, clause.prefix);
        for (let s = from; s <= to; s++) needed.add(s);
      }
      for (const alternative of clause.alternatives) {
        for (const term of alternative) needed.add(shardOf(part, term));
      }
    }
    for (const s of needed) if (s >= 0) wanted.push(loadShard(index, read, p, s));
  });
  if (parsed.pmid !== null) wanted.push(loadPmids(index, read));
  await Promise.all(wanted);
}

const loading = new WeakMap<LoadedIndex, Map<string, Promise<void>>>();
/** One load per file however many queries ask at once. */
function once(index: LoadedIndex, file: string, load: () => Promise<void>): Promise<void> {
  let files = loading.get(index);
  if (files === undefined) {
    files = new Map();
    loading.set(index, files);
  }
  let pending = files.get(file);
  if (pending === undefined) {
    pending = load();
    // A failed load may be tried again by the next query.
    pending.catch(() => files.delete(file));
    files.set(file, pending);
  }
  return pending;
}

function loadShard(index: LoadedIndex, read: IndexReader, p: number, s: number): Promise<void> {
  const part = index.parts[p] as IndexPart;
  if (part.shards[s] !== undefined) return Promise.resolve();
  const file = shardFile(p, s);
  return once(index, file, async () => {
    part.shards[s] = decodeIndexShard(await read.bytes(file), file);
  });
}

/** The result rows (PMID, title, source line) of these docs, by the chunks holding them. */
export async function loadRows(index: LoadedIndex, read: IndexReader, docs: number[]): Promise<void> {
  const chunks = new Set(docs.map((doc) => Math.floor(slotOf(index, doc) / index.meta.rowsPerFile)));
  await loadRowChunks(index, read, [...chunks]);
}

async function loadRowChunks(index: LoadedIndex, read: IndexReader, chunks: number[]): Promise<void> {
  await Promise.all(
    chunks
      .filter((chunk) => index.rows[chunk] === undefined)
      .map((chunk) => {
        const file = rowsFile(chunk);
        return once(index, file, async () => {
          index.rows[chunk] = JSON.parse(new TextDecoder().decode(await read.bytes(file))) as RowsChunk;
        });
      }),
  );
}

export function loadPmids(index: LoadedIndex, read: IndexReader): Promise<void> {
  if (index.pmids !== null) return Promise.resolve();
  return once(index, PMIDS_FILE, async () => {
    const pmids = decodePmids(await read.bytes(PMIDS_FILE));
    if (pmids.length !== index.meta.docCount) {
      throw new Error(
        `search index: ${PMIDS_FILE} holds ${pmids.length} PMIDs, meta.json ${index.meta.docCount}`,
      );
    }
    index.pmids = pmids;
  });
}

/** A loaded doc's result row; loadRows must have run for it. */
export function rowOf(index: LoadedIndex, doc: number): { pmid: string; title: string; source: string } {
  const perFile = index.meta.rowsPerFile;
  const slot = slotOf(index, doc);
  const chunk = index.rows[Math.floor(slot / perFile)];
  if (chunk === undefined) throw new Error(`search index: the rows of doc ${doc} are not loaded`);
  const at = slot % perFile;
  return {
    pmid: chunk.pmid[at] as string,
    title: chunk.title[at] as string,
    source: chunk.source[at] as string,
  };
}

function slotOf(index: LoadedIndex, doc: number): number {
  const slot = index.rowSlot[doc];
  if (slot === undefined) throw new Error(`search index: no doc ${doc}`);
  return slot;
}
