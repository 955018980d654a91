import { randomBytes } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { handleAdmin } from './admin.ts';
import { applyFault, rateLimitHeaders, rateLimitReply } from './apply-fault.ts';
import { handleEfetch } from './efetch.ts';
import { handleEsearch } from './esearch.ts';
import type { FaultPlan } from './fault-plan.ts';
import type { HandlerContext } from './handler-context.ts';
import { HTML_TYPE, NOT_FOUND_PAGE, TEXT_TYPE } from './ncbi-bodies.ts';
import type { RateDecision, RateLimiter } from './rate-limiter.ts';
import { readParams } from './read-params.ts';
import { textReply } from './reply.ts';
import { type Delivery, sendReply } from './send-reply.ts';
import type { RequestLogEntry } from './types.ts';

export const BASE_PATH = '/entrez/eutils/';

export interface ServerState extends HandlerContext {
  limiter: RateLimiter;
  faults: FaultPlan;
  requests: RequestLogEntry[];
  latencyMs: number;
  retryAfterSeconds: number | null;
  /** Pending latency delays, cancelled by close(). */
  timers: Set<NodeJS.Timeout>;
  /** Called once per request when its exchange is over (answered, cut, or abandoned). */
  onDone?: (entry: RequestLogEntry) => void;
}

export function createRequestHandler(
  state: ServerState,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'Content-Type': TEXT_TYPE });
      res.end(`fake E-utilities bug: ${error instanceof Error ? error.stack : String(error)}`);
    });
  };
}

async function handleRequest(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const startedAtMs = state.now();
  const url = new URL(req.url ?? '/', 'http://fake-eutils.invalid');
  const endpoint = endpointOf(url.pathname);
  const entry: RequestLogEntry = {
    method: req.method ?? 'GET',
    endpoint,
    params: {},
    startedAtMs,
    status: 0,
    fault: null,
  };

  if (endpoint === 'admin') {
    // Logged once answered, so a GET of the log does not list itself half done.
    entry.status = await handleAdmin(req, res, url.pathname, state);
    state.requests.push(entry);
    state.onDone?.(entry);
    return;
  }

  state.requests.push(entry);
  res.once('close', () => state.onDone?.(entry));
  const { sent, byName } = await readParams(req, url);
  entry.params = redactApiKey(sent);

  // Counted at the arrival time taken above; decided now because a POST carries its api_key in the body.
  const rate = state.limiter.hit(byName.api_key?.trim() ?? '', startedAtMs);
  const delivery: Delivery = {
    headers: ncbiHeaders(rate),
    gzip: /\bgzip\b/i.test(req.headers['accept-encoding'] ?? ''),
  };
  await delay(state, state.latencyMs);

  if (!rate.allowed) {
    // A real rejection: logged with fault null, so tests can tell it from an injected one.
    entry.status = 429;
    const headers = { ...delivery.headers, ...rateLimitHeaders(state.retryAfterSeconds) };
    return sendReply(res, rateLimitReply(rate), { ...delivery, headers });
  }
  if (endpoint !== 'esearch' && endpoint !== 'efetch') {
    entry.status = 404;
    return sendReply(res, textReply(404, HTML_TYPE, NOT_FOUND_PAGE), delivery);
  }
  if (req.method !== 'GET' && req.method !== 'POST') {
    entry.status = 405;
    return sendReply(res, textReply(405, TEXT_TYPE, 'Method Not Allowed\n'), delivery);
  }

  const normalReply = (options: { fewerRecords?: boolean }) => {
    const reply =
      endpoint === 'esearch' ? handleEsearch(byName, state) : handleEfetch(byName, state, options);
    entry.idCount = reply.idCount;
    return reply;
  };
  const rule = state.faults.pick({ endpoint, carriesWebEnv: (byName.webenv ?? '').trim() !== '' });
  if (rule !== null) {
    entry.fault = rule.fault;
    const outcome = applyFault(rule, {
      req,
      res,
      endpoint,
      path: url.pathname,
      params: byName,
      rate,
      delivery,
      random: state.random,
      retryAfterSeconds: state.retryAfterSeconds,
      normalReply,
    });
    entry.status = outcome.status;
    return outcome.sending;
  }
  const reply = normalReply({});
  entry.status = reply.status;
  return sendReply(res, reply, delivery);
}

function endpointOf(path: string): string {
  if (path.startsWith('/__admin/') || path === '/__admin') return 'admin';
  const match = /^\/entrez\/eutils\/(esearch|efetch)\.fcgi$/.exec(path);
  return match?.[1] ?? path;
}

/** Response headers of the recorded NCBI exchanges (biocommons cassettes), rate-limit counters included. */
function ncbiHeaders(rate: RateDecision): OutgoingHttpHeaders {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'X-RateLimit-Limit,X-RateLimit-Remaining',
    'Cache-Control': 'private',
    'NCBI-PHID': `${randomBytes(16).toString('hex').toUpperCase()}.1.1.m_1`,
    'NCBI-SID': `${randomBytes(8).toString('hex').toUpperCase()}_FAKESID`,
    Server: 'Finatra',
    'X-RateLimit-Limit': String(rate.limit),
    'X-RateLimit-Remaining': String(Math.max(0, rate.limit - rate.count)),
  };
}

function redactApiKey(params: Record<string, string>): Record<string, string> {
  const out = { ...params };
  for (const name of Object.keys(out)) {
    if (name.toLowerCase() === 'api_key' && out[name] !== '') out[name] = '***';
  }
  return out;
}

function delay(state: ServerState, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      resolve();
    }, ms);
    state.timers.add(timer);
  });
}
