import {
  FIELD_BOOST,
  FLAG_OFF_TOPIC,
  FLAG_RETRACTED,
  type IndexPart,
  type LoadedIndex,
} from './index-format.ts';
import { parseQuery, type QueryClause } from './parse-query.ts';
import {
  FACETS,
  type FacetId,
  type SearchRequest,
  type SearchResult,
  type SearchSort,
} from './search-request.ts';

// lunr's BM25 constants.
const K1 = 1.2;
const B = 0.75;

/**
 * THE query function: the search page (in its worker) and `evidence-digest search` both call this, so a
 * query ranks the same in the browser and the terminal. BM25 over every loaded index part with lunr's
 * constants and per-field boosts; every clause must match (AND), falling back to any clause (OR, flagged
 * `relaxed`) when nothing holds them all; then filters, facet counts and sorting. Pure and synchronous.
 */
export function searchStudies(index: LoadedIndex, request: SearchRequest): SearchResult {
  const { meta } = index;
  const docCount = meta.docCount;
  const parsed = parseQuery(request.q);
  const positive = parsed.clauses.filter((clause) => !clause.negated);
  const negative = parsed.clauses.filter((clause) => clause.negated);
  const highlight = { terms: [] as string[], prefixes: [] as string[] };
  for (const clause of positive) {
    if (clause.prefix !== null) highlight.prefixes.push(clause.prefix);
    for (const alternative of clause.alternatives) highlight.terms.push(...alternative);
  }

  const termScores = new Map<string, Float64Array>();
  const scoresOf = (term: string) => {
    let scores = termScores.get(term);
    if (scores === undefined) {
      scores = scoreTerm(index.parts, term, docCount);
      termScores.set(term, scores);
    }
    return scores;
  };
  const clauseScores = positive.map((clause) => scoreClause(index.parts, clause, docCount, scoresOf));
  const excluded = new Uint8Array(docCount);
  for (const clause of negative) {
    const scores = scoreClause(index.parts, clause, docCount, scoresOf);
    for (let d = 0; d < docCount; d++) if ((scores[d] as number) > 0) excluded[d] = 1;
  }

  const pmidDoc = parsed.pmid === null ? -1 : meta.docs.pmid.indexOf(parsed.pmid);
  const score = new Float64Array(docCount);
  const matched = new Uint8Array(docCount);
  let relaxed = false;
  if (clauseScores.length === 0) {
    if (pmidDoc >= 0 || (parsed.pmid === null && positive.length === 0)) {
      for (let d = 0; d < docCount; d++) matched[d] = pmidDoc >= 0 ? (d === pmidDoc ? 1 : 0) : 1;
    }
  } else {
    const combine = (requireAll: boolean) => {
      let any = false;
      for (let d = 0; d < docCount; d++) {
        let sum = 0;
        let hits = 0;
        for (const scores of clauseScores) {
          const s = scores[d] as number;
          if (s > 0) {
            sum += s;
            hits++;
          }
        }
        // In relaxed mode a study holding more of the clauses ranks first.
        const ok = requireAll ? hits === clauseScores.length : hits > 0;
        if (ok || d === pmidDoc) {
          matched[d] = 1;
          score[d] = (requireAll ? sum : sum * hits) + (d === pmidDoc ? 1e6 : 0);
          any = true;
        }
      }
      return any;
    };
    if (!combine(true) && clauseScores.length > 1) relaxed = combine(false);
  }
  for (let d = 0; d < docCount; d++) if (excluded[d]) matched[d] = 0;

  const docs = meta.docs;
  const { filters } = request;
  const masks = {
    topic: maskOf(meta.vocabulary.topic, filters.topic),
    route: maskOf(meta.vocabulary.route, filters.route),
    population: maskOf(meta.vocabulary.population, filters.population),
    substance: maskOf(meta.vocabulary.substance, filters.substance),
  };
  const designs = new Set(filters.design.map((id) => meta.vocabulary.design.findIndex((v) => v.id === id)));
  const levels = new Set(filters.level.map((id) => (id === 'none' ? 0 : Number(id))));
  const passes = (d: number, skip: FacetId | null): boolean => {
    const flags = docs.flags[d] as number;
    if (!filters.includeOffTopic && flags & FLAG_OFF_TOPIC) return false;
    if (filters.hideRetracted && flags & FLAG_RETRACTED) return false;
    const year = docs.year[d] as number;
    if (filters.yearFrom !== null && !(year >= filters.yearFrom)) return false;
    if (filters.yearTo !== null && !(year > 0 && year <= filters.yearTo)) return false;
    if (skip !== 'design' && designs.size > 0 && !designs.has(docs.design[d] as number)) return false;
    if (skip !== 'level' && levels.size > 0 && !levels.has(docs.level[d] as number)) return false;
    for (const facet of ['topic', 'route', 'population', 'substance'] as const) {
      if (skip !== facet && masks[facet] !== 0 && ((docs[facet][d] as number) & masks[facet]) === 0)
        return false;
    }
    return true;
  };

  const facets = Object.fromEntries(
    FACETS.map((facet) => [facet, {} as Record<string, number>]),
  ) as SearchResult['facets'];
  const hits: { doc: number; score: number }[] = [];
  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = 0;
  for (let d = 0; d < docCount; d++) {
    if (!matched[d]) continue;
    if (passes(d, null)) {
      hits.push({ doc: d, score: score[d] as number });
      const year = docs.year[d] as number;
      if (year > 0) {
        minYear = Math.min(minYear, year);
        maxYear = Math.max(maxYear, year);
      }
    }
    // Facet counts: each facet counted under every filter but its own, so choosing a second value in a
    // facet shows what it would add.
    for (const facet of FACETS) {
      if (!passes(d, facet)) continue;
      const counts = facets[facet];
      for (const id of valuesOf(index, facet, d)) counts[id] = (counts[id] ?? 0) + 1;
    }
  }

  const sort: SearchSort = request.sort ?? (positive.length > 0 || pmidDoc >= 0 ? 'relevance' : 'level');
  const level = (d: number) => (docs.level[d] as number) || 9;
  const byDate = (a: number, b: number) => (docs.date[b] as number) - (docs.date[a] as number);
  hits.sort((x, y) => {
    let order = 0;
    if (sort === 'relevance')
      order = y.score - x.score || level(x.doc) - level(y.doc) || byDate(x.doc, y.doc);
    else if (sort === 'date') order = byDate(x.doc, y.doc) || y.score - x.score;
    else order = level(x.doc) - level(y.doc) || y.score - x.score || byDate(x.doc, y.doc);
    return order || x.doc - y.doc;
  });
  return {
    total: hits.length,
    hits: hits.slice(request.offset, request.offset + request.limit),
    facets,
    relaxed,
    highlight,
    fullText: index.parts.some((part) => part.fields.includes('abstract')),
    sort,
    years: maxYear === 0 ? null : [minYear, maxYear],
  };
}

