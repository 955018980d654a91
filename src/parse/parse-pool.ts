import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DigestError } from '../errors.ts';
import { openInput } from './open-input.ts';
import type { ParseEvent } from './parse-event.ts';
import type { JsonLinesBatch, ParseTask, ParseTaskResult } from './parse-worker-protocol.ts';
import { PUBMED_ROOTS, refuseNonXml, SNIFF_BYTES } from './refuse-non-xml.ts';
import { lastRecordEnd, MAX_RECORD_BYTES } from './slice-records.ts';

export type { JsonLinesBatch } from './parse-worker-protocol.ts';

export interface ParsePoolOptions {
  /** Worker threads; default: one per core. */
  workers?: number;
  /** Bytes of whole records per task: large enough to amortise messaging, small enough to balance. */
  chunkBytes?: number;
}

export interface ParsePool {
  /** Events of one file (plain or gzip) in file order; same contract as streamStudyRecords. */
  parseFile(path: string): AsyncGenerator<ParseEvent>;
  parseStream(chunks: AsyncIterable<Uint8Array>, source: { file: string }): AsyncGenerator<ParseEvent>;
  /** The same file as JSON lines built on the workers (what `evidence-digest parse` prints), in order. */
  parseFileToJsonLines(path: string): AsyncGenerator<JsonLinesBatch>;
  close(): Promise<void>;
}

interface PoolWorker {
  worker: Worker;
  outstanding: Map<number, { resolve: (result: ParseTaskResult) => void; reject: (error: Error) => void }>;
}

const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * Parses big inputs on worker threads. The main thread only reads (and gunzips), cuts the bytes after
 * the last record end tag it sees and transfers whole-record chunks to the least busy worker; workers
 * slice, parse and map. At most two chunks per worker are in flight, so memory stays flat however big
 * the file is, and results are yielded in file order.
 */
export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  const size = Math.max(1, options.workers ?? availableParallelism());
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const workers: PoolWorker[] = [];
  let nextId = 0;
  let closed = false;

  function start(): PoolWorker {
    // No inherited execArgv: flags such as --input-type or -e are invalid in a worker, and the entry
    // registers the TypeScript loader itself. Explicit heap limits: left to its defaults, V8 sizes a
    // worker's heap from the machine's memory and the process passed 1 GB RSS on a 365 MB file; with
    // these it stays under 300 MB (bench/RESULTS.md). 256 MB of old space is far more than one chunk of
    // records needs; a 24 MB young generation costs ~5% speed against the default (16 MB: ~8%).
    const worker = new Worker(new URL('./parse-worker-entry.js', import.meta.url), {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 24 },
    });
    const entry: PoolWorker = { worker, outstanding: new Map() };
    worker.on('message', (reply: ParseTaskResult) => {
      const task = entry.outstanding.get(reply.id);
      entry.outstanding.delete(reply.id);
      task?.resolve(reply);
    });
    const failAll = (error: Error) => {
      for (const task of entry.outstanding.values()) {
        task.reject(
          new DigestError('PARSE_WORKER_FAILED', `parse worker stopped: ${error.message}`, { cause: error }),
        );
      }
      entry.outstanding.clear();
      const index = workers.indexOf(entry);
      if (index >= 0) workers.splice(index, 1);
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (!closed) failAll(new Error(`exit code ${code}`));
    });
    workers.push(entry);
    return entry;
  }

  function submit(task: Omit<ParseTask, 'id'>): Promise<ParseTaskResult> {
    if (closed) return Promise.reject(new DigestError('PARSE_WORKER_FAILED', 'parse pool is closed'));
    while (workers.length < size) start();
    const target = workers.reduce((best, w) => (w.outstanding.size < best.outstanding.size ? w : best));
    const id = nextId++;
    const result = new Promise<ParseTaskResult>((resolve, reject) => {
      target.outstanding.set(id, { resolve, reject });
      target.worker.postMessage({ ...task, id } satisfies ParseTask, [task.bytes]);
    });
    // Awaited later, in order; keep Node from reporting a failure as unhandled meanwhile.
    result.catch(() => {});
    return result;
  }

  /** Reads the input, cuts it into whole-record chunks, yields each chunk's result in order. */
  async function* run(
    chunks: AsyncIterable<Uint8Array>,
    source: { file: string },
    output: ParseTask['output'],
  ): AsyncGenerator<ParseTaskResult> {
    const queue: Promise<ParseTaskResult>[] = [];
    let parts: Buffer[] = [];
    let pendingBytes = 0;
    let base = 0;
    let root: string | null = null;
    let first = true;
    const pending = () => (parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, pendingBytes));
    const dispatch = (buffer: Buffer, length: number, final: boolean) => {
      const bytes = new Uint8Array(length);
      bytes.set(buffer.subarray(0, length));
      // Chunks after the first start inside the set element the first one opened (none for bare records).
      const state = { root: first || root === null || !PUBMED_ROOTS.has(root) ? null : root };
      queue.push(submit({ file: source.file, base, bytes: bytes.buffer, state, final, output }));
      first = false;
      base += length;
      const rest = buffer.subarray(length);
      parts = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    };
    try {
      for await (const chunk of chunks) {
        parts.push(
          Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
        );
        pendingBytes += chunk.byteLength;
        if (root === null) {
          if (pendingBytes < SNIFF_BYTES) continue;
          root = refuseNonXml(pending(), source);
        }
        if (pendingBytes < chunkBytes) continue;
        const buffer = pending();
        const cut = lastRecordEnd(buffer, root === 'MedlineCitationSet');
        if (cut > 0) dispatch(buffer, cut, false);
        // No record end in sight for this long: let a worker report the broken record, keep memory flat.
        else if (pendingBytes > chunkBytes + MAX_RECORD_BYTES) dispatch(buffer, pendingBytes, false);
        else parts = [buffer];
        while (queue.length >= size * 2) yield await (queue.shift() as Promise<ParseTaskResult>);
      }
      const buffer = pending();
      if (root === null) root = refuseNonXml(buffer, source);
      dispatch(buffer, buffer.length, true);
      while (queue.length > 0) yield await (queue.shift() as Promise<ParseTaskResult>);
    } finally {
      // Abandoned midway (consumer stopped, read error): the queued results are dropped.
      queue.length = 0;
    }
  }

  function unwrap(result: ParseTaskResult): ParseTaskResult {
    if ('error' in result)
      throw new DigestError('PARSE_WORKER_FAILED', `parse worker failed: ${result.error}`);
    return result;
  }

  async function* parseStream(chunks: AsyncIterable<Uint8Array>, source: { file: string }) {
    for await (const result of run(chunks, source, 'events')) {
      const unwrapped = unwrap(result);
      if ('events' in unwrapped) yield* unwrapped.events;
    }
  }

  async function* parseFileToJsonLines(path: string) {
    for await (const result of run(openInput(path), { file: path }, 'jsonl')) {
      const unwrapped = unwrap(result);
      if ('jsonl' in unwrapped) yield unwrapped.jsonl;
    }
  }

  return {
    parseFile: (path) => parseStream(openInput(path), { file: path }),
    parseStream,
    parseFileToJsonLines,
    async close() {
      closed = true;
      await Promise.all(workers.splice(0).map((entry) => entry.worker.terminate()));
    },
  };
}
