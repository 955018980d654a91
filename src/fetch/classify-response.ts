/**
 * Classifies an E-utilities response before anything parses it, per EUTILS.md: status, then content
 * type and first bytes, then body markers, then completeness. Most NCBI failures arrive with HTTP 200,
 * so a 200 proves nothing. Pure: bytes in, verdict out.
 */
import type { ErrorCode } from '../errors.ts';
import type { Endpoint } from './build-request.ts';

export type ResponseKind =
  | 'ok'
  | 'no-results'
  | 'rate-limited'
  | 'server-error'
  | 'backend-failed'
  | 'client-error'
  | 'webenv-expired'
  | 'html-error'
  | 'plain-text-error'
  | 'empty-body'
  | 'prolog-only'
  | 'truncated'
  | 'unexpected-body'
  | 'network'
  | 'timeout';

export interface Classification {
  kind: ResponseKind;
  /** null when the response is usable data. */
  code: ErrorCode | null;
  /** Retrying the same request may succeed. Only known-transient shapes are; unknown ones are not. */
  transient: boolean;
  message: string;
  /** From a Retry-After header, when the server sent one. */
  retryAfterMs: number | null;
  /** A 502 on a large request: the retry should ask for less. */
  smallerBatch: boolean;
}

export interface ResponseFacts {
  endpoint: Endpoint;
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  body: Buffer;
  /** For Retry-After given as an HTTP date. */
  nowMs?: number;
}

/** Messages inside <ERROR> (or plain text) that mean our request is wrong: retrying cannot help. */
const CLIENT_MISTAKES: readonly RegExp[] = [
  /cannot be larger than 9998/i,
  /out of acceptable range/i,
  /empty id ?list/i,
  /id list is empty/i,
  /supplied id parameter is empty/i,
  /invalid db name/i,
  /neither query_key nor id/i,
  /some ids have invalid value/i,
  /too many uids/i,
  /history data: out of range/i,
  /failed to understand id/i,
  /cannot process id list/i,
  /invalid query/i,
];

/** The history server forgot our WebEnv: the search must be run again, then resumed from the offset. */
const WEBENV_GONE: readonly RegExp[] = [
  /unable to obtain query #/i,
  /cannot retrieve history data(?!: out of range)/i,
  /webenv\b.*\b(expired|invalid|unknown|not found)/i,
  /(expired|invalid|unknown) webenv/i,
];

/** Outages and overload, as NCBI words them (EUTILS.md, EDirect's retry triggers, quoted issue threads). */
const TRANSIENT_MARKERS: readonly RegExp[] = [
  /search backend failed/i,
  /docsum backend failed/i,
  /database is not supported/i,
  /unable to open connection/i,
  /error reading from remote server/i,
  /temporarily unable/i,
  /service unavailable/i,
  /resource temporarily unavailable/i,
  /bad gateway/i,
  /server error/i,
  /unable to route request/i,
  /internal server error/i,
  /failed to retrieve sequence/i,
];

/** The root element of a good answer from each endpoint (efetch: db=pubmed, retmode=xml). */
const EXPECTED_ROOT: Record<Endpoint, string> = {
  esearch: 'eSearchResult',
  efetch: 'PubmedArticleSet',
  einfo: 'eInfoResult',
  epost: 'ePostResult',
  esummary: 'eSummaryResult',
  elink: 'eLinkResult',
  espell: 'eSpellResult',
};

