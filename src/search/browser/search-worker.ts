/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The search engine of the search page, off the main thread. Opens the index (meta.json, docs.bin), then
 * for each query loads the shards of its terms in the first part (titles, keywords, MeSH, tags) and the
 * rows it shows, and answers; then the same from the second part (authors, abstracts), and answers again.
 * Runs the same searchStudies() as `evidence-digest search`.
 */
import { highlightText } from '../highlight-text.ts';
import { FLAG_CONCERN, FLAG_OFF_TOPIC, FLAG_RETRACTED, type LoadedIndex } from '../index-format.ts';
import { loadPmids, loadQueryShards, loadRows, openSearchIndex, rowOf } from '../load-search-index.ts';
import { parseQuery } from '../parse-query.ts';
import { searchStudies } from '../search-studies.ts';
import {
  type FromWorker,
  PRELOADED_WORKER,
  type Question,
  type ResultRow,
  type ToWorker,
} from './worker-protocol.ts';

// The DOM lib is in scope (the webworker lib conflicts with it); this is the part of a worker's global used.
interface WorkerScope {
  name: string;
  location: { href: string };
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const base = new URL('../', scope.location.href);
// Files the page fetched for this worker (search-boot.js), each used once; none when started otherwise.
let preloaded: (files: Map<string, ArrayBuffer>) => void = () => {};
const handedOver: Promise<Map<string, ArrayBuffer>> =
  scope.name === PRELOADED_WORKER
    ? new Promise((resolve) => (preloaded = resolve))
    : Promise.resolve(new Map());
async function read(path: string): Promise<ArrayBuffer> {
  const files = await handedOver;
  const bytes = files.get(path);
  files.delete(path);
  return bytes ?? (await get(path)).arrayBuffer();
}
const reader = { bytes: async (path: string) => new Uint8Array(await read(path)) };
let latest = -1;

async function get(path: string): Promise<Response> {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response;
}

const post = (message: FromWorker) => scope.postMessage(message);

async function answer(message: Question, index: LoadedIndex): Promise<void> {
  const { request } = message;
  const parts = index.parts.length;
  if (message.type === 'pmids') {
    await Promise.all([loadQueryShards(index, reader, request.q), loadPmids(index, reader)]);
    const result = searchStudies(index, { ...request, offset: 0, limit: message.max });
    const pmids = index.pmids as string[];
    post({
      type: 'pmids',
      id: message.id,
      pmids: result.hits.map((hit) => pmids[hit.doc] as string),
      total: result.total,
    });
    return;
  }
  latest = message.id;
  // Nothing to look up (no words): the answer is final at once.
  const stages = parseQuery(request.q).clauses.length === 0 ? [parts] : [1, parts];
  for (const stage of stages) {
    // A newer query came meanwhile: the page no longer shows this one.
    if (message.id !== latest) return;
    const asked = performance.now();
    await loadQueryShards(index, reader, request.q, stage);
    const started = performance.now();
    const { hits, ...result } = searchStudies(index, request, stage);
    const ms = performance.now() - started;
    await loadRows(
      index,
      reader,
      hits.map((hit) => hit.doc),
    );
    const { docs, meta } = index;
    const rows: ResultRow[] = hits.map(({ doc }) => {
      const flags = docs.flags[doc] as number;
      const row = rowOf(index, doc);
      return {
        pmid: row.pmid,
        title: highlightText(row.title, result.highlight),
        source: row.source,
        design: meta.vocabulary.design[docs.design[doc] as number]?.label ?? '',
        level: docs.level[doc] as number,
        n: docs.n[doc] as number,
        retracted: (flags & FLAG_RETRACTED) !== 0,
        concern: (flags & FLAG_CONCERN) !== 0,
        offTopic: (flags & FLAG_OFF_TOPIC) !== 0,
      };
    });
    post({
      type: 'result',
      id: message.id,
      result,
      rows,
      stage,
      final: stage === parts,
      ms,
      loadMs: performance.now() - asked - ms,
    });
  }
}

const opened = openSearchIndex(reader);
opened.then(
  (index) =>
    post({
      type: 'ready',
      docCount: index.meta.docCount,
      labels: Object.fromEntries(
        Object.entries(index.meta.vocabulary).map(([facet, values]) => [
          facet,
          Object.fromEntries(values.map((v: { id: string; label: string }) => [v.id, v.label])),
        ]),
      ),
    }),
  () => {},
);
const fail = (error: unknown) =>
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'preloaded') preloaded(new Map(Object.entries(message.files)));
  // The page sends its first query at start: it is answered as soon as the index is open.
  else opened.then((index) => answer(message, index)).catch(fail);
};
opened.catch(fail);
