/**
 * The search index thread's body (search-index-thread.ts): adds the terms the build threads send, and
 * those of studies carried from the published site, to the postings under provisional numbers, keeping
 * each study's terms line; on finish numbers the docs, writes the term shards and the terms file.
 */
import { closeSync, openSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import { type MessagePort, parentPort } from 'node:worker_threads';
import { writeSiteFile } from '../publish/index.ts';
import { addStudyTerms, searchPostings, searchShardFiles } from '../search/index.ts';
import type { IndexReply, IndexRequest, TermsMessage } from './search-index-thread.ts';
import { TERMS_STATE_FILE, termsLines } from './site-state.ts';

const main = parentPort;
if (main === null) throw new Error('search-index-worker.ts must run in a worker thread');
const parts = searchPostings();
/** Each study's terms line by provisional number, for this build's terms file. */
const lines = new Map<number, string>();
let lastLine = -1;
let received = 0;
let finishing: Extract<IndexRequest, { type: 'finish' }> | null = null;

const reply = (message: IndexReply) => main.postMessage(message);
const failed = (error: unknown) =>
  reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });

function add(number: number, line: string): void {
  addStudyTerms(parts, number, line.split('\t'));
  lines.set(number, line);
  lastLine = Math.max(lastLine, number);
  received++;
}

function take({ provisional, text }: TermsMessage): void {
  if (provisional.length === 0) return;
  const studies = text.split('\n');
  for (const [i, number] of provisional.entries()) add(number, studies[i] as string);
}

function carry(file: string, pairs: Int32Array): void {
  const line = termsLines(file);
  for (let i = 0; i < pairs.length; i += 2) add(pairs[i] as number, line(pairs[i + 1] as number));
}

/** The terms file: line n holds the terms of provisional number n (empty when it has none). */
function writeTermsFile(stageDir: string, replace: boolean): number {
  writeSiteFile(stageDir, TERMS_STATE_FILE, '', replace);
  const fd = openSync(join(stageDir, TERMS_STATE_FILE), 'a');
  let bytes = 0;
  try {
    const newline = Buffer.from('\n');
    let chunks: Buffer[] = [];
    const flush = () => {
      const all = Buffer.concat(chunks);
      chunks = [];
      for (let at = 0; at < all.length; ) at += writevSync(fd, [all.subarray(at)]);
      bytes += all.length;
    };
    for (let n = 0; n <= lastLine; n++) {
      chunks.push(Buffer.from(lines.get(n) ?? ''), newline);
      if (chunks.length >= 2000) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** Once every study's terms are in (they come through other ports than the finish request). */
function finishWhenComplete(): void {
  const request = finishing;
  if (request === null || received < request.expected) return;
  finishing = null;
  try {
    let last = -1;
    for (const provisional of request.order) last = Math.max(last, provisional);
    const numberOf = new Int32Array(last + 1).fill(-1);
    for (const [doc, provisional] of request.order.entries()) numberOf[provisional] = doc;
    for (const part of parts) part.renumber(numberOf, request.order.length);
    const shards = searchShardFiles(parts, request.shardBytes);
    let bytes = 0;
    for (const [path, content] of shards.files)
      bytes += writeSiteFile(request.stageDir, path, content, request.replace);
    const terms = writeTermsFile(request.stageDir, request.replace);
    reply({
      type: 'finished',
      parts: shards.parts,
      paths: [...shards.files.map(([path]) => path), TERMS_STATE_FILE],
      bytes: bytes + terms,
      terms,
    });
  } catch (error) {
    failed(error);
  }
}

main.on('message', (request: IndexRequest) => {
  if (request.type === 'port') {
    const port: MessagePort = request.port;
    port.on('message', (message: TermsMessage) => {
      try {
        take(message);
        finishWhenComplete();
      } catch (error) {
        failed(error);
      }
    });
  } else if (request.type === 'carry') {
    try {
      carry(request.file, request.pairs);
      finishWhenComplete();
    } catch (error) {
      failed(error);
    }
  } else {
    finishing = request;
    finishWhenComplete();
  }
});
