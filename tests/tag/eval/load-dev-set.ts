import { readFileSync } from 'node:fs';
import type { DevLabel } from './dev-label.ts';

export const DEV_SET_URL = new URL('../labels/dev-set.jsonl', import.meta.url);

/** The labelled dev set, one object per line; a malformed line stops the eval with its line number. */
export function loadDevSet(url: URL = DEV_SET_URL): DevLabel[] {
  const labels: DevLabel[] = [];
  readFileSync(url, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const value = JSON.parse(line) as DevLabel;
      if (
        typeof value.pmid !== 'string' ||
        typeof value.design !== 'string' ||
        typeof value.fixture !== 'string'
      ) {
        throw new Error(`${url.pathname}:${index + 1}: a label needs pmid, fixture and design`);
      }
      labels.push(value);
    });
  return labels;
}