export function classifyResponse(facts: ResponseFacts): Classification {
  const { status, body } = facts;
  const retryAfterMs = parseRetryAfter(facts.retryAfter, facts.nowMs ?? Date.now());
  const contentType = (facts.contentType ?? '').toLowerCase();
  const head = body.subarray(0, 4096).toString('utf8');
  const text = head.trim();

  if (status === 429) {
    return verdict('rate-limited', 'EUTILS_RATE_LIMITED', true, `rate limited (HTTP 429${excerpt(text)})`, {
      retryAfterMs,
    });
  }
  if (status >= 500) {
    return verdict('server-error', 'EUTILS_SERVER_ERROR', true, `HTTP ${status}${excerpt(text)}`, {
      retryAfterMs,
      smallerBatch: status === 502,
    });
  }
  if (status === 408) return verdict('server-error', 'EUTILS_SERVER_ERROR', true, 'HTTP 408 request timeout');
  if (status >= 400 || status < 200 || status >= 300) {
    // A 4xx is our mistake (414 URI too long, 400 history out of range), unless its body says the
    // history expired, which a fresh search repairs.
    // Client mistakes first: the history cap reads "cannot retrieve history data ... cannot be larger than 9998".
    const inner = errorElementText(body);
    if (inner !== null && !matchesAny(inner, CLIENT_MISTAKES) && matchesAny(inner, WEBENV_GONE)) {
      return webenvGone(inner);
    }
    return verdict('client-error', 'EUTILS_CLIENT_ERROR', false, `HTTP ${status}${excerpt(inner ?? text)}`);
  }

  if (text.length === 0) return verdict('empty-body', 'EUTILS_EMPTY_BODY', true, 'empty body with HTTP 200');

  if (contentType.includes('html') || /^(<!doctype html|<html|<head)/i.test(text)) {
    const title = /<title>([^<]*)<\/title>/i.exec(head)?.[1]?.trim();
    return verdict(
      'html-error',
      'EUTILS_HTML_ERROR',
      true,
      `HTML page instead of data${title ? `: ${title}` : ''}`,
    );
  }

  if (text.startsWith('{') || contentType.includes('json')) return classifyJson(body, text);

  if (!text.startsWith('<')) {
    const line = text.split('\n')[0] ?? '';
    if (matchesAny(text, CLIENT_MISTAKES)) return verdict('client-error', 'EUTILS_CLIENT_ERROR', false, line);
    if (matchesAny(text, TRANSIENT_MARKERS)) {
      return verdict('plain-text-error', 'EUTILS_PLAIN_TEXT_ERROR', true, `plain-text error: ${line}`);
    }
    return verdict('unexpected-body', 'EUTILS_UNEXPECTED_BODY', false, `unrecognised non-XML body: ${line}`);
  }

  return classifyXml(facts.endpoint, body, head);
}

function classifyXml(endpoint: Endpoint, body: Buffer, head: string): Classification {
  const root = rootElement(head);
  if (root === 'incomplete')
    return verdict('truncated', 'EUTILS_TRUNCATED', true, 'body ends inside the XML prolog');
  if (root === null)
    return verdict('prolog-only', 'EUTILS_PROLOG_ONLY', true, 'XML prolog with no root element');

  const inner = errorElementText(body);
  if (inner !== null) {
    if (matchesAny(inner, CLIENT_MISTAKES))
      return verdict('client-error', 'EUTILS_CLIENT_ERROR', false, inner);
    if (matchesAny(inner, WEBENV_GONE)) return webenvGone(inner);
    if (matchesAny(inner, TRANSIENT_MARKERS)) {
      return verdict('backend-failed', 'EUTILS_BACKEND_FAILED', true, inner);
    }
    return verdict('unexpected-body', 'EUTILS_UNEXPECTED_BODY', false, `unrecognised <ERROR>: ${inner}`);
  }
  if (/<!--[^>]*docsum backend failed/i.test(head)) {
    return verdict('backend-failed', 'EUTILS_BACKEND_FAILED', true, 'DocSum Backend failed');
  }

  const expected = EXPECTED_ROOT[endpoint];
  if (root !== expected) {
    return verdict(
      'unexpected-body',
      'EUTILS_UNEXPECTED_BODY',
      false,
      `expected <${expected}>, got <${root}>`,
    );
  }
  if (!endsWithClosingTag(body, root)) {
    return verdict('truncated', 'EUTILS_TRUNCATED', true, `body ends before </${root}>`);
  }
  if (root === 'eSearchResult' && /<PhraseNotFound>/.test(head) && /<Count>0<\/Count>/.test(head)) {
    return verdict('no-results', null, false, 'no records match (PhraseNotFound)');
  }
  return verdict('ok', null, false, 'ok');
}

