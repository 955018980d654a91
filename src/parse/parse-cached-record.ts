import { type ParsedRecordCache, parsedRecordKey } from '../cache/parsed-records.ts';
import { DigestError } from '../errors.ts';
import type { StudyRecord } from '../records.ts';
import { parseRecordXml } from './parse-record-xml.ts';

export interface CachedRecordMeta {
  pmid: string;
  version: string;
  /** Where the bytes came from (raw cache file and offset), for problem reports. */
  file: string;
  offset: number;
}

/**
 * One record's bytes from the raw cache (a manifest byte range) to a study record, through the
 * parsed-record cache: a hit costs a hash and a read; a miss is parsed and staged (the caller flushes
 * the cache once per build). Malformed records throw PARSE_MALFORMED_RECORD and are not cached.
 */
export async function parseCachedRecord(
  bytes: Uint8Array,
  meta: CachedRecordMeta,
  cache: ParsedRecordCache,
): Promise<{ record: StudyRecord; cached: boolean }> {
  const key = parsedRecordKey(meta.pmid, meta.version, bytes);
  const hit = await cache.get(key);
  if (hit !== undefined) return { record: hit, cached: true };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const parsed = parseRecordXml(text, { file: meta.file, offset: meta.offset });
  if (parsed.kind === 'deletion' || parsed.pmid !== meta.pmid) {
    throw new DigestError(
      'PARSE_MALFORMED_RECORD',
      parsed.kind === 'deletion'
        ? 'expected a record, found a DeleteCitation'
        : `the bytes hold PMID ${parsed.pmid}, not the PMID ${meta.pmid} the manifest names`,
      { context: { file: meta.file, pmid: meta.pmid, offset: meta.offset } },
    );
  }
  cache.set(key, parsed);
  return { record: parsed, cached: false };
}
