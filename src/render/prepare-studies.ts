import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { prepareStudy } from './prepare-study.ts';
import type {
  StudyJob,
  StudyJobResult,
  StudyPageFiles,
  StudyPageRequest,
  StudyWorkerReply,
  StudyWorkerRequest,
} from './study-worker-protocol.ts';

export interface PrepareOptions {
  /** Default: one per core. */
  workers?: number;
  /** Below this many jobs the work stays on the main thread (a worker costs ~0.3 s to start). */
  minJobsForWorkers?: number;
  batchSize?: number;
  /**
   * Keep the workers, each holding the studies it prepared, to render those studies' pages once the
   * whole site is known (StudyPageWorkers). The caller must close() them.
   */
  keepForPages?: boolean;
}

/** Build workers that hold prepared studies and render their pages on request. */
export interface StudyPageWorkers {
  /** Studies whose pages the workers render: the ones they prepared without error. */
  holds(pmid: string): boolean;
  /** Sends each worker the request made for the PMIDs it holds; resolves with every page they render. */
  render(requestFor: (held: string[]) => StudyPageRequest): Promise<StudyPageFiles[]>;
  close(): Promise<void>;
}

/**
 * Parses, tags and cites records on worker threads, one per core: all three are CPU-bound (about 2 ms a
 * record together on this machine), so 10,000 records take seconds on one core and half that on two.
 * Results come back in job order.
 */
export async function prepareStudies(
  jobs: StudyJob[],
  options: PrepareOptions = {},
): Promise<{ results: StudyJobResult[]; pages: StudyPageWorkers | null }> {
  const size = Math.max(1, options.workers ?? availableParallelism());
  if (jobs.length < (options.minJobsForWorkers ?? 400) || size === 1)
    return { results: jobs.map((job) => prepareStudy(job)), pages: null };
  const batchSize = options.batchSize ?? 100;
  const keep = options.keepForPages ?? false;
  const batches: StudyJob[][] = [];
  for (let i = 0; i < jobs.length; i += batchSize) batches.push(jobs.slice(i, i + batchSize));
  const results: StudyJobResult[][] = new Array(batches.length);
  const workers = Array.from({ length: Math.min(size, batches.length) }, startWorker);
  const held = workers.map(() => [] as string[]);
  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= Promise.all(workers.map((worker) => worker.terminate())).then(() => {});
    return closed;
  };
  let next = 0;
  try {
    await Promise.all(
      workers.map(async (worker, w) => {
        while (next < batches.length) {
          const id = next++;
          const reply = await worker.call({ type: 'prepare', id, jobs: batches[id] as StudyJob[], keep });
          if (reply.type !== 'prepared') throw new Error(`study worker: unexpected ${reply.type} reply`);
          results[id] = reply.results;
          for (const result of reply.results) if (!('error' in result)) held[w]?.push(result.pmid);
        }
      }),
    );
  } catch (error) {
    await close();
    throw error;
  }
  if (!keep) {
    await close();
    return { results: results.flat(), pages: null };
  }
  const holding = new Set(held.flat());
  return {
    results: results.flat(),
    pages: {
      holds: (pmid) => holding.has(pmid),
      async render(requestFor) {
        const replies = await Promise.all(
          workers.map((worker, w) => worker.call({ type: 'render', ...requestFor(held[w] ?? []) })),
        );
        return replies.flatMap((reply) => {
          if (reply.type !== 'rendered') throw new Error(`study worker: unexpected ${reply.type} reply`);
          return reply.pages;
        });
      },
      close,
    },
  };
}

interface StudyWorker {
  /** One request at a time: the reply, or a rejection when the worker fails or exits. */
  call(request: StudyWorkerRequest): Promise<StudyWorkerReply>;
  terminate(): Promise<number>;
}

function startWorker(): StudyWorker {
  const worker = new Worker(new URL('./study-worker-entry.js', import.meta.url), { execArgv: [] });
  let pending: { resolve(reply: StudyWorkerReply): void; reject(error: Error): void } | null = null;
  const fail = (error: Error) => {
    pending?.reject(error);
    pending = null;
  };
  worker.on('message', (reply: StudyWorkerReply) => {
    const waiting = pending;
    pending = null;
    if (reply.type === 'failed') waiting?.reject(new Error(`study worker: ${reply.message}`));
    else waiting?.resolve(reply);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`study worker exited with code ${code}`)));
  return {
    call(request) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(request);
      });
    },
    terminate: () => worker.terminate(),
  };
}
