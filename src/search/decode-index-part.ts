import type { IndexPart } from './index-format.ts';
import { ByteReader } from './varint.ts';

/** The bytes of encode-index-part.ts -> flat typed arrays, decoded once (about 20 ms for 10,000 abstracts). */
export function decodeIndexPart(bytes: Uint8Array): IndexPart {
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== 'EDX1') {
    throw new Error('search index: not an evidence-digest index part (bad magic)');
  }
  const reader = new ByteReader(bytes);
  reader.position = 4;
  const headerLength = reader.varint();
  const header = JSON.parse(new TextDecoder().decode(reader.take(headerLength))) as {
    fields: string[];
    docCount: number;
    terms: string[];
  };
  const { fields, docCount, terms } = header;
  const lengths = fields.map(() => new Uint16Array(docCount));
  const avgLength = fields.map(() => 0);
  for (let f = 0; f < fields.length; f++) {
    let sum = 0;
    const fieldLengths = lengths[f] as Uint16Array;
    for (let d = 0; d < docCount; d++) {
      const length = reader.varint();
      fieldLengths[d] = length;
      sum += length;
    }
    avgLength[f] = docCount === 0 ? 0 : sum / docCount;
  }
  const start = new Uint32Array(terms.length + 1);
  let capacity = Math.max(1024, bytes.length);
  let doc = new Uint32Array(capacity);
  let field = new Uint8Array(capacity);
  let tf = new Uint8Array(capacity);
  let total = 0;
  const termIds = new Map<string, number>();
  for (let t = 0; t < terms.length; t++) {
    termIds.set(terms[t] as string, t);
    start[t] = total;
    const count = reader.varint();
    if (total + count > capacity) {
      capacity = (total + count) * 2;
      doc = grow(doc, capacity);
      field = grow(field, capacity);
      tf = grow(tf, capacity);
    }
    let current = 0;
    for (let i = 0; i < count; i++) {
      const value = reader.varint();
      current += Math.floor(value / 32);
      doc[total] = current;
      field[total] = (value % 32) >> 3;
      tf[total] = value % 8;
      total++;
    }
  }
  start[terms.length] = total;
  return {
    fields,
    docCount,
    terms,
    termIds,
    start,
    doc: doc.subarray(0, total),
    field: field.subarray(0, total),
    tf: tf.subarray(0, total),
    lengths,
    avgLength,
  };
}

function grow<T extends Uint32Array | Uint8Array>(array: T, size: number): T {
  const grown = new (array.constructor as new (n: number) => T)(size);
  grown.set(array);
  return grown;
}
