/**
 * BM25 scores of a query's terms and clauses over loaded shards (searchStudies' scoring). Each result keeps
 * the docs it touches, so what comes after works on those docs only, not on the whole index.
 */
import { FIELD_BOOST, IMPACT_SCALE, type IndexPart, type IndexShard } from './index-format.ts';
import { shardOf, shardsOfPrefix } from './load-search-index.ts';
import type { QueryClause } from './parse-query.ts';

/** Scores by doc, and the docs scoring above 0 (each once, in no order). */
export interface Scores {
  scores: Float64Array;
  docs: number[];
}

const emptyScores = (docCount: number): Scores => ({ scores: new Float64Array(docCount), docs: [] });

/** The docs of any of the lists and `extra` (when >= 0), each once. */
export function unionOf(lists: number[][], extra: number, docCount: number): number[] {
  if (lists.length === 1 && extra < 0) return lists[0] as number[];
  const seen = new Uint8Array(docCount);
  const union: number[] = [];
  for (const list of lists)
    for (const d of list)
      if (seen[d] === 0) {
        seen[d] = 1;
        union.push(d);
      }
  if (extra >= 0 && seen[extra] === 0) union.push(extra);
  return union;
}

/** BM25 of one term in every doc, summed over fields and parts with the field boosts. */
export function scoreTerm(parts: IndexPart[], term: string, docCount: number): Scores {
  const scores = emptyScores(docCount);
  for (const part of parts) {
    const shard = shardHolding(part, shardOf(part, term));
    const t = shard?.termIds.get(term);
    if (shard !== undefined && t !== undefined) addPostings(part, shard, t, docCount, scores);
  }
  return scores;
}

function shardHolding(part: IndexPart, s: number): IndexShard | undefined {
  if (s < 0) return undefined;
  const shard = part.shards[s];
  if (shard === undefined) throw new Error(`search index: shard ${s} of part ${part.fields} not loaded`);
  return shard;
}

function addPostings(
  part: IndexPart,
  shard: IndexShard,
  t: number,
  docCount: number,
  { scores, docs }: Scores,
): void {
  const from = shard.start[t] as number;
  const to = shard.start[t + 1] as number;
  const df = shard.df[t] as number;
  const idf = Math.log(1 + Math.abs((docCount - df + 0.5) / (df + 0.5)));
  const weight = part.fields.map((field) => ((FIELD_BOOST[field] ?? 1) * idf) / IMPACT_SCALE);
  for (let i = from; i < to; i++) {
    const d = shard.doc[i] as number;
    // Every posting adds more than 0 (idf, boosts and impacts are positive): a doc at 0 is new here.
    if (scores[d] === 0) docs.push(d);
    scores[d] =
      (scores[d] as number) + (weight[shard.field[i] as number] as number) * (shard.impact[i] as number);
  }
}

export function scoreClause(
  parts: IndexPart[],
  clause: QueryClause,
  docCount: number,
  scoresOf: (term: string) => Scores,
): Scores {
  const result = emptyScores(docCount);
  if (clause.prefix !== null) {
    for (const part of parts) {
      const [first, last] = shardsOfPrefix(part, clause.prefix);
      for (let s = first; s <= last; s++) {
        const shard = shardHolding(part, s);
        if (shard === undefined) continue;
        const [from, to] = prefixRange(shard.terms, clause.prefix);
        for (let t = from; t < to; t++) addPostings(part, shard, t, docCount, result);
      }
    }
    return result;
  }
  // Any alternative; within one, every term. The best alternative's score counts.
  for (const alternative of clause.alternatives) {
    const terms = alternative.map(scoresOf);
    if (terms.length === 0) continue;
    // A doc holding every term is among the docs of the term in fewest docs.
    const fewest = terms.reduce((a, b) => (b.docs.length < a.docs.length ? b : a));
    for (const d of fewest.docs) {
      let sum = 0;
      let all = true;
      for (const { scores } of terms) {
        const s = scores[d] as number;
        if (s <= 0) {
          all = false;
          break;
        }
        sum += s;
      }
      if (all && sum > (result.scores[d] as number)) {
        if (result.scores[d] === 0) result.docs.push(d);
        result.scores[d] = sum;
      }
    }
  }
  return result;
}

/** [first, end) of the sorted terms starting with prefix. */
export function prefixRange(terms: string[], prefix: string): [number, number] {
  const lower = lowerBound(terms, prefix);
  const upper = lowerBound(terms, `${prefix}\uffff`);
  return [lower, upper];
}

function lowerBound(terms: string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((terms[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
