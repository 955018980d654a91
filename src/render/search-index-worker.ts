/**
 * The search index thread's body (search-index-thread.ts): adds the terms the build threads send to the
 * postings under provisional numbers, and on finish numbers the docs and writes the term shards.
 */
import { type MessagePort, parentPort } from 'node:worker_threads';
import { writeSiteFile } from '../publish/index.ts';
import { addStudyTerms, searchPostings, searchShardFiles } from '../search/index.ts';
import type { IndexReply, IndexRequest, TermsMessage } from './search-index-thread.ts';

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
    reply({ type: 'finished', parts: shards.parts, paths: shards.files.map(([path]) => path), bytes });
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
  } else {
    finishing = request;
    finishWhenComplete();
  }
});
