import { ByteWriter } from './varint.ts';

const MAGIC = new TextEncoder().encode('EDX1');

/**
 * A compact inverted index: the header names the fields and the sorted term list; then each field's term
 * count per doc; then per term its postings, each one varint of (doc gap * 32 + field * 8 + min(tf, 7)).
 * Term frequency saturates in BM25 (k1 = 1.2), so capping it at 7 costs nothing visible and keeps a
 * posting at one or two bytes. A plain serialised lunr index of 10,000 abstracts is 12.7 MB gzip; this
 * layout holds the same postings in a fraction (bench/RESULTS.md "Search").
 */
export function encodeIndexPart(fields: string[], docTerms: string[][][]): Uint8Array {
  const docCount = docTerms.length;
  const postings = new Map<string, number[]>();
  const lengths = fields.map(() => new Array<number>(docCount).fill(0));
  for (let doc = 0; doc < docCount; doc++) {
    const perField = docTerms[doc] ?? [];
    for (let f = 0; f < fields.length; f++) {
      const terms = perField[f] ?? [];
      (lengths[f] as number[])[doc] = Math.min(terms.length, 65_535);
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, tf] of counts) {
        let list = postings.get(term);
        if (list === undefined) {
          list = [];
          postings.set(term, list);
        }
        list.push(doc, f, tf);
      }
    }
  }
  const terms = [...postings.keys()].sort();
  const header = new TextEncoder().encode(JSON.stringify({ fields, docCount, terms }));
  const out = new ByteWriter();
  out.raw(MAGIC);
  out.varint(header.length);
  out.raw(header);
  for (const fieldLengths of lengths) for (const length of fieldLengths) out.varint(length);
  for (const term of terms) {
    const list = postings.get(term) as number[];
    out.varint(list.length / 3);
    let previous = 0;
    for (let i = 0; i < list.length; i += 3) {
      const doc = list[i] as number;
      out.varint((doc - previous) * 32 + (list[i + 1] as number) * 8 + Math.min(list[i + 2] as number, 7));
      previous = doc;
    }
  }
  return out.finish();
}
