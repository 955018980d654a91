import { BM25_B, BM25_K1, IMPACT_SCALE } from './index-format.ts';
import { ByteWriter } from './varint.ts';

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
  private readonly lists = new Map<string, { data: Uint32Array; length: number }>();
  private lengths: number[][];

  constructor(readonly fields: string[]) {
    if (fields.length > MAX_FIELDS) throw new Error(`search index: at most ${MAX_FIELDS} fields a part`);
    this.lengths = fields.map(() => []);
  }

  /** Doc `doc`'s terms, one array per field. */
  add(doc: number, perField: string[][]): void {
    if (doc >= MAX_DOCS) throw new Error(`search index: more than ${MAX_DOCS} studies`);
    for (let f = 0; f < this.fields.length; f++) {
      const terms = perField[f] ?? [];
      (this.lengths[f] as number[])[doc] = terms.length;
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, tf] of counts) {
        let list = this.lists.get(term);
        if (list === undefined) {
          list = { data: new Uint32Array(4), length: 0 };
          this.lists.set(term, list);
        } else if (list.length === list.data.length) {
          const grown = new Uint32Array(list.length * 2);
          grown.set(list.data);
          list.data = grown;
        }
        list.data[list.length++] = doc * 32 + f * 8 + Math.min(tf, 7);
      }
    }
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
      const list = this.lists.get(term) as { data: Uint32Array; length: number };
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
