/** The fake E-utilities server's public contract (re-exported by index.ts). Types only. */

export interface FakeEutilsOptions {
  /** Default: <repo>/../shared/fixtures/pubmed, including single/, .xml and .xml.gz. */
  fixturesDir?: string;
  /** Default 1: serve the corpus this many times; copy k>=1 gets remapped PMIDs. */
  multiplier?: number;
  /** Default 3 (10 when the request carries a non-empty api_key); null = no limit (for scale benches). */
  rateLimitPerSecond?: number | null;
  /** Retry-After header on 429s; default null (NCBI usually omits it). */
  retryAfterSeconds?: number | null;
  /** Default 8 hours. */
  webenvTtlMs?: number;
  /** PRNG seed for probabilistic faults and the fewer-records choice, default 1. */
  seed?: number;
  /** Artificial delay before each response, default 0. */
  latencyMs?: number;
  /** Injectable clock for the rate limiter and WebEnv expiry, default Date.now. */
  now?: () => number;
}

export interface FakeEutils {
  /** Base URL ending in '/', e.g. http://127.0.0.1:PORT/entrez/eutils/ */
  url: string;
  /** Closes the server and destroys open sockets (hanging 'timeout' faults do not block it). */
  close(): Promise<void>;
  /** Every request in arrival order. */
  requests: RequestLogEntry[];
  /** Appends rules. */
  injectFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  /** Every PMID served (after multiplication), ascending numeric. */
  pmids(): string[];
  /** The exact <PubmedArticle>...</PubmedArticle> bytes served. */
  recordXml(pmid: string): string | undefined;
  /** Replace or add a record (e.g. one that gains a RetractionIn with a newer DateRevised). */
  setRecord(pmid: string, xml: string): void;
  /** The record is no longer in PubMed: efetch omits it, esearch no longer lists it. */
  removeRecord(pmid: string): void;
  /**
   * PubMed deletes the record on `ymd` (YYYYMMDD) and its search index lags: esearch still lists it (by
   * that modification date), efetch answers with a DeleteCitation element.
   */
  deleteRecord(pmid: string, ymd: number): void;
}

export interface RequestLogEntry {
  method: string;
  /** 'esearch' | 'efetch' | 'admin' | the path of anything else. */
  endpoint: string;
  /** Query string and form body merged; an api_key value is replaced by '***'. */
  params: Record<string, string>;
  startedAtMs: number;
  /** 0 while no response has been sent (and for ever after a 'timeout' or 'connection-reset'). */
  status: number;
  /** The injected fault, or null (a real rate-limit 429 is logged with fault null). */
  fault: FaultKind | null;
  /** efetch: ids asked for (after resolving a WebEnv window); esearch: ids in the returned IdList. */
  idCount?: number;
}

export type FaultKind =
  | 'rate-limit'
  | 'rate-limit-retry-after'
  | 'http-500'
  | 'http-502'
  | 'http-503'
  | 'connection-reset'
  | 'timeout'
  | 'truncated-body'
  | 'stream-cut'
  | 'html-error-200'
  | 'plain-text-error'
  | 'empty-body'
  | 'prolog-only'
  | 'backend-error'
  | 'webenv-expired'
  | 'fewer-records';

export interface FaultRule {
  fault: FaultKind;
  endpoint?: 'esearch' | 'efetch' | 'any';
  /** The next N matching requests. */
  times?: number;
  /** Each matching request, drawn from the seeded PRNG. */
  probability?: number;
  retryAfterSeconds?: number;
}
