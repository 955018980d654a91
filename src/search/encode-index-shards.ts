import { BM25_B, BM25_K1, IMPACT_SCALE } from './index-format.ts';
import { ByteReader, ByteWriter } from './varint.ts';

export const SHARD_MAGIC = 'EDS2';
/** Raw bytes a shard grows to before the next term starts another: a query term costs ~10 KB gzip. */
export const SHARD_BYTES = 32 * 1024;
const MAX_FIELDS = 4;
const MAX_DOCS = 2 ** 27;

/**
 * The postings of one index part, packed four bytes a posting: doc * 32 + field * 8 + min(tf, 7). Term
 * frequency saturates in BM25 (k1 = 1.2), so capping it at 7 costs nothing visible. Nothing per study is
 * kept but its field lengths. Docs are added in doc order (each term's list is then sorted), or in any
 * order under provisional numbers that renumber() turns into doc numbers.
 */
export class PartPostings {
  private readonly lists = new Map<string, Postings>();
  private lengths: number[][];
  /** Which field of which doc `add` is counting (a list's `field` says whether it has seen it yet). */
  private field = 0;

  constructor(readonly fields: string[]) {
    if (fields.length > MAX_FIELDS) throw new Error(`search index: at most ${MAX_FIELDS} fields a part`);
    this.lengths = fields.map(() => []);
  }

  /**
   * Doc `doc`'s terms, one array per field. One map lookup a term: each list counts the field's
   * occurrences itself (a 100,000-study index adds some 15 million terms).
   */
  add(doc: number, perField: string[][]): void {
    if (doc >= MAX_DOCS) throw new Error(`search index: more than ${MAX_DOCS} studies`);
    const seen: Postings[] = [];
    for (let f = 0; f < this.fields.length; f++) {
      const terms = perField[f] ?? [];
      (this.lengths[f] as number[])[doc] = terms.length;
      const field = ++this.field;
      seen.length = 0;
      for (const term of terms) {
        let list = this.lists.get(term);
        if (list === undefined) {
          list = { data: new Uint32Array(4), length: 0, field: 0, tf: 0 };
          this.lists.set(term, list);
        }
        if (list.field !== field) {
          list.field = field;
          list.tf = 0;
          seen.push(list);
        }
        list.tf++;
      }
      for (const list of seen) {
        if (list.length === list.data.length) {
          const grown = new Uint32Array(list.length * 2);
          grown.set(list.data);
          list.data = grown;
        }
        list.data[list.length++] = doc * 32 + f * 8 + Math.min(list.tf, 7);
      }
    }
  }

  /**
   * The postings as they stand (before renumber()), for a later build to carry: its field lengths by
   * number, then each term with its postings sorted, as gaps. Read back by carry().
   */
  save(): Uint8Array {
    const out = new ByteWriter();
    const count = Math.max(0, ...this.lengths.map((lengths) => lengths.length));
    out.varint(this.fields.length);
    out.varint(count);
    for (const lengths of this.lengths) for (let doc = 0; doc < count; doc++) out.varint(lengths[doc] ?? 0);
    out.varint(this.lists.size);
    const utf8 = new TextEncoder();
    for (const [term, list] of this.lists) {
      const name = utf8.encode(term);
      out.varint(name.length);
      out.raw(name);
      const sorted = list.data.subarray(0, list.length).sort();
      out.varint(list.length);
      let previous = 0;
      for (const packed of sorted) {
        out.varint(packed - previous);
        previous = packed;
      }
    }
    return out.finish();
  }

