import { openRawCache } from '../cache/raw-cache.ts';
import { DigestError, describeError } from '../errors.ts';
import { parseRecordXml } from '../parse/index.ts';
import type { StudyRecord } from '../records.ts';
import { type CiteFormat, formatCitations } from './format-citations.ts';

export interface CiteCommandOptions {
  cacheDir: string;
  format: CiteFormat;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `evidence-digest cite PMID...`: citations from the cache, offline, in the order asked. A PMID the cache
 * does not hold is reported and the others are still printed; the exit code is then 1.
 */
export async function runCiteCommand(pmids: string[], options: CiteCommandOptions): Promise<number> {
  const { stdout, stderr } = options;
  try {
    const cache = await openRawCache(options.cacheDir, undefined, { readOnly: true });
    const records: StudyRecord[] = [];
    let failed = 0;
    for (const raw of pmids) {
      const pmid = raw.trim();
      if (!/^\d{1,9}$/.test(pmid)) {
        stderr.write(`cite: "${raw}" is not a PMID\n`);
        failed++;
        continue;
      }
      if (!cache.has(pmid)) {
        stderr.write(`cite: PMID ${pmid} is not in the cache at ${options.cacheDir} (run refresh first?)\n`);
        failed++;
        continue;
      }
      const bytes = await cache.readRecord(pmid);
      const entry = cache.manifest.records[pmid];
      const parsed = parseRecordXml(bytes.toString('utf8'), {
        file: entry?.file ?? '',
        offset: entry?.offset ?? 0,
      });
      if (parsed.kind === 'deletion')
        throw new DigestError('PARSE_MALFORMED_RECORD', 'expected a record', { context: { pmid } });
      records.push(parsed);
    }
    if (records.length > 0) stdout.write(formatCitations(records, options.format));
    return failed === 0 ? 0 : 1;
  } catch (error) {
    stderr.write(`cite: ${describeError(error)}\n`);
    return 1;
  }
}
