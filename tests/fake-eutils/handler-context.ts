import type { Corpus } from './corpus.ts';
import type { HistoryStore } from './history-store.ts';

/** What the esearch and efetch handlers read; request parameters come separately, keys lower-cased. */
export interface HandlerContext {
  corpus: Corpus;
  history: HistoryStore;
  now: () => number;
  random: () => number;
}

export type Params = Readonly<Record<string, string>>;

/** A non-negative integer parameter; anything else (absent, negative, text) gives the fallback. */
export function intParam(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return fallback;
  return Number(value);
}