  /**
   * Adds the postings of another build's save(), each doc under `numberOf[its number there]` (-1, or
   * beyond the array: left out): the docs that build had and this one keeps, without their terms being
   * split and counted again.
   */
  carry(saved: Uint8Array, numberOf: Int32Array): number {
    const read = new ByteReader(saved);
    if (read.varint() !== this.fields.length) throw new Error('search postings: saved with other fields');
    const count = read.varint();
    for (const lengths of this.lengths)
      for (let doc = 0; doc < count; doc++) {
        const length = read.varint();
        const number = numberOf[doc] ?? -1;
        if (number >= 0) lengths[number] = length;
      }
    const terms = read.varint();
    const utf8 = new TextDecoder();
    for (let t = 0; t < terms; t++) {
      const term = utf8.decode(read.take(read.varint()));
      const postings = read.varint();
      let list = this.lists.get(term);
      let packed = 0;
      for (let i = 0; i < postings; i++) {
        packed += read.varint();
        const number = numberOf[Math.floor(packed / 32)] ?? -1;
        if (number < 0) continue;
        if (list === undefined) {
          list = { data: new Uint32Array(Math.max(4, postings)), length: 0, field: 0, tf: 0 };
          this.lists.set(term, list);
        } else if (list.length === list.data.length) {
          const grown = new Uint32Array(list.length * 2);
          grown.set(list.data);
          list.data = grown;
        }
        list.data[list.length++] = number * 32 + (packed & 31);
      }
    }
    if (!read.done) throw new Error('search postings: bytes left over after the last term');
    return count;
  }

  /**
   * Gives each doc its number: `numberOf[provisional]` (-1 drops the doc), `count` docs in all. Each
   * term's list is then in doc order, as if the docs had been added in that order.
   */
  renumber(numberOf: Int32Array, count: number): void {
    this.lengths = this.lengths.map((lengths) => {
      const renumbered = new Array<number>(count).fill(0);
      lengths.forEach((length, doc) => {
        const number = numberOf[doc] ?? -1;
        if (number >= 0) renumbered[number] = length;
      });
      return renumbered;
    });
    for (const [term, list] of this.lists) {
      let kept = 0;
      for (let i = 0; i < list.length; i++) {
        const packed = list.data[i] as number;
        const number = numberOf[Math.floor(packed / 32)] ?? -1;
        if (number >= 0) list.data[kept++] = number * 32 + (packed & 31);
      }
      if (kept === 0) this.lists.delete(term);
      else {
        list.length = kept;
        list.data.subarray(0, kept).sort();
      }
    }
  }

  /**
   * The shards: sorted terms cut into runs of about shardBytes; a term whose postings alone pass that
   * size gets a shard of its own. Each posting is varint(doc gap * 4 + field) then one byte of BM25
   * impact (index-format.ts), worked out here where every doc length and the average are known.
   */
  *shards(shardBytes = SHARD_BYTES): Generator<{ first: string; bytes: Uint8Array }> {
    const avg = this.lengths.map((lengths) =>
      lengths.length === 0 ? 1 : lengths.reduce((a, b) => a + b, 0) / lengths.length || 1,
    );
    const terms = [...this.lists.keys()].sort();
    let shardTerms: string[] = [];
    let body = new ByteWriter();
    const finish = () => {
      const header = new TextEncoder().encode(JSON.stringify({ fields: this.fields, terms: shardTerms }));
      const out = new ByteWriter();
      out.raw(new TextEncoder().encode(SHARD_MAGIC));
      out.varint(header.length);
      out.raw(header);
      out.raw(body.finish());
      const shard = { first: shardTerms[0] as string, bytes: out.finish() };
      shardTerms = [];
      body = new ByteWriter();
      return shard;
    };
    for (const term of terms) {
      const list = this.lists.get(term) as Postings;
      if (shardTerms.length > 0 && body.length + term.length + list.length * 2 > shardBytes) yield finish();
      shardTerms.push(term);
      body.varint(list.length);
      let previous = 0;
      for (let i = 0; i < list.length; i++) {
        const packed = list.data[i] as number;
        const doc = Math.floor(packed / 32);
        const f = (packed >> 3) & 3;
        const tf = packed & 7;
        const length = (this.lengths[f] as number[])[doc] as number;
        const weight =
          (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * length) / (avg[f] as number)));
        body.varint((doc - previous) * 4 + f);
        body.byte(Math.max(1, Math.min(255, Math.round(weight * IMPACT_SCALE))));
        previous = doc;
      }
      this.lists.delete(term);
    }
    if (shardTerms.length > 0) yield finish();
  }
}

/** A term's postings in one part, and what `add` counts of the field it is adding. */
interface Postings {
  data: Uint32Array;
  length: number;
  field: number;
  tf: number;
}