function maskOf(values: { id: string }[], ids: string[]): number {
  let mask = 0;
  for (const id of ids) {
    const bit = values.findIndex((value) => value.id === id);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}

function valuesOf(index: LoadedIndex, facet: FacetId, d: number): string[] {
  const { docs, vocabulary } = index.meta;
  if (facet === 'design') return [vocabulary.design[docs.design[d] as number]?.id ?? 'other'];
  if (facet === 'level') return [String((docs.level[d] as number) || 'none')];
  const bits = docs[facet][d] as number;
  const out: string[] = [];
  vocabulary[facet].forEach((value, bit) => {
    if (bits & (1 << bit)) out.push(value.id);
  });
  return out;
}

/** BM25 of one term in every doc, summed over fields and parts with the field boosts. */
function scoreTerm(parts: IndexPart[], term: string, docCount: number): Float64Array {
  const scores = new Float64Array(docCount);
  for (const part of parts) {
    const t = part.termIds.get(term);
    if (t === undefined) continue;
    addPostings(part, t, scores);
  }
  return scores;
}

function addPostings(part: IndexPart, t: number, scores: Float64Array): void {
  const from = part.start[t] as number;
  const to = part.start[t + 1] as number;
  // Document frequency: postings are per (doc, field), so count distinct docs.
  let df = 0;
  let previous = -1;
  for (let i = from; i < to; i++) {
    if (part.doc[i] !== previous) {
      df++;
      previous = part.doc[i] as number;
    }
  }
  const idf = Math.log(1 + Math.abs((part.docCount - df + 0.5) / (df + 0.5)));
  for (let i = from; i < to; i++) {
    const d = part.doc[i] as number;
    const f = part.field[i] as number;
    const tf = part.tf[i] as number;
    const length = (part.lengths[f] as Uint16Array)[d] as number;
    const avg = (part.avgLength[f] as number) || 1;
    const boost = FIELD_BOOST[part.fields[f] as string] ?? 1;
    scores[d] =
      (scores[d] as number) + (boost * idf * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * length) / avg));
  }
}

function scoreClause(
  parts: IndexPart[],
  clause: QueryClause,
  docCount: number,
  scoresOf: (term: string) => Float64Array,
): Float64Array {
  const result = new Float64Array(docCount);
  if (clause.prefix !== null) {
    for (const part of parts) {
      const [from, to] = prefixRange(part.terms, clause.prefix);
      for (let t = from; t < to; t++) addPostings(part, t, result);
    }
    return result;
  }
  // Any alternative; within one, every term. The best alternative's score counts.
  for (const alternative of clause.alternatives) {
    const arrays = alternative.map(scoresOf);
    for (let d = 0; d < docCount; d++) {
      let sum = 0;
      let all = true;
      for (const scores of arrays) {
        const s = scores[d] as number;
        if (s <= 0) {
          all = false;
          break;
        }
        sum += s;
      }
      if (all && sum > (result[d] as number)) result[d] = sum;
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
