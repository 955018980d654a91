import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TagSource } from './normalise-input.ts';
import { tagStudies } from './tag-studies.ts';
import type { TagTask, TagWorkerMessage } from './tag-worker.ts';
import type { StudyTags } from './types.ts';

export interface TagPool {
  /** Tags of all studies, in input order (default rules), computed on this thread and the workers. */
  tagStudies(sources: TagSource[]): Promise<StudyTags[]>;
  close(): Promise<void>;
}

/** Studies per batch: enough to amortise structured cloning, few enough to balance the threads. */
const BATCH = 250;

interface Batch {
  sources: TagSource[];
  resolve: (tags: StudyTags[]) => void;
  reject: (error: Error) => void;
}

/**
 * Tagging on every core: the calling thread and worker threads (one per remaining core by default) take
 * batches from one queue. Tagging is pure CPU work on independent studies, so a build of 10,000 studies
 * uses both cores. The calling thread starts at once, so the workers' start-up (loading the TypeScript
 * loader and the rules, about a second) is not waited for; a worker takes batches once it says it is
 * ready. A worker that dies hands its batch back to the queue, so tagging still completes.
 */
export function createTagPool(options: { workers?: number } = {}): TagPool {
  const size = Math.max(0, options.workers ?? availableParallelism() - 1);
  const queue: Batch[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, { id: number; batch: Batch }>();
  let nextId = 0;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as Worker;
      const batch = queue.shift() as Batch;
      const id = nextId++;
      busy.set(worker, { id, batch });
      worker.postMessage({ id, sources: batch.sources } satisfies TagTask);
    }
  };

  const workers = Array.from({ length: size }, () => {
    // No inherited execArgv: the entry registers the TypeScript loader itself.
    const worker = new Worker(new URL('./tag-worker-entry.js', import.meta.url), { execArgv: [] });
    worker.on('message', (message: TagWorkerMessage) => {
      if (message.kind === 'done' || message.kind === 'failed') {
        const task = busy.get(worker);
        busy.delete(worker);
        if (task !== undefined && task.id === message.id) {
          if (message.kind === 'done') task.batch.resolve(message.tags);
          else task.batch.reject(new Error(`tag worker failed: ${message.error}`));
        }
      }
      idle.push(worker);
      dispatch();
    });
    worker.on('error', () => {
      const task = busy.get(worker);
      busy.delete(worker);
      // The batch goes back to the queue; this thread or another worker takes it.
      if (task !== undefined) {
        queue.unshift(task.batch);
        void drain();
      }
    });
    return worker;
  });

  /** This thread takes batches too, yielding between them so replies and ready workers are served. */
  let draining = false;
  const drain = async () => {
    if (draining) return;
    draining = true;
    while (queue.length > 0) {
      const batch = queue.shift() as Batch;
      try {
        batch.resolve(tagStudies(batch.sources));
      } catch (error) {
        batch.reject(error as Error);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    draining = false;
  };

  return {
    async tagStudies(sources) {
      const results: Array<Promise<StudyTags[]>> = [];
      for (let start = 0; start < sources.length; start += BATCH) {
        const slice = sources.slice(start, start + BATCH);
        results.push(new Promise((resolve, reject) => queue.push({ sources: slice, resolve, reject })));
      }
      dispatch();
      await drain();
      return (await Promise.all(results)).flat();
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
