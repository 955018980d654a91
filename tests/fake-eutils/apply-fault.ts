import type { IncomingMessage, ServerResponse } from 'node:http';
import { intParam, type Params } from './handler-context.ts';
import {
  BACKEND_FAILED,
  BAD_GATEWAY_PAGE,
  ESEARCH_PROLOG,
  efetchErrorXml,
  esearchErrorXml,
  esearchJson,
  HTML_TYPE,
  historyGone,
  JSON_TYPE,
  PUBMED_PROLOG,
  rateLimitJson,
  SERVICE_UNAVAILABLE_PAGE,
  TEXT_TYPE,
  UNABLE_TO_ROUTE,
  unableToObtainQuery,
  wwwError500Page,
  XML_TYPE,
} from './ncbi-bodies.ts';
import type { RateDecision } from './rate-limiter.ts';
import { type Reply, textReply } from './reply.ts';
import { type Delivery, sendReply, sendStreamCut, sendTruncated } from './send-reply.ts';
import type { FaultRule } from './types.ts';

export interface FaultRequest {
  req: IncomingMessage;
  res: ServerResponse;
  endpoint: 'esearch' | 'efetch';
  path: string;
  params: Params;
  rate: RateDecision;
  delivery: Delivery;
  random: () => number;
  /** The option's Retry-After for rate-limit faults without their own. */
  retryAfterSeconds: number | null;
  /** The normal answer, for the faults that damage it rather than replace it. */
  normalReply: (options: { fewerRecords?: boolean }) => Reply;
}

export interface FaultOutcome {
  /** HTTP status sent (0: no response at all), known before the body goes out. */
  status: number;
  sending: Promise<void>;
}

/** Answers a request the way the fault says. */
export function applyFault(rule: FaultRule, r: FaultRequest): FaultOutcome {
  const send = (reply: Reply, extraHeaders: Record<string, string> = {}): FaultOutcome => ({
    status: reply.status,
    sending: sendReply(r.res, reply, { ...r.delivery, headers: { ...r.delivery.headers, ...extraHeaders } }),
  });
  const done = (status: number, sending: Promise<void> = Promise.resolve()): FaultOutcome => ({
    status,
    sending,
  });
  const json = r.endpoint === 'esearch' && r.params.retmode?.toLowerCase() === 'json';
  const esearchError = (message: string): Reply =>
    json
      ? textReply(200, JSON_TYPE, esearchJson({ ERROR: message }))
      : textReply(200, XML_TYPE, esearchErrorXml(message));

  switch (rule.fault) {
    case 'rate-limit':
    case 'rate-limit-retry-after': {
      const retryAfter =
        rule.fault === 'rate-limit-retry-after' ? 1 : (rule.retryAfterSeconds ?? r.retryAfterSeconds);
      // An injected rejection reports a count over the limit, as a real one would.
      const rate = { ...r.rate, count: Math.max(r.rate.count, r.rate.limit + 1), allowed: false };
      return send(rateLimitReply(rate), rateLimitHeaders(retryAfter));
    }
    case 'http-500':
      return send(textReply(500, HTML_TYPE, wwwError500Page(r.path)));
    case 'http-502':
      return send(textReply(502, HTML_TYPE, BAD_GATEWAY_PAGE));
    case 'http-503':
      return send(textReply(503, HTML_TYPE, SERVICE_UNAVAILABLE_PAGE));
    case 'connection-reset':
      // A TCP RST before any byte of the response: the client sees ECONNRESET.
      r.req.socket.resetAndDestroy();
      return done(0);
    case 'timeout':
      // Accepted and never answered; close() destroys the socket.
      return done(0);
    case 'truncated-body':
      sendTruncated(r.res, r.normalReply({}), r.delivery, r.random);
      return done(200);
    case 'stream-cut':
      return done(200, sendStreamCut(r.res, r.normalReply({}), r.delivery, r.random));
    case 'html-error-200':
      return send(textReply(200, HTML_TYPE, wwwError500Page(r.path)));
    case 'plain-text-error':
      return send(textReply(200, TEXT_TYPE, UNABLE_TO_ROUTE));
    case 'empty-body':
      r.res.writeHead(200, { ...r.delivery.headers, 'Content-Type': XML_TYPE, 'Content-Length': '0' });
      r.res.end();
      return done(200);
    case 'prolog-only':
      return send(textReply(200, XML_TYPE, r.endpoint === 'esearch' ? ESEARCH_PROLOG : PUBMED_PROLOG));
    case 'backend-error':
      if (r.endpoint === 'efetch') return send(textReply(200, XML_TYPE, efetchErrorXml([BACKEND_FAILED])));
      return send(esearchError(BACKEND_FAILED));
    case 'webenv-expired': {
      const queryKey = r.params.query_key?.trim() || '1';
      if (r.endpoint === 'esearch') return send(esearchError(unableToObtainQuery(queryKey)));
      const retstart = intParam(r.params.retstart, 0);
      const retmax = intParam(r.params.retmax, 20);
      return send(
        textReply(
          400,
          XML_TYPE,
          efetchErrorXml(historyGone(queryKey, r.params.webenv ?? '', retstart, retmax)),
        ),
      );
    }
    case 'fewer-records':
      return send(r.normalReply({ fewerRecords: true }));
  }
}

/** 429 with NCBI's JSON body; also used for real rejections by the rate limiter. */
export function rateLimitReply(rate: RateDecision): Reply {
  return textReply(429, 'application/json', rateLimitJson(rate.count, rate.limit));
}

export function rateLimitHeaders(retryAfterSeconds: number | null): Record<string, string> {
  return {
    'X-RateLimit-Remaining': '0',
    ...(retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) }),
  };
}
