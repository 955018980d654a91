/// <reference lib="dom" />
/**
 * Fetches what every answer needs (meta.json and the doc columns) while the page is still parsing: a
 * classic script in <head> runs at once, where the page's module script waits for the whole document.
 * search.js takes the bytes from here. (Preload links for the two files measured slower: they compete
 * with the stylesheet and scripts; bench/RESULTS.md.)
 */
import { FIRST_INDEX_FILES } from '../index-format.ts';
import type { SearchBoot } from './engine-protocol.ts';

const script = document.currentScript as HTMLScriptElement | null;
if (script !== null) {
  const boot: SearchBoot = {
    files: Promise.all(
      FIRST_INDEX_FILES.map(async (file): Promise<[string, ArrayBuffer | null]> => {
        try {
          const response = await fetch(new URL(`../${file}`, script.src));
          return [file, response.ok ? await response.arrayBuffer() : null];
        } catch {
          return [file, null];
        }
      }),
    ).then((entries) => Object.fromEntries(entries)),
  };
  (window as unknown as { searchBoot?: SearchBoot }).searchBoot = boot;
}
