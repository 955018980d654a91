import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import type { Reply } from './reply.ts';

export interface Delivery {
  headers: OutgoingHttpHeaders;
  /** The client sent Accept-Encoding: gzip (NCBI then compresses, see the cassettes). */
  gzip: boolean;
}

/** Streams a reply chunked, as NCBI does (Transfer-Encoding: chunked in every cassette). */
export async function sendReply(res: ServerResponse, reply: Reply, delivery: Delivery): Promise<void> {
  const { gzip } = delivery;
  res.writeHead(reply.status, {
    ...delivery.headers,
    'Content-Type': reply.contentType,
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  const source = Readable.from(reply.body);
  try {
    await (gzip ? pipeline(source, createGzip({ level: 1 }), res) : pipeline(source, res));
  } catch {
    // The client went away mid-response; nothing is left to tell it.
  }
}

/** The whole body as one string, for the faults that must know where to cut it. */
export function materialize(reply: Reply): string {
  return Array.from(reply.body).join('');
}

/** A cut strictly inside the body, clear of the framing the reply protects (at least one character). */
export function cutPoint(
  length: number,
  margins: readonly [number, number] | undefined,
  random: () => number,
): number {
  const [head, tail] = margins ?? [0, 0];
  const low = Math.min(Math.max(head, 1), length - 1);
  const high = Math.max(length - Math.max(tail, 1), low + 1);
  return Math.max(1, Math.min(length - 1, low + Math.floor(random() * (high - low))));
}

/** A complete, normally ended response whose body stops at the cut (a proxy relaying half a body). */
export function sendTruncated(
  res: ServerResponse,
  reply: Reply,
  delivery: Delivery,
  random: () => number,
): void {
  const body = materialize(reply);
  const cut = Buffer.from(body.slice(0, cutPoint(body.length, reply.cutMargins, random)));
  const bytes = delivery.gzip ? gzipSync(cut) : cut;
  res.writeHead(200, {
    ...delivery.headers,
    'Content-Type': reply.contentType,
    'Content-Length': String(bytes.length),
    ...(delivery.gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  res.end(bytes);
}

/** Sends the body chunked up to the cut in two chunks, then closes the socket: no terminating chunk. */
export async function sendStreamCut(
  res: ServerResponse,
  reply: Reply,
  delivery: Delivery,
  random: () => number,
): Promise<void> {
  const text = materialize(reply);
  const whole = delivery.gzip ? gzipSync(text) : Buffer.from(text);
  const cut = delivery.gzip
    ? cutPoint(whole.length, [10, 8], random)
    : Buffer.byteLength(text.slice(0, cutPoint(text.length, reply.cutMargins, random)));
  res.writeHead(200, {
    ...delivery.headers,
    'Content-Type': reply.contentType,
    ...(delivery.gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  const half = Math.ceil(cut / 2);
  await write(res, whole.subarray(0, half));
  await write(res, whole.subarray(half, cut));
  res.socket?.destroy();
}

function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (chunk.length === 0 || res.destroyed) resolve();
    else res.write(chunk, () => resolve());
  });
}
