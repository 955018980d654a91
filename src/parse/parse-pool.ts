import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DigestError } from '../errors.ts';
import { inspectInput, openInput } from './open-input.ts';
import type { ParseEvent } from './parse-event.ts';
import type {
  ChunkTask,
  JsonLinesBatch,
  ParseTask,
  ParseTaskResult,
  RangeTask,
} from './parse-worker-protocol.ts';
import { PUBMED_ROOTS, refuseNonXml, SNIFF_BYTES } from './refuse-non-xml.ts';
import { firstRecordEnd, lastRecordEnd, MAX_RECORD_BYTES } from './slice-records.ts';

export type { JsonLinesBatch } from './parse-worker-protocol.ts';

export interface ParsePoolOptions {
  /** Worker threads; default: one per core. */
  workers?: number;
  /**
   * Bytes of whole records per task: large enough to amortise messaging, small enough to balance and to
   * keep a task's records from outliving young-generation collections (see DEFAULT_CHUNK_BYTES).
   */
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

/** A task as the pool makes it, before it gets an id and an output format. */
type TaskInput = Omit<ChunkTask, 'id' | 'output'> | Omit<RangeTask, 'id' | 'output'>;

/**
 * A worker holds a task's parsed records until it posts them, while parsing allocates fast: with 1 MB
 * tasks the records lived through several young-generation collections and were promoted (314 MB
 * promoted, 0.96 s of GC over three passes of the 91 MB bench corpus); with 256 KB, 76 MB and 0.45 s.
 * Smaller tasks did worse again (64-128 KB: 170 MB promoted on one thread, against 52 MB at 256 KB).
 */
const DEFAULT_CHUNK_BYTES = 256 * 1024;

/**
 * Parses big inputs on worker threads. A plain file is handed out as byte ranges: each worker reads its
 * own range and finds the record boundaries in it (read-record-range.ts), so the main thread, which
 * shares the same cores, only hands out ranges and receives results. A gzip file or a stream is read
 * (and gunzipped) here, cut after the last record end tag of each chunk and the whole-record chunks
 * transferred. Workers slice, parse and map. At most two tasks per worker are in flight, so memory stays
 * flat however big the file is, and results are yielded in file order.
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

  function submit(task: TaskInput, output: ParseTask['output']): Promise<ParseTaskResult> {
    if (closed) return Promise.reject(new DigestError('PARSE_WORKER_FAILED', 'parse pool is closed'));
    while (workers.length < size) start();
    const target = workers.reduce((best, w) => (w.outstanding.size < best.outstanding.size ? w : best));
    const id = nextId++;
    const result = new Promise<ParseTaskResult>((resolve, reject) => {
      target.outstanding.set(id, { resolve, reject });
      const message = { ...task, id, output } satisfies ParseTask;
      target.worker.postMessage(message, task.kind === 'chunk' ? [task.bytes] : []);
    });
    // Awaited later, in order; keep Node from reporting a failure as unhandled meanwhile.
    result.catch(() => {});
    return result;
  }

  /** Hands tasks out as they come, at most two per worker in flight; yields their results in order. */
  async function* run(tasks: AsyncIterable<TaskInput>, output: ParseTask['output']) {
    const queue: Promise<ParseTaskResult>[] = [];
    try {
      for await (const task of tasks) {
        queue.push(submit(task, output));
        while (queue.length >= size * 2) yield unwrap(await (queue.shift() as Promise<ParseTaskResult>));
      }
      while (queue.length > 0) yield unwrap(await (queue.shift() as Promise<ParseTaskResult>));
    } finally {
      // Abandoned midway (consumer stopped, read error): the queued results are dropped.
      queue.length = 0;
    }
  }

  /**
   * A plain file is handed out as byte ranges that the workers read themselves; gzip (and anything
   * that is not a regular file) is read and cut into chunks here.
   */
  async function* fileTasks(path: string): AsyncGenerator<TaskInput> {
    const input = await inspectInput(path, SNIFF_BYTES);
    if (input.gzip || !input.regular) {
      yield* chunkTasks(openInput(path), { file: path }, chunkBytes);
      return;
    }
    const root = refuseNonXml(input.head, { file: path });
    for (let at = 0; at < input.size; at += chunkBytes) {
      const end = Math.min(input.size, at + chunkBytes);
      yield { kind: 'range', file: path, start: at, end, size: input.size, root };
    }
  }

  async function* events(tasks: AsyncIterable<TaskInput>) {
    for await (const result of run(tasks, 'events')) if ('events' in result) yield* result.events;
  }

  return {
    parseFile: (path) => events(fileTasks(path)),
    parseStream: (chunks, source) => events(chunkTasks(chunks, source, chunkBytes)),
    async *parseFileToJsonLines(path) {
      for await (const result of run(fileTasks(path), 'jsonl')) if ('jsonl' in result) yield result.jsonl;
    },
    async close() {
      closed = true;
      await Promise.all(workers.splice(0).map((entry) => entry.worker.terminate()));
    },
  };
}

function unwrap(result: ParseTaskResult): ParseTaskResult {
  if (!('error' in result)) return result;
  if (result.code !== undefined) {
    throw new DigestError(result.code, result.error, { context: result.context ?? {} });
  }
  throw new DigestError('PARSE_WORKER_FAILED', `parse worker failed: ${result.error}`);
}

/**
 * Reads a stream (gunzipped, or any byte stream) and cuts it after the last record end tag of every
 * chunkBytes or so, so each chunk holds whole records; the bytes after the cut start the next chunk.
 */
async function* chunkTasks(
  chunks: AsyncIterable<Uint8Array>,
  source: { file: string },
  chunkBytes: number,
): AsyncGenerator<TaskInput> {
  let parts: Buffer[] = [];
  let pendingBytes = 0;
  let base = 0;
  let root: string | null = null;
  let first = true;
  const pending = () => (parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, pendingBytes));
  const cut = (buffer: Buffer, length: number, final: boolean): TaskInput => {
    const bytes = new Uint8Array(length);
    bytes.set(buffer.subarray(0, length));
    // Chunks after the first start inside the set element the first one opened (none for bare records).
    const state = { root: first || root === null || !PUBMED_ROOTS.has(root) ? null : root };
    const task: TaskInput = { kind: 'chunk', file: source.file, base, bytes: bytes.buffer, state, final };
    first = false;
    base += length;
    const rest = buffer.subarray(length);
    parts = rest.length > 0 ? [rest] : [];
    pendingBytes = rest.length;
    return task;
  };
  for await (const chunk of chunks) {
    parts.push(
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    );
    pendingBytes += chunk.byteLength;
    if (root === null) {
      if (pendingBytes < SNIFF_BYTES) continue;
      root = refuseNonXml(pending(), source);
    }
    const legacySet = root === 'MedlineCitationSet' || root === 'MedlineCitation';
    while (pendingBytes >= chunkBytes) {
      const buffer = pending();
      // After the first record that ends past chunkBytes, as ranges are cut; else after the last one.
      const first = firstRecordEnd(buffer, chunkBytes, legacySet);
      const end = first > 0 ? first : lastRecordEnd(buffer, legacySet);
      if (end > 0) yield cut(buffer, end, false);
      // No record end in sight for this long: let a worker report the broken record, keep memory flat.
      else if (pendingBytes > chunkBytes + MAX_RECORD_BYTES) yield cut(buffer, pendingBytes, false);
      else {
        parts = [buffer];
        break;
      }
    }
  }
  const buffer = pending();
  if (root === null) root = refuseNonXml(buffer, source);
  yield cut(buffer, buffer.length, true);
}
