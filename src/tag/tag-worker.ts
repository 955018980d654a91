/**
 * Worker thread body for create-tag-pool.ts: tags batches of studies with the default rules. Started
 * through tag-worker-entry.js (its bundle, or this through tsx: worker threads do not inherit loaders).
 */
import { parentPort } from 'node:worker_threads';
import type { TagSource } from './normalise-input.ts';
import { tagStudies } from './tag-studies.ts';
import type { StudyTags } from './types.ts';

export interface TagTask {
  id: number;
  sources: TagSource[];
}

/** `ready` once the rules are loaded (the pool then sends batches), then one reply per batch. */
export type TagWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; tags: StudyTags[] }
  | { kind: 'failed'; id: number; error: string };

const port = parentPort;
if (port !== null) {
  port.on('message', (task: TagTask) => {
    let reply: TagWorkerMessage;
    try {
      reply = { kind: 'done', id: task.id, tags: tagStudies(task.sources) };
    } catch (error) {
      reply = {
        kind: 'failed',
        id: task.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
    }
    port.postMessage(reply);
  });
  port.postMessage({ kind: 'ready' } satisfies TagWorkerMessage);
}
