/// <reference lib="dom" />
/**
 * Starts the search worker while the page is still parsing (a classic script in <head>, run at once),
 * instead of after it (module scripts wait): the index downloads about 50 ms sooner. Messages that
 * arrive before search.js takes over are kept for it.
 */
interface SearchBoot {
  worker: Worker;
  early: MessageEvent[];
}

const script = document.currentScript as HTMLScriptElement | null;
if (script !== null && typeof Worker === 'function') {
  const worker = new Worker(new URL('search-worker.js', script.src), { type: 'module' });
  const boot: SearchBoot = { worker, early: [] };
  worker.onmessage = (event) => boot.early.push(event);
  (window as unknown as { searchBoot?: SearchBoot }).searchBoot = boot;
}
