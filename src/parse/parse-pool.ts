import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DigestError } from '../errors.ts';
import { openInput } from './open-input.ts';
import type { ParseEvent } from './parse-event.ts';
import type { ParseTask, ParseTaskResult } from './parse-worker-protocol.ts';
import { PUBMED_ROOTS, refuseNonXml, SNIFF_BYTES } from './refuse-non-xml.ts';
import { lastRecordEnd, MAX_RECORD_BYTES } from './slice-records.ts';

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
  close(): Promise<void>;
}

interface PoolWorker {
  worker: Worker;
  outstanding: Map<number, { resolve: (events: ParseEvent[]) => void; reject: (error: Error) => void }>;
}

const DEFAULT_CHUNK_BYTES = 2 * 1024 * 1024;

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
    const worker = new Worker(new URL('./parse-worker-entry.js', import.meta.url), {
      resourceLimits: { maxYoungGenerationSizeMb: Number(process.env.YG ?? 0) || undefined },
    });
    const entry: PoolWorker = { worker, outstanding: new Map() };
    worker.on('message', (reply: ParseTaskResult) => {
      const task = entry.outstanding.get(reply.id);
      if (task === undefined) return;
      entry.outstanding.delete(reply.id);
      if ('events' in reply) task.resolve(reply.events);
      else task.reject(new DigestError('PARSE_WORKER_FAILED', `parse worker failed: ${reply.error}`));
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

  function submit(task: Omit<ParseTask, 'id'>): Promise<ParseEvent[]> {
    if (closed) return Promise.reject(new DigestError('PARSE_WORKER_FAILED', 'parse pool is closed'));
    while (workers.length < size) start();
    const target = workers.reduce((best, w) => (w.outstanding.size < best.outstanding.size ? w : best));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      target.outstanding.set(id, { resolve, reject });
      target.worker.postMessage({ ...task, id } satisfies ParseTask, [task.bytes]);
    });
  }

  async function* parseStream(
    chunks: AsyncIterable<Uint8Array>,
    source: { file: string },
  ): AsyncGenerator<ParseEvent> {
    const queue: Promise<ParseEvent[]>[] = [];
    let pending: Buffer = Buffer.alloc(0);
    let base = 0;
    let root: string | null = null;
    let first = true;
    const dispatch = (length: number, final: boolean) => {
      const bytes = new Uint8Array(length);
      bytes.set(pending.subarray(0, length));
      // Chunks after the first start inside the set element the first one opened (none for bare records).
      const state = { root: first || root === null || !PUBMED_ROOTS.has(root) ? null : root };
      queue.push(submit({ file: source.file, base, bytes: bytes.buffer, state, final }));
      // A rejected task is awaited later, in order; keep Node from reporting it as unhandled meanwhile.
      queue[queue.length - 1]?.catch(() => {});
      first = false;
      base += length;
      pending = pending.subarray(length);
    };
    try {
      for await (const chunk of chunks) {
        const bytes = Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
        if (root === null) {
          if (pending.length < SNIFF_BYTES) continue;
          root = refuseNonXml(pending, source);
        }
        if (pending.length < chunkBytes) continue;
        const cut = lastRecordEnd(pending, root === 'MedlineCitationSet');
        if (cut > 0) dispatch(cut, false);
        // No record end in sight for this long: let a worker report the broken record, keep memory flat.
        else if (pending.length > chunkBytes + MAX_RECORD_BYTES) dispatch(pending.length, false);
        else continue;
        while (queue.length >= size * 2) yield* await (queue.shift() as Promise<ParseEvent[]>);
      }
      if (root === null) root = refuseNonXml(pending, source);
      dispatch(pending.length, true);
      while (queue.length > 0) yield* await (queue.shift() as Promise<ParseEvent[]>);
    } finally {
      // Abandoned midway (consumer stopped, read error): the queued results are dropped.
      queue.length = 0;
    }
  }

  return {
    parseFile: (path) => parseStream(openInput(path), { file: path }),
    parseStream,
    async close() {
      closed = true;
      await Promise.all(workers.splice(0).map((entry) => entry.worker.terminate()));
    },
  };
}
