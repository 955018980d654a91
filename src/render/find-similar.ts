import type { DigestEntry } from '../search/index.ts';

/**
 * Up to `count` studies sharing the most specific features (MeSH descriptors, keywords, topics,
 * population, substance, design), each weighted by how rare it is. Features shared by more than
 * `maxPosting` studies say little and would make this quadratic, so they are skipped. Retracted and
 * off-topic studies are never suggested.
 */
export function findSimilar(entries: DigestEntry[], count = 5, maxPosting = 400): Map<string, string[]> {
  const candidates = entries.filter((entry) => entry.onTopic && !entry.retracted);
  // Each candidate's features become postings; every study (candidate or not) then looks its own up.
  const postings = new Map<string, number[]>();
  candidates.forEach((entry, i) => {
    for (const feature of featuresOf(entry)) {
      const list = postings.get(feature);
      if (list === undefined) postings.set(feature, [i]);
      else list.push(i);
    }
  });
  const lists: { list: number[]; weight: number }[] = [];
  const result = new Map<string, string[]>();
  const scores = new Float64Array(candidates.length);
  const touched: number[] = [];
  for (const entry of entries) {
    lists.length = 0;
    for (const feature of featuresOf(entry)) {
      const list = postings.get(feature);
      if (list === undefined || list.length > maxPosting) continue;
      lists.push({ list, weight: Math.log(1 + candidates.length / list.length) });
    }
    touched.length = 0;
    for (const { list, weight } of lists) {
      for (const i of list) {
        if (scores[i] === 0) touched.push(i);
        scores[i] = (scores[i] as number) + weight;
      }
    }
    const best = touched
      .filter((i) => candidates[i]?.pmid !== entry.pmid)
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
      .slice(0, count);
    // One shared rare feature is a coincidence, not similarity.
    result.set(
      entry.pmid,
      best.filter((i) => (scores[i] as number) >= 2).map((i) => candidates[i]?.pmid as string),
    );
    for (const i of touched) scores[i] = 0;
  }
  return result;
}

/** A study's distinct features: its MeSH descriptors and keywords, then its tags. */
function featuresOf(entry: DigestEntry): Set<string> {
  const features = new Set(entry.features);
  for (const id of entry.topics) features.add(`t:${id}`);
  for (const id of entry.populations) features.add(`p:${id}`);
  for (const id of entry.substances) features.add(`s:${id}`);
  features.add(`d:${entry.design}`);
  return features;
}
