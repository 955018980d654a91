/// <reference lib="dom" />
/**
 * The search page's engine: opens the index (meta.json, docs.bin), then for each query loads the shards of
 * its terms in the first part (titles, keywords, MeSH, tags) and the rows it shows, and answers; then the
 * same from the second part (authors, abstracts), and answers again. Runs the same searchStudies() as
 * `evidence-digest search`.
 *
 * It runs on the page's own thread. The index is split so that a query reads a few 32 KB shards and one
 * row file per 100 studies shown, and searchStudies() takes a few ms at 10,000 studies, so a worker would
 * only add its start-up (its script began running 90-280 ms after search-boot.js created it, in a fresh
 * page in headless Chromium here, on the path to the first results) and a copy of every answer
 * (bench/RESULTS.md). Each answer waits for its files between stages, so typing never waits on more than
 * one searchStudies() call.
 */
import { highlightText } from '../highlight-text.ts';
import { FLAG_CONCERN, FLAG_OFF_TOPIC, FLAG_RETRACTED, type LoadedIndex } from '../index-format.ts';
import {
  type IndexReader,
  loadPmids,
  loadQueryShards,
  loadRows,
  openSearchIndex,
  rowOf,
} from '../load-search-index.ts';
import { parseQuery } from '../parse-query.ts';
import { searchStudies } from '../search-studies.ts';
import type { EngineReply, Question, ResultRow } from './engine-protocol.ts';

export interface SearchEngine {
  ask(message: Question): void;
}

/** An engine reading the index through `reader` and sending every reply to `reply`, in order. */
export function startSearchEngine(reader: IndexReader, reply: (message: EngineReply) => void): SearchEngine {
  let latest = -1;
  const fail = (error: unknown) =>
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  const opened = openSearchIndex(reader);
  opened.then(
    (index) =>
      reply({
        type: 'ready',
        docCount: index.meta.docCount,
        labels: Object.fromEntries(
          Object.entries(index.meta.vocabulary).map(([facet, values]) => [
            facet,
            Object.fromEntries(values.map((v: { id: string; label: string }) => [v.id, v.label])),
          ]),
        ),
      }),
    fail,
  );

  async function answer(message: Question, index: LoadedIndex): Promise<void> {
    const { request } = message;
    const parts = index.parts.length;
    if (message.type === 'pmids') {
      await Promise.all([loadQueryShards(index, reader, request.q), loadPmids(index, reader)]);
      const result = searchStudies(index, { ...request, offset: 0, limit: message.max });
      const pmids = index.pmids as string[];
      reply({
        type: 'pmids',
        id: message.id,
        pmids: result.hits.map((hit) => pmids[hit.doc] as string),
        total: result.total,
      });
      return;
    }
    latest = message.id;
    // Nothing to look up (no words): the answer is final at once.
    const stages = parseQuery(request.q).clauses.length === 0 ? [parts] : [1, parts];
    for (const stage of stages) {
      // A newer query came meanwhile: the page no longer shows this one.
      if (message.id !== latest) return;
      const asked = performance.now();
      await loadQueryShards(index, reader, request.q, stage);
      if (message.id !== latest) return;
      const started = performance.now();
      const { hits, ...result } = searchStudies(index, request, stage);
      const ms = performance.now() - started;
      await loadRows(
        index,
        reader,
        hits.map((hit) => hit.doc),
      );
      if (message.id !== latest) return;
      const { docs, meta } = index;
      const rows: ResultRow[] = hits.map(({ doc }) => {
        const flags = docs.flags[doc] as number;
        const row = rowOf(index, doc);
        return {
          pmid: row.pmid,
          title: highlightText(row.title, result.highlight),
          source: row.source,
          design: meta.vocabulary.design[docs.design[doc] as number]?.label ?? '',
          level: docs.level[doc] as number,
          n: docs.n[doc] as number,
          retracted: (flags & FLAG_RETRACTED) !== 0,
          concern: (flags & FLAG_CONCERN) !== 0,
          offTopic: (flags & FLAG_OFF_TOPIC) !== 0,
        };
      });
      reply({
        type: 'result',
        id: message.id,
        result,
        rows,
        stage,
        final: stage === parts,
        ms,
        loadMs: performance.now() - asked - ms,
      });
    }
  }

  return {
    ask(message) {
      // The page asks its first query at start: it is answered as soon as the index is open.
      opened.then((index) => answer(message, index)).catch(fail);
    },
  };
}
