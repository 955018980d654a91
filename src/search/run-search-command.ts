import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../errors.ts';
import { FLAG_RETRACTED } from './index-format.ts';
import { loadQueryShards, loadRows, openSearchIndex, rowOf } from './load-search-index.ts';
import { requestFromParams } from './search-params.ts';
import { searchStudies } from './search-studies.ts';
import { LEVEL_LABELS, labelOf } from './search-vocabulary.ts';

export interface SearchCommandOptions {
  siteDir: string;
  limit: number;
  json: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `evidence-digest search QUERY`: the built site's index, queried by the same searchStudies() the search
 * page runs, with every index part searched (the page's answer once the abstracts are in). The query may
 * carry the page's URL parameters after a `?` (`"esketamine?design=rct&sort=date"`), so a shared search
 * URL gives the same list here.
 */
export async function runSearchCommand(query: string, options: SearchCommandOptions): Promise<number> {
  const { stdout, stderr } = options;
  try {
    const root = options.siteDir;
    const reader = { bytes: async (path: string) => new Uint8Array(await readFile(join(root, path))) };
    const index = await openSearchIndex(reader);
    const at = query.indexOf('?');
    const params = new URLSearchParams(at >= 0 ? query.slice(at + 1) : '');
    params.set('q', at >= 0 ? query.slice(0, at) : query);
    const request = requestFromParams(params, Math.max(1, options.limit));
    await loadQueryShards(index, reader, request.q);
    const result = searchStudies(index, request);
    await loadRows(
      index,
      reader,
      result.hits.map((hit) => hit.doc),
    );
    const { docs } = index;
    const rows = result.hits.map((hit) => {
      const row = rowOf(index, hit.doc);
      return {
        pmid: row.pmid,
        score: Number(hit.score.toFixed(4)),
        title: row.title,
        source: row.source,
        design: index.meta.vocabulary.design[docs.design[hit.doc] as number]?.id ?? 'other',
        evidenceLevel: (docs.level[hit.doc] as number) || null,
        retracted: ((docs.flags[hit.doc] as number) & FLAG_RETRACTED) !== 0,
        url: `studies/${row.pmid}/index.html`,
      };
    });
    if (options.json) {
      stdout.write(
        `${JSON.stringify({ query, total: result.total, relaxed: result.relaxed, sort: result.sort, results: rows })}\n`,
      );
    } else {
      stderr.write(
        `${result.total} ${result.total === 1 ? 'study' : 'studies'}${result.relaxed ? ' (no study matched every word; showing any)' : ''}\n`,
      );
      for (const row of rows) {
        const level =
          row.evidenceLevel === null
            ? 'no level'
            : labelOf(LEVEL_LABELS, String(row.evidenceLevel)).split(':')[0];
        stdout.write(
          `${row.pmid}\t${row.retracted ? '[RETRACTED] ' : ''}${row.title}\n\t${row.source} ${level}, ${row.design}\n`,
        );
      }
    }
    return 0;
  } catch (error) {
    stderr.write(`search: ${describeError(error)} (site: ${options.siteDir}; run build first?)\n`);
    return 1;
  }
}
