/**
 * Sends E-utilities requests politely and survives NCBI's bad days: every attempt (retries included)
 * passes the one pacing gate, p-limit caps requests in flight, every response is classified before
 * anyone parses it, and one pure policy decides whether to try again.
 */
import pLimit from 'p-limit';
import { Agent, request } from 'undici';
import { DigestError } from '../errors.ts';
import {
  buildRequest,
  type Endpoint,
  type EutilsRequest,
  type Identity,
  redactSecret,
} from './build-request.ts';
import { type Classification, classifyFailure, classifyResponse } from './classify-response.ts';
import type { Clock, Pacer } from './pacer.ts';
import { decideRetry, type RetryPolicy } from './retry-policy.ts';

export interface ClientDeps {
  baseUrl: string;
  identity: Identity;
  pacer: Pacer;
  clock: Clock;
  random: () => number;
  policy: RetryPolicy;
  maxInFlight: number;
  requestTimeoutMs: number;
  /** Called for every retry, with a message that never contains the key. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  endpoint: Endpoint;
  attempt: number;
  delayMs: number;
  outcome: Classification;
}

export interface EutilsResponse {
  body: Buffer;
  classification: Classification;
  attempts: number;
}

export interface CallOptions {
  /** Extra checks on a body the classifier accepted (e.g. every record closed); a verdict fails the attempt. */
  validate?: (body: Buffer) => Classification | null;
  /** Re-shapes the request after a 502 ("smaller batch"); return null to keep it. */
  shrink?: () => Record<string, string | number> | null;
  /** Stops before the next attempt (another part of the run failed). */
  signal?: AbortSignal;
}

export interface ClientStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

export interface EutilsClient {
  call(
    endpoint: Endpoint,
    params: Record<string, string | number>,
    options?: CallOptions,
  ): Promise<EutilsResponse>;
  readonly stats: ClientStats;
  close(): Promise<void>;
}

export function createEutilsClient(deps: ClientDeps): EutilsClient {
  const dispatcher = new Agent({
    connections: deps.maxInFlight,
    keepAliveTimeout: 4_000,
    headersTimeout: deps.requestTimeoutMs,
    bodyTimeout: deps.requestTimeoutMs,
  });
  const inFlight = pLimit(deps.maxInFlight);
  const stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0 };
  const secret = deps.identity.apiKey;

  async function attemptOnce(
    req: EutilsRequest,
    options: CallOptions,
  ): Promise<Classification & { body?: Buffer }> {
    await deps.pacer.acquire();
    stats.requests++;
    try {
      const response = await request(req.url, {
        method: 'POST',
        body: req.body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': `evidence-digest (${deps.identity.tool})`,
        },
        dispatcher,
      });
      const body = Buffer.from(await response.body.arrayBuffer());
      const classification = classifyResponse({
        endpoint: req.endpoint,
        status: response.statusCode,
        contentType: header(response.headers['content-type']),
        retryAfter: header(response.headers['retry-after']),
        body,
        nowMs: deps.clock.now(),
      });
      if (classification.kind === 'ok' && options.validate) {
        const problem = options.validate(body);
        if (problem) return problem;
      }
      return { ...classification, body };
    } catch (error) {
      return classifyFailure(error);
    }
  }

  async function call(
    endpoint: Endpoint,
    params: Record<string, string | number>,
    options: CallOptions = {},
  ): Promise<EutilsResponse> {
    options.signal?.throwIfAborted();
    return inFlight(async () => {
      let current = params;
      for (let attempt = 1; ; attempt++) {
        options.signal?.throwIfAborted();
        const req = buildRequest(deps.baseUrl, endpoint, current, deps.identity);
        const outcome = await attemptOnce(req, options);
        if ((outcome.kind === 'ok' || outcome.kind === 'no-results') && outcome.body) {
          const { body, ...classification } = outcome;
          return { body, classification, attempts: attempt };
        }
        if (outcome.kind === 'rate-limited') stats.rateLimited++;
        const decision = decideRetry(outcome, attempt, deps.policy, deps.random());
        if (!decision.retry) throw failure(req, outcome, attempt, secret);

        stats.retries++;
        if (outcome.kind === 'rate-limited') deps.pacer.holdUntil(deps.clock.now() + decision.delayMs);
        if (outcome.smallerBatch && options.shrink) current = options.shrink() ?? current;
        deps.onRetry?.({ endpoint, attempt, delayMs: decision.delayMs, outcome });
        await deps.clock.sleep(decision.delayMs);
        options.signal?.throwIfAborted();
      }
    });
  }

  return {
    call,
    stats,
    close: () => dispatcher.close(),
  };
}

function failure(
  req: EutilsRequest,
  outcome: Classification,
  attempts: number,
  secret: string | null,
): DigestError {
  const message = redactSecret(outcome.message, secret);
  const context = { url: req.url, attempt: attempts };
  if (!outcome.transient || outcome.code === null) {
    return new DigestError(outcome.code ?? 'EUTILS_UNEXPECTED_BODY', `${req.endpoint}: ${message}`, {
      context,
    });
  }
  const cause = new DigestError(outcome.code, message, { context });
  return new DigestError(
    'EUTILS_RETRIES_EXHAUSTED',
    `${req.endpoint} failed ${attempts} times in a row; last: ${message}`,
    { cause, context },
  );
}

function header(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
