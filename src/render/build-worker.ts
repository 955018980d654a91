/**
 * Worker thread body for the build (build-work.ts does the work; this only carries messages). Started
 * through build-worker-entry.js (its bundle, or this through tsx: worker threads do not inherit loaders).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BuildWork } from './build-work.ts';
import type { BuildWorkerInit, BuildWorkerReply, BuildWorkerRequest } from './build-worker-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('build-worker.ts must run in a worker thread');
const work = new BuildWork(workerData as BuildWorkerInit);

port.on('message', (request: BuildWorkerRequest) => {
  let reply: BuildWorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    if (request.type === 'prepare') {
      const results = work.prepare(request.jobs);
      work.sendTerms(results, request.indices);
      transfer.push(BuildWork.packBytes(results));
      reply = { type: 'prepared', id: request.id, results };
    } else if (request.type === 'render')
      reply = { type: 'rendered', id: request.id, result: work.render(request.batch) };
    else {
      // Answered when durable, after the render requests sent meanwhile (build-threads.ts).
      work.syncDurably().then(
        () => port.postMessage({ type: 'synced' } satisfies BuildWorkerReply),
        (error: Error) =>
          port.postMessage({ type: 'failed', message: error.message } satisfies BuildWorkerReply),
      );
      return;
    }
  } catch (error) {
    reply = { type: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, transfer);
});
