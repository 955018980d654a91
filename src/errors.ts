/**
 * One error type for the whole pipeline. `code` is stable (users and tests match on it); the message says
 * what happened, to what, and what the pipeline does about it; context names the URL, PMID, file or field.
 */
export type ErrorCode =
  // configuration and usage (exit 2)
  | 'CONFIG_INVALID'
  | 'CONFIG_UNREADABLE'
  | 'USAGE'
  // E-utilities responses (see src/fetch/classify-response.ts)
  | 'EUTILS_RATE_LIMITED'
  | 'EUTILS_SERVER_ERROR'
  | 'EUTILS_BACKEND_FAILED'
  | 'EUTILS_CLIENT_ERROR'
  | 'EUTILS_HTML_ERROR'
  | 'EUTILS_PLAIN_TEXT_ERROR'
  | 'EUTILS_EMPTY_BODY'
  | 'EUTILS_PROLOG_ONLY'
  | 'EUTILS_TRUNCATED'
  | 'EUTILS_WEBENV_EXPIRED'
  | 'EUTILS_UNEXPECTED_BODY'
  | 'EUTILS_NETWORK'
  | 'EUTILS_TIMEOUT'
  | 'EUTILS_RETRIES_EXHAUSTED'
  | 'EUTILS_CAP_UNSPLITTABLE'
  // cache
  | 'CACHE_CORRUPT'
  | 'CACHE_LAYOUT_UNSUPPORTED'
  | 'CACHE_WRITE_FAILED'
  | 'CACHE_LOCKED'
  // parse
  | 'PARSE_NOT_XML'
  | 'PARSE_UNEXPECTED_ROOT'
  | 'PARSE_MALFORMED_RECORD'
  | 'PARSE_TRUNCATED'
  | 'PARSE_UNREADABLE_FILE'
  | 'PARSE_WORKER_FAILED'
  // tag
  | 'TAG_INPUT_INVALID'
  | 'TAG_INPUT_UNREADABLE'
  // site (build, publish, serve)
  | 'SITE_BUILD_FAILED'
  | 'SITE_PUBLISH_FAILED';

export interface ErrorContext {
  /** Request URL, never with the API key (requests carry the key in the POST body only). */
  url?: string;
  pmid?: string;
  file?: string;
  /** 1-based line in `file` (JSONL input). */
  line?: number;
  /** Byte offset in `file` (a record, or the fault inside it). */
  offset?: number;
  field?: string;
  status?: number;
  attempt?: number;
}

export class DigestError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DigestError';
    this.code = code;
    this.context = options.context ?? {};
  }
}

export function isDigestError(error: unknown, code?: ErrorCode): error is DigestError {
  return error instanceof DigestError && (code === undefined || error.code === code);
}

/** A one-paragraph description of an error and its causes, for stderr. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof DigestError) {
      const where = Object.entries(current.context)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ');
      parts.push(`[${current.code}] ${current.message}${where ? ` (${where})` : ''}`);
    } else if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(`${typeof code === 'string' ? `[${code}] ` : ''}${current.message}`);
    } else {
      parts.push(String(current));
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n  caused by: ');
}
