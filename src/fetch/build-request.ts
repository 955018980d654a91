/**
 * Builds E-utilities requests. Every call is a form-encoded POST (as NCBI's own EDirect does): id lists
 * and long queries never hit the 414 of a long GET, and the API key travels in the body, so the URL that
 * errors and logs carry never holds it.
 */
/** The client uses esearch and efetch; the others are named so any E-utilities body can be classified. */
export type Endpoint = 'esearch' | 'efetch' | 'einfo' | 'epost' | 'esummary' | 'elink' | 'espell';

export interface Identity {
  tool: string;
  email: string | null;
  apiKey: string | null;
}

export interface EutilsRequest {
  endpoint: Endpoint;
  /** Safe to log: base URL + endpoint, no parameters. */
  url: string;
  /** Form-encoded body, including tool, email and api_key: never log it. */
  body: string;
  /** The parameters without the key, for logs and error context. */
  params: Readonly<Record<string, string>>;
}

export function buildRequest(
  baseUrl: string,
  endpoint: Endpoint,
  params: Readonly<Record<string, string | number>>,
  identity: Identity,
): EutilsRequest {
  const visible: Record<string, string> = { db: 'pubmed' };
  for (const [key, value] of Object.entries(params)) visible[key] = String(value);
  visible.tool = identity.tool;
  if (identity.email) visible.email = identity.email;

  const form = new URLSearchParams(visible);
  if (identity.apiKey) form.set('api_key', identity.apiKey);

  return {
    endpoint,
    url: new URL(`${endpoint}.fcgi`, baseUrl).toString(),
    body: form.toString(),
    params: visible,
  };
}

/** Removes the API key wherever it might have slipped into a string (defence in depth for messages). */
export function redactSecret(text: string, secret: string | null): string {
  if (!secret) return text;
  return text.split(secret).join('***');
}
