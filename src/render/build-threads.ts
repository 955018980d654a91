import { Worker } from 'node:worker_threads';
import { BuildWork } from './build-work.ts';
import type { BuildWorkerInit, BuildWorkerReply, BuildWorkerRequest } from './build-worker-protocol.ts';

/** A build thread: a worker, or the calling thread for small caches (a worker costs ~0.3 s to start). */
export interface BuildThread {
  /**
   * Requests are answered in the order they were sent, but a sync when the thread's stored lines are
   * durable, which may be after later requests; a failure rejects every pending one.
   */
  call(request: BuildWorkerRequest): Promise<BuildWorkerReply>;
  close(): Promise<void>;
}

export function startBuildThread(init: BuildWorkerInit, inThread: boolean): BuildThread {
  return inThread ? localThread(init) : workerThread(init);
}

function localThread(init: BuildWorkerInit): BuildThread {
  const work = new BuildWork(init);
  return {
    async call(request) {
      if (request.type === 'prepare') {
        const results = work.prepare(request.jobs);
        work.sendTerms(results, request.indices);
        return { type: 'prepared', id: request.id, results };
      }
      if (request.type === 'render')
        return { type: 'rendered', id: request.id, result: work.render(request.batch) };
      await work.syncDurably();
      return { type: 'synced' };
    },
    async close() {
      work.close();
    },
  };
}

function workerThread(init: BuildWorkerInit): BuildThread {
  const worker = new Worker(new URL('./build-worker-entry.js', import.meta.url), {
    workerData: init,
    transferList: init.index ? [init.index] : [],
    execArgv: [],
  });
  type Waiting = { resolve(reply: BuildWorkerReply): void; reject(error: Error): void };
  const pending: Waiting[] = [];
  const syncs: Waiting[] = [];
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiting of [...pending.splice(0), ...syncs.splice(0)]) waiting.reject(error);
  };
  worker.on('message', (reply: BuildWorkerReply) => {
    const waiting = reply.type === 'synced' ? syncs.shift() : pending.shift();
    if (reply.type === 'failed') {
      const error = new Error(`build worker: ${reply.message}`);
      waiting?.reject(error);
      fail(error);
    } else waiting?.resolve(reply);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`build worker exited with code ${code}`)));
  return {
    call(request) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        (request.type === 'sync' ? syncs : pending).push({ resolve, reject });
        worker.postMessage(request);
      });
    },
    async close() {
      failure ??= new Error('build worker closed');
      await worker.terminate();
    },
  };
}

/**
 * Runs `count` tasks on the threads, `inFlight` queued on each so none waits for the main thread between
 * tasks; `done` gets each result as it arrives (any order).
 */
export function runOnThreads<R>(
  threads: BuildThread[],
  count: number,
  send: (thread: BuildThread, task: number, slot: number) => Promise<R>,
  done: (task: number, result: R) => void,
  inFlight = 2,
): Promise<void> {
  return runOwnedOnThreads(threads, new Array<number>(count).fill(-1), send, done, inFlight);
}

/**
 * runOnThreads for tasks that are cheaper on one thread (`owners[task]`, that thread's place in
 * `threads`; -1 for none): each thread takes its own tasks first, then those no thread owns, then, once
 * those are gone, another thread's from the end of its list, so no thread idles while work is left.
 */
export async function runOwnedOnThreads<R>(
  threads: BuildThread[],
  owners: number[],
  send: (thread: BuildThread, task: number, slot: number) => Promise<R>,
  done: (task: number, result: R) => void,
  inFlight = 2,
): Promise<void> {
  const queues = threads.map(() => [] as number[]);
  const unowned: number[] = [];
  for (const [task, owner] of owners.entries()) (queues[owner] ?? unowned).push(task);
  const take = (t: number): number | undefined => {
    const own = queues[t] as number[];
    if (own.length > 0) return own.shift();
    if (unowned.length > 0) return unowned.shift();
    const longest = queues.reduce((most, queue) => (queue.length > most.length ? queue : most));
    return longest.pop();
  };
  await Promise.all(
    threads.flatMap((thread, t) =>
      Array.from({ length: inFlight }, async () => {
        for (let task = take(t); task !== undefined; task = take(t)) done(task, await send(thread, task, t));
      }),
    ),
  );
}
