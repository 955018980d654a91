import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Corpus } from './corpus.ts';
import { FaultPlan } from './fault-plan.ts';
import { BASE_PATH, createRequestHandler, type ServerState } from './handle-request.ts';
import { HistoryStore } from './history-store.ts';
import { loadCorpus } from './load-corpus.ts';
import { RateLimiter } from './rate-limiter.ts';
import { seededRandom } from './seeded-random.ts';
import type { FakeEutils, FakeEutilsOptions, RequestLogEntry } from './types.ts';
import { validateFaultRules } from './validate-fault-rules.ts';

const EIGHT_HOURS_MS = 8 * 60 * 60 * 1000;

/** What main.ts needs beyond the public options. */
export interface ServerExtras {
  /** Default 0: any free port. */
  port?: number;
  onDone?: (entry: RequestLogEntry) => void;
}

/** The fake listens on 127.0.0.1 only: it is a test double, never a service. */
export async function startFakeEutils(
  options: FakeEutilsOptions = {},
  extras: ServerExtras = {},
): Promise<FakeEutils> {
  const fixturesDir = options.fixturesDir ?? defaultFixturesDir();
  const now = options.now ?? Date.now;
  const random = seededRandom(options.seed ?? 1);
  const corpus = new Corpus(await loadCorpus(fixturesDir), options.multiplier ?? 1);
  const state: ServerState = {
    corpus,
    history: new HistoryStore(options.webenvTtlMs ?? EIGHT_HOURS_MS, now),
    now,
    random,
    limiter: new RateLimiter(options.rateLimitPerSecond === undefined ? 3 : options.rateLimitPerSecond),
    faults: new FaultPlan(random),
    requests: [],
    latencyMs: options.latencyMs ?? 0,
    retryAfterSeconds: options.retryAfterSeconds ?? null,
    timers: new Set(),
    ...(extras.onDone ? { onDone: extras.onDone } : {}),
  };

  const server = createServer({ keepAlive: true }, createRequestHandler(state));
  // NCBI answers with Keep-Alive: timeout=4 (cassettes).
  server.keepAliveTimeout = 4000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(extras.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    requests: state.requests,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        for (const timer of state.timers) clearTimeout(timer);
        state.timers.clear();
        server.close(() => resolveClose());
        // Idle keep-alive sockets and requests hung by a 'timeout' fault would hold close() for ever.
        server.closeAllConnections();
      });
      return closing;
    },
    injectFaults(rules) {
      state.faults.add(validateFaultRules(rules));
    },
    clearFaults() {
      state.faults.clear();
    },
    pmids: () => corpus.pmids(),
    recordXml: (pmid) => corpus.xml(pmid),
    setRecord: (pmid, xml) => corpus.set(pmid, xml),
    removeRecord: (pmid) => corpus.remove(pmid),
    deleteRecord: (pmid, ymd) => corpus.markDeleted(pmid, ymd),
  };
}

/** <repo>/../shared/fixtures/pubmed, found from this file so any working directory works. */
function defaultFixturesDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/pubmed');
}
