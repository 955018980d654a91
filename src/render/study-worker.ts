/**
 * Worker thread body for the build: parses and tags batches of records (prepare-study.ts). Started
 * through study-worker-entry.js, which registers tsx first (worker threads do not inherit --import tsx).
 */
import { parentPort } from 'node:worker_threads';
import { prepareStudy } from './prepare-study.ts';
import type { StudyBatch, StudyBatchResult } from './study-worker-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('study-worker.ts must run in a worker thread');

port.on('message', (batch: StudyBatch) => {
  const reply: StudyBatchResult = { id: batch.id, results: batch.jobs.map(prepareStudy) };
  port.postMessage(reply);
});
