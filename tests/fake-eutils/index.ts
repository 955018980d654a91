/**
 * A fake NCBI E-utilities server (esearch and efetch for PubMed) for tests, benchmarks and offline demos:
 * real fixture records, NCBI's 9,999 cap, rate limit and error bodies, and faults on demand.
 */
import { startFakeEutils as start } from './start-fake-eutils.ts';
import type { FakeEutils, FakeEutilsOptions } from './types.ts';

export type { FakeEutils, FakeEutilsOptions, FaultKind, FaultRule, RequestLogEntry } from './types.ts';

export function startFakeEutils(options?: FakeEutilsOptions): Promise<FakeEutils> {
  return start(options);
}
