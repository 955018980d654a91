/// <reference lib="dom" />
/**
 * Starts the search worker while the page is still parsing (a classic script in <head>, run at once),
 * instead of after it (module scripts wait), and fetches what every answer needs (meta.json and the doc
 * columns) on this thread meanwhile: the worker's own script downloads and starts while the index does,
 * instead of before it, and the bytes are handed over without a copy. (Preload links for the
 * two files measured slower: they compete with the stylesheet and scripts; bench/RESULTS.md.)
 * Messages that arrive before search.js takes over are kept for it.
 */
import { FIRST_INDEX_FILES } from '../index-format.ts';
import { PRELOADED_WORKER } from './worker-protocol.ts';

interface SearchBoot {
  worker: Worker;
  early: MessageEvent[];
}

const script = document.currentScript as HTMLScriptElement | null;
if (script !== null && typeof Worker === 'function') {
  const worker = new Worker(new URL('search-worker.js', script.src), {
    type: 'module',
    name: PRELOADED_WORKER,
  });
  const boot: SearchBoot = { worker, early: [] };
  worker.onmessage = (event) => boot.early.push(event);
  (window as unknown as { searchBoot?: SearchBoot }).searchBoot = boot;
  // The worker waits for this message; a file that failed here it fetches itself (and reports the error).
  Promise.all(
    FIRST_INDEX_FILES.map(async (file): Promise<[string, ArrayBuffer] | null> => {
      try {
        const response = await fetch(new URL(`../${file}`, script.src));
        return response.ok ? [file, await response.arrayBuffer()] : null;
      } catch {
        return null;
      }
    }),
  ).then((fetched) => {
    const files = fetched.filter((entry) => entry !== null);
    worker.postMessage(
      { type: 'preloaded', files: Object.fromEntries(files) },
      files.map(([, bytes]) => bytes),
    );
  });
}