function classifyJson(body: Buffer, text: string): Classification {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return verdict('truncated', 'EUTILS_TRUNCATED', true, 'JSON body does not parse (cut short?)');
  }
  const result = (parsed as { esearchresult?: Record<string, unknown> } | null)?.esearchresult;
  const error = (parsed as { error?: unknown } | null)?.error;
  if (typeof error === 'string' && /rate limit/i.test(error)) {
    return verdict('rate-limited', 'EUTILS_RATE_LIMITED', true, `rate limited: ${error}`);
  }
  if (!result || typeof result !== 'object') {
    return verdict('unexpected-body', 'EUTILS_UNEXPECTED_BODY', false, `unexpected JSON${excerpt(text)}`);
  }
  const inner = typeof result.ERROR === 'string' ? result.ERROR : null;
  if (inner) {
    if (matchesAny(inner, CLIENT_MISTAKES))
      return verdict('client-error', 'EUTILS_CLIENT_ERROR', false, inner);
    if (matchesAny(inner, WEBENV_GONE)) return webenvGone(inner);
    if (matchesAny(inner, TRANSIENT_MARKERS)) {
      return verdict('backend-failed', 'EUTILS_BACKEND_FAILED', true, inner);
    }
    return verdict('unexpected-body', 'EUTILS_UNEXPECTED_BODY', false, `unrecognised ERROR: ${inner}`);
  }
  const phrases = (result.errorlist as { phrasesnotfound?: unknown[] } | undefined)?.phrasesnotfound;
  if (result.count === '0' && Array.isArray(phrases) && phrases.length > 0) {
    return verdict('no-results', null, false, 'no records match (PhraseNotFound)');
  }
  if (typeof result.count !== 'string') {
    return verdict('unexpected-body', 'EUTILS_UNEXPECTED_BODY', false, 'esearch JSON without a count');
  }
  return verdict('ok', null, false, 'ok');
}

/** Classifies a request that produced no response at all (reset, refused, timed out). */
export function classifyFailure(error: unknown): Classification {
  const code = String((error as { code?: unknown }).code ?? '');
  const name = String((error as { name?: unknown }).name ?? '');
  const message = error instanceof Error ? error.message : String(error);
  if (/TIMEOUT/i.test(code) || name === 'TimeoutError') {
    return verdict('timeout', 'EUTILS_TIMEOUT', true, `no response in time (${code || name})`);
  }
  return verdict('network', 'EUTILS_NETWORK', true, `connection failed: ${code ? `${code} ` : ''}${message}`);
}

function webenvGone(inner: string): Classification {
  return verdict(
    'webenv-expired',
    'EUTILS_WEBENV_EXPIRED',
    false,
    `history (WebEnv) no longer available: ${inner}`,
  );
}

function verdict(
  kind: ResponseKind,
  code: ErrorCode | null,
  transient: boolean,
  message: string,
  extra: { retryAfterMs?: number | null; smallerBatch?: boolean } = {},
): Classification {
  return {
    kind,
    code,
    transient,
    message,
    retryAfterMs: extra.retryAfterMs ?? null,
    smallerBatch: extra.smallerBatch ?? false,
  };
}

/** The name of the first element after the XML declaration, DOCTYPE and comments. */
export function rootElement(head: string): string | null | 'incomplete' {
  let rest = head.replace(/^\uFEFF/, '');
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end < 0) return 'incomplete';
      rest = rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return 'incomplete';
      rest = rest.slice(end + 3);
    } else if (rest.startsWith('<!DOCTYPE') || rest.startsWith('<!doctype')) {
      const end = rest.indexOf('>');
      if (end < 0) return 'incomplete';
      rest = rest.slice(end + 1);
    } else {
      break;
    }
  }
  if (rest.length === 0) return null;
  const match = /^<([A-Za-z_][\w.:-]*)/.exec(rest);
  return match?.[1] ?? 'incomplete';
}

/** Text of the first non-empty <ERROR> element; an empty <ERROR/> (eSpell) is not an error. */
function errorElementText(body: Buffer): string | null {
  const at = body.indexOf('<ERROR>');
  if (at < 0) return null;
  const end = body.indexOf('</ERROR>', at);
  const inner = body
    .subarray(at + 7, end < 0 ? Math.min(body.length, at + 2000) : end)
    .toString('utf8')
    .trim();
  return inner.length > 0 ? inner.replace(/\s+/g, ' ') : null;
}

function endsWithClosingTag(body: Buffer, root: string): boolean {
  const tail = body
    .subarray(Math.max(0, body.length - root.length - 64))
    .toString('utf8')
    .trimEnd();
  return tail.endsWith(`</${root}>`);
}

function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(text));
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').slice(0, 160);
  return line ? `: ${line}` : '';
}

export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
