/**
 * Worker thread body for the build: parses, tags and cites batches of records (prepare-study.ts), and,
 * once the main thread knows every study, renders the pages of the studies it prepared. Started through
 * study-worker-entry.js, which registers tsx first (worker threads do not inherit --import tsx).
 */
import { parentPort } from 'node:worker_threads';
import type { DigestStudy } from '../search/index.ts';
import { createRenderer } from './create-renderer.ts';
import { type HeldStudy, prepareStudy } from './prepare-study.ts';
import { renderStudyPage } from './render-study-page.ts';
import type { StudyWorkerReply, StudyWorkerRequest } from './study-worker-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('study-worker.ts must run in a worker thread');

const held = new Map<string, HeldStudy>();
const keep = (prepared: HeldStudy) => held.set(prepared.record.pmid, prepared);

port.on('message', (request: StudyWorkerRequest) => {
  let reply: StudyWorkerReply;
  try {
    if (request.type === 'prepare') {
      const results = request.jobs.map((job) => prepareStudy(job, request.keep ? keep : undefined));
      reply = { type: 'prepared', id: request.id, results };
    } else {
      const render = createRenderer(request.templates);
      const byPmid = new Map<string, DigestStudy>(request.linked.map((study) => [study.record.pmid, study]));
      const studies = request.pages.map((page) => {
        const kept = held.get(page.pmid);
        if (kept === undefined)
          throw new Error(`asked to render PMID ${page.pmid}, which this worker does not hold`);
        const study: DigestStudy = { ...page.study, record: kept.record };
        byPmid.set(page.pmid, study);
        return study;
      });
      const context = {
        siteTitle: request.siteTitle,
        topicIds: request.topicIds,
        dataAsOf: request.dataAsOf,
        byPmid,
      };
      const pages = request.pages.map((page, i) =>
        renderStudyPage(
          render,
          context,
          studies[i] as DigestStudy,
          page.similar,
          (held.get(page.pmid) as HeldStudy).citations,
        ),
      );
      held.clear();
      reply = { type: 'rendered', pages };
    }
  } catch (error) {
    reply = { type: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
