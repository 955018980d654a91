/**
 * The search index thread's body (search-index-thread.ts): adds the terms the build threads send, and
 * the postings of studies carried from the published site, under provisional numbers; on finish saves
 * the postings for the next build, then numbers the docs and writes the term shards.
 */
import { readFileSync } from 'node:fs';
import { type MessagePort, parentPort } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { writeSiteFile } from '../publish/index.ts';
import {
  addStudyTerms,
  carryPostings,
  savePostings,
  searchPostings,
  searchShardFiles,
} from '../search/index.ts';
import type { IndexReply, IndexRequest, TermsMessage } from './search-index-thread.ts';
import { POSTINGS_STATE_FILE } from './site-state.ts';

const main = parentPort;
if (main === null) throw new Error('search-index-worker.ts must run in a worker thread');
const parts = searchPostings();
let received = 0;
let finishing: Extract<IndexRequest, { type: 'finish' }> | null = null;

const reply = (message: IndexReply) => main.postMessage(message);
const failed = (error: unknown) =>
  reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });

function take({ provisional, text }: TermsMessage): void {
  if (provisional.length === 0) return;
  const studies = text.split('\n');
  for (const [i, number] of provisional.entries())
    addStudyTerms(parts, number, (studies[i] as string).split('\t'));
  received += provisional.length;
}

/** The carried studies' postings, from the published site's file: `pairs` holds [provisional, number there] pairs. */
function carry(file: string, pairs: Int32Array): void {
  let last = -1;
  for (let i = 1; i < pairs.length; i += 2) last = Math.max(last, pairs[i] as number);
  const numberOf = new Int32Array(last + 1).fill(-1);
  for (let i = 0; i < pairs.length; i += 2) numberOf[pairs[i + 1] as number] = pairs[i] as number;
  try {
    carryPostings(parts, readFileSync(file), numberOf);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  received += pairs.length / 2;
}

/** This build's postings, under provisional numbers, for the next build to carry. */
function writePostingsFile(stageDir: string, replace: boolean): { bytes: number; crc: number } {
  const saved = savePostings(parts);
  writeSiteFile(stageDir, POSTINGS_STATE_FILE, saved, replace);
  return { bytes: saved.length, crc: crc32(saved) };
}

/** Once every study's terms are in (they come through other ports than the finish request). */
function finishWhenComplete(): void {
  const request = finishing;
  if (request === null || received < request.expected) return;
  finishing = null;
  try {
    const saved = writePostingsFile(request.stageDir, request.replace);
    let last = -1;
    for (const provisional of request.order) last = Math.max(last, provisional);
    const numberOf = new Int32Array(last + 1).fill(-1);
    for (const [doc, provisional] of request.order.entries()) numberOf[provisional] = doc;
    for (const part of parts) part.renumber(numberOf, request.order.length);
    const shards = searchShardFiles(parts, request.shardBytes);
    let bytes = 0;
    for (const [path, content] of shards.files)
      bytes += writeSiteFile(request.stageDir, path, content, request.replace);
    reply({
      type: 'finished',
      parts: shards.parts,
      paths: [...shards.files.map(([path]) => path), POSTINGS_STATE_FILE],
      bytes: bytes + saved.bytes,
      postings: saved,
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
