import { FLAG_OFF_TOPIC, FLAG_RETRACTED, type LoadedIndex } from './index-format.ts';
import { parseQuery } from './parse-query.ts';
import { type Scores, scoreClause, scoreTerm, unionOf } from './score-terms.ts';
import { FACETS, type SearchRequest, type SearchResult, type SearchSort } from './search-request.ts';

/**
 * THE query function: the search page (search-engine.ts, on the page) and `evidence-digest search` both call this, so a
 * query ranks the same in the browser and the terminal. BM25 over the first `partCount` index parts with
 * lunr's constants and per-field boosts; every clause must match (AND), falling back to any clause (OR,
 * flagged `relaxed`) when nothing holds them all; then filters, facet counts and sorting. Pure and
 * synchronous: the shards the query needs must be loaded (loadQueryShards), or it throws.
 *
 * Work follows the postings, not the index: each term's scores keep the list of docs they touch, and
 * only those docs are combined, filtered and counted. At 100,000 studies a dozen passes over every doc
 * were most of a first query's time in a fresh page (its code not yet optimised).
 */
export function searchStudies(
  index: LoadedIndex,
  request: SearchRequest,
  partCount = index.parts.length,
): SearchResult {
  const { meta } = index;
  const parts = index.parts.slice(0, partCount);
  const docCount = meta.docCount;
  const parsed = parseQuery(request.q);
  if (parsed.pmid !== null && index.pmids === null) throw new Error('search index: PMIDs not loaded');
  const positive = parsed.clauses.filter((clause) => !clause.negated);
  const negative = parsed.clauses.filter((clause) => clause.negated);
  const highlight = { terms: [] as string[], prefixes: [] as string[] };
  for (const clause of positive) {
    if (clause.prefix !== null) highlight.prefixes.push(clause.prefix);
    for (const alternative of clause.alternatives) highlight.terms.push(...alternative);
  }

  const termScores = new Map<string, Scores>();
  const scoresOf = (term: string) => {
    let scores = termScores.get(term);
    if (scores === undefined) {
      scores = scoreTerm(parts, term, docCount);
      termScores.set(term, scores);
    }
    return scores;
  };
  const clauseScores = positive.map((clause) => scoreClause(parts, clause, docCount, scoresOf));
  const excluded = new Uint8Array(docCount);
  for (const clause of negative)
    for (const d of scoreClause(parts, clause, docCount, scoresOf).docs) excluded[d] = 1;

  const pmidDoc = parsed.pmid === null ? -1 : (index.pmids?.indexOf(parsed.pmid) ?? -1);
  const score = new Float64Array(docCount);
  const matched = new Uint8Array(docCount);
  // The docs that may match: those the clauses touch, or every doc (null) for a query of filters alone.
  let candidates: number[] | null = [];
  let relaxed = false;
  if (clauseScores.length === 0) {
    if (pmidDoc >= 0) {
      candidates = [pmidDoc];
      matched[pmidDoc] = 1;
    } else if (parsed.pmid === null && positive.length === 0) {
      candidates = null;
      matched.fill(1);
    }
  } else {
    const touched = unionOf(
      clauseScores.map((clause) => clause.docs),
      pmidDoc,
      docCount,
    );
    candidates = touched;
    const combine = (requireAll: boolean) => {
      let any = false;
      for (const d of touched) {
        let sum = 0;
        let hits = 0;
        for (const { scores } of clauseScores) {
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

  const { docs } = index;
  const { filters } = request;
  const { vocabulary } = meta;
  const designs = new Set(filters.design.map((id) => vocabulary.design.findIndex((v) => v.id === id)));
  const levels = new Set(filters.level.map((id) => (id === 'none' ? 0 : Number(id))));
  const bitFacets = (['topic', 'route', 'population', 'substance'] as const).map((facet) => ({
    facet,
    bit: 1 << FACETS.indexOf(facet),
    mask: maskOf(vocabulary[facet], filters[facet]),
    column: docs[facet],
    counts: new Float64Array(32),
  }));
  const designBit = 1 << FACETS.indexOf('design');
  const levelBit = 1 << FACETS.indexOf('level');
  const designCounts = new Float64Array(Math.max(1, vocabulary.design.length));
  const levelCounts = new Float64Array(6);

  const hits: { doc: number; score: number }[] = [];
  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = 0;
  const count = candidates?.length ?? docCount;
  for (let i = 0; i < count; i++) {
    const d = candidates === null ? i : (candidates[i] as number);
    if (!matched[d] || excluded[d]) continue;
    const flags = docs.flags[d] as number;
    if (!filters.includeOffTopic && flags & FLAG_OFF_TOPIC) continue;
    if (filters.hideRetracted && flags & FLAG_RETRACTED) continue;
    const year = docs.year[d] as number;
    if (filters.yearFrom !== null && !(year >= filters.yearFrom)) continue;
    if (filters.yearTo !== null && !(year > 0 && year <= filters.yearTo)) continue;
    // One bit per facet whose filter the study fails.
    const design = docs.design[d] as number;
    const level = docs.level[d] as number;
    let failed = 0;
    if (designs.size > 0 && !designs.has(design)) failed |= designBit;
    if (levels.size > 0 && !levels.has(level)) failed |= levelBit;
    for (const { bit, mask, column } of bitFacets) {
      if (mask !== 0 && ((column[d] as number) & mask) === 0) failed |= bit;
    }
    if (failed === 0) {
      hits.push({ doc: d, score: score[d] as number });
      if (year > 0) {
        minYear = Math.min(minYear, year);
        maxYear = Math.max(maxYear, year);
      }
    }
    // Facet counts: each facet counted under every filter but its own, so choosing a second value in a
    // facet shows what it would add. A study failing two facets' filters counts in neither.
    if ((failed & (failed - 1)) !== 0) continue;
    if ((failed & ~designBit) === 0) designCounts[design] = (designCounts[design] as number) + 1;
    if ((failed & ~levelBit) === 0) levelCounts[level] = (levelCounts[level] as number) + 1;
    for (const { bit, column, counts } of bitFacets) {
      if ((failed & ~bit) !== 0) continue;
      for (let values = column[d] as number; values !== 0; values &= values - 1) {
        const at = 31 - Math.clz32(values & -values);
        counts[at] = (counts[at] as number) + 1;
      }
    }
  }
  const facets = Object.fromEntries(FACETS.map((facet) => [facet, {}])) as SearchResult['facets'];
  designCounts.forEach((count, at) => {
    if (count > 0) facets.design[vocabulary.design[at]?.id ?? 'other'] = count;
  });
  levelCounts.forEach((count, level) => {
    if (count > 0) facets.level[String(level || 'none')] = count;
  });
  for (const { facet, counts } of bitFacets) {
    counts.forEach((count, at) => {
      const id = vocabulary[facet][at]?.id;
      if (count > 0 && id !== undefined) facets[facet][id] = count;
    });
  }

  const sort: SearchSort = request.sort ?? (positive.length > 0 || pmidDoc >= 0 ? 'relevance' : 'level');
  const rank = (d: number) => (docs.level[d] as number) || 9;
  const byDate = (a: number, b: number) => (docs.date[b] as number) - (docs.date[a] as number);
  hits.sort((x, y) => {
    let order = 0;
    if (sort === 'relevance') order = y.score - x.score || rank(x.doc) - rank(y.doc) || byDate(x.doc, y.doc);
    else if (sort === 'date') order = byDate(x.doc, y.doc) || y.score - x.score;
    else order = rank(x.doc) - rank(y.doc) || y.score - x.score || byDate(x.doc, y.doc);
    return order || x.doc - y.doc;
  });
  return {
    total: hits.length,
    hits: hits.slice(request.offset, request.offset + request.limit),
    facets,
    relaxed,
    highlight,
    fullText: parts.some((part) => part.fields.includes('abstract')),
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
