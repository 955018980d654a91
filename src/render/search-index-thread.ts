import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { SearchMeta } from '../search/index.ts';

/** Build thread -> search index thread: the terms of a batch's studies. */
export interface TermsMessage {
  /** Each study's place in the build's list of jobs: its number until the docs are numbered. */
  provisional: number[];
  /** Each study's terms (studyIndexTerms: four space-joined fields) joined by tabs, studies by newlines. */
  text: string;
}

/** Main thread -> search index thread. */
export type IndexRequest =
  | { type: 'port'; port: MessagePort }
  /**
   * Studies carried from the published site (site-state.ts): `pairs` holds, for each, its provisional
   * number and its number in the published postings `file`.
   */
  | { type: 'carry'; file: string; pairs: Int32Array }
  | {
      type: 'finish';
      /** The provisional number of doc 0, 1, ...: the searchable studies, newest first. */
      order: Int32Array;
      /** Studies whose terms were sent (finish waits until it has them all). */
      expected: number;
      stageDir: string;
      replace: boolean;
      shardBytes?: number;
    };

export type IndexReply =
  | {
      type: 'finished';
      parts: SearchMeta['parts'];
      /** The shard files and the postings file written into the staging folder, and their bytes. */
      paths: string[];
      bytes: number;
      /** Size and CRC-32 of the postings file (site-state.ts). */
      postings: { bytes: number; crc: number };
    }
  | { type: 'failed'; message: string };

export interface IndexedShards {
  parts: SearchMeta['parts'];
  paths: string[];
  bytes: number;
  postings: { bytes: number; crc: number };
}

/**
 * The search index's term postings, gathered on a thread of their own while the build threads prepare the
 * studies: each build thread sends its batches' terms straight here (port()), and the postings of studies
 * carried from the published site are read here from its postings file (carry()), so the main thread never
 * parses or holds a study's search terms, and the postings grow while it reads the studies' entries. Once
 * the studies are known, finish() saves this build's postings for the next, numbers the docs, writes the
 * term shards into the staging folder and says what meta.json lists of them.
 */
export class SearchIndexThread {
  readonly #worker: Worker;
  #failure: Error | null = null;
  #waiting: { resolve(reply: IndexReply): void; reject(error: Error): void } | null = null;

  constructor() {
    this.#worker = new Worker(new URL('./search-index-worker-entry.js', import.meta.url), { execArgv: [] });
    const fail = (error: Error) => {
      this.#failure ??= error;
      this.#waiting?.reject(error);
      this.#waiting = null;
    };
    this.#worker.on('message', (reply: IndexReply) => {
      const waiting = this.#waiting;
      this.#waiting = null;
      if (reply.type === 'failed') fail(new Error(`search index thread: ${reply.message}`));
      else waiting?.resolve(reply);
    });
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`search index thread exited with code ${code}`)));
  }

  /** Studies whose postings are to be taken from the published site's (see IndexRequest). */
  carry(file: string, pairs: Int32Array): void {
    this.#worker.postMessage({ type: 'carry', file, pairs } satisfies IndexRequest, [
      pairs.buffer as ArrayBuffer,
    ]);
  }

  /** A port for one build thread to send its terms through. */
  port(): MessagePort {
    const channel = new MessageChannel();
    this.#worker.postMessage({ type: 'port', port: channel.port2 } satisfies IndexRequest, [channel.port2]);
    return channel.port1;
  }

  async finish(request: Omit<Extract<IndexRequest, { type: 'finish' }>, 'type'>): Promise<IndexedShards> {
    if (this.#failure) throw this.#failure;
    const reply = await new Promise<IndexReply>((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#worker.postMessage({ type: 'finish', ...request } satisfies IndexRequest, [
        request.order.buffer as ArrayBuffer,
      ]);
    });
    if (reply.type === 'failed') throw new Error(reply.message);
    return { parts: reply.parts, paths: reply.paths, bytes: reply.bytes, postings: reply.postings };
  }

  async close(): Promise<void> {
    this.#failure ??= new Error('search index thread closed');
    await this.#worker.terminate();
  }
}

/** Packs a batch's terms for the search index thread. */
export function termsMessage(studies: { index: number; terms: string }[]): TermsMessage {
  return {
    provisional: studies.map((study) => study.index),
    text: studies.map((study) => study.terms).join('\n'),
  };
}
