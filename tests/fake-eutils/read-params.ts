import type { IncomingMessage } from 'node:http';

/** Generous: NCBI takes POSTs of 10,000 ids (about 90 kB) and 5 kB search terms. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface RequestParams {
  /** As sent: query string, then form body (the body wins on a repeated name). */
  sent: Record<string, string>;
  /** Names lower-cased, as NCBI matches them (WebEnv, webenv). */
  byName: Record<string, string>;
}

export async function readRequestBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** E-utilities parameters from the URL and, for a POST, the form-encoded body. */
export async function readParams(req: IncomingMessage, url: URL): Promise<RequestParams> {
  const sent: Record<string, string> = {};
  for (const [name, value] of url.searchParams) sent[name] = value;
  if (req.method === 'POST') {
    const body = await readRequestBody(req);
    for (const [name, value] of new URLSearchParams(body)) sent[name] = value;
  } else {
    req.resume();
  }
  const byName: Record<string, string> = {};
  for (const [name, value] of Object.entries(sent)) byName[name.toLowerCase()] = value;
  return { sent, byName };
}
