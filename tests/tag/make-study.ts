import type { MinimalStudy } from '../../src/tag/normalise-input.ts';

/** A minimal study written for a test (never fixture text): title, abstract and optional indexing. */
export function makeStudy(title: string, abstract = '', extra: Partial<MinimalStudy> = {}): MinimalStudy {
  return { pmid: '1', title, abstract, ...extra };
}
