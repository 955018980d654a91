import { SHARD_MAGIC } from './encode-index-shards.ts';
import type { IndexShard } from './index-format.ts';
import { ByteReader } from './varint.ts';

/** The bytes of one shard (encode-index-shards.ts) -> flat typed arrays. `file` names it in errors. */
export function decodeIndexShard(bytes: Uint8Array, file: string): IndexShard {
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== SHARD_MAGIC) {
    throw new Error(`search index: ${file} is not an evidence-digest index shard (bad magic)`);
  }
  const reader = new ByteReader(bytes);
  reader.position = 4;
  const headerLength = reader.varint();
  const { terms } = JSON.parse(new TextDecoder().decode(reader.take(headerLength))) as { terms: string[] };
  const start = new Uint32Array(terms.length + 1);
  const df = new Uint32Array(terms.length);
  // A posting takes at least two bytes.
  const capacity = Math.ceil((bytes.length - reader.position) / 2);
  const doc = new Uint32Array(capacity);
  const field = new Uint8Array(capacity);
  const impact = new Uint8Array(capacity);
  const termIds = new Map<string, number>();
  let total = 0;
  for (let t = 0; t < terms.length; t++) {
    termIds.set(terms[t] as string, t);
    start[t] = total;
    const count = reader.varint();
    let current = 0;
    let docs = 0;
    for (let i = 0; i < count; i++) {
      const value = reader.varint();
      const gap = Math.floor(value / 4);
      if (gap > 0 || i === 0) docs++;
      current += gap;
      doc[total] = current;
      field[total] = value & 3;
      impact[total] = reader.byte();
      total++;
    }
    df[t] = docs;
  }
  start[terms.length] = total;
  if (reader.position !== bytes.length) throw new Error(`search index: ${file} has trailing bytes`);
  return {
    terms,
    termIds,
    start,
    doc: doc.subarray(0, total),
    field: field.subarray(0, total),
    impact: impact.subarray(0, total),
    df,
  };
}
