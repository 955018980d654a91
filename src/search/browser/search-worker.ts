/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The search engine of the search page, off the main thread: loads the first index part (result rows,
 * facets, titles, keywords, MeSH, tags) and answers; then loads the abstracts' part and says so, and the
 * page asks again. Runs the same searchStudies() as `evidence-digest search`.
 */
import { highlightText } from '../highlight-text.ts';
import { FLAG_CONCERN, FLAG_OFF_TOPIC, FLAG_RETRACTED, type LoadedIndex } from '../index-format.ts';
import { addIndexParts, loadSearchIndex } from '../load-search-index.ts';
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
const reader = {
  text: async (path: string) => new TextDecoder().decode(await read(path)),
  bytes: async (path: string) => new Uint8Array(await read(path)),
};
let index: LoadedIndex | null = null;
const pending: Question[] = [];

async function get(path: string): Promise<Response> {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response;
}

const post = (message: FromWorker) => scope.postMessage(message);

function answer(message: Question, loaded: LoadedIndex): void {
  const started = performance.now();
  if (message.type === 'pmids') {
    const result = searchStudies(loaded, { ...message.request, offset: 0, limit: message.max });
    post({
      type: 'pmids',
      id: message.id,
      pmids: result.hits.map((hit) => loaded.meta.docs.pmid[hit.doc] as string),
      total: result.total,
    });
    return;
  }
  const { hits, ...result } = searchStudies(loaded, message.request);
  const docs = loaded.meta.docs;
  const rows: ResultRow[] = hits.map(({ doc }) => {
    const flags = docs.flags[doc] as number;
    return {
      pmid: docs.pmid[doc] as string,
      title: highlightText(docs.title[doc] as string, result.highlight),
      source: docs.source[doc] as string,
      design: loaded.meta.vocabulary.design[docs.design[doc] as number]?.label ?? '',
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
    stage: loaded.parts.length,
    ms: performance.now() - started,
  });
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  if (event.data.type === 'preloaded') preloaded(new Map(Object.entries(event.data.files)));
  else if (index === null) pending.push(event.data);
  else answer(event.data, index);
};

function labels(loaded: LoadedIndex): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(loaded.meta.vocabulary).map(([facet, values]) => [
      facet,
      Object.fromEntries(values.map((v: { id: string; label: string }) => [v.id, v.label])),
    ]),
  );
}

(async () => {
  try {
    const first = await loadSearchIndex(reader, 1);
    index = first;
    // The page sent its first query at start: answer it before anything else.
    for (const message of pending.splice(0)) answer(message, first);
    post({ type: 'ready', stage: 1, docCount: first.meta.docCount, labels: labels(first) });
    index = await addIndexParts(first, reader);
    post({ type: 'ready', stage: index.parts.length, docCount: index.meta.docCount, labels: labels(index) });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
})();
