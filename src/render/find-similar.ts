import type { DigestEntry } from '../search/index.ts';

/**
 * Up to `count` studies sharing the most specific features (MeSH descriptors, keywords, topics,
 * population, substance, design), each weighted by how rare it is. Features shared by more than
 * `maxPosting` studies say little and would make this quadratic, so they are skipped. Retracted and
 * off-topic studies are never suggested.
 */
export function findSimilar(entries: DigestEntry[], count = 5, maxPosting = 400): Map<string, string[]> {
  const candidates = entries.filter((entry) => entry.onTopic && !entry.retracted);
  const features = (entry: DigestEntry) =>
    new Set([
      ...entry.features,
      ...entry.topics.map((id) => `t:${id}`),
      ...entry.populations.map((id) => `p:${id}`),
      ...entry.substances.map((id) => `s:${id}`),
      `d:${entry.design}`,
    ]);
  const postings = new Map<string, number[]>();
  candidates.forEach((entry, i) => {
    for (const feature of features(entry)) {
      let list = postings.get(feature);
      if (list === undefined) {
        list = [];
        postings.set(feature, list);
      }
      list.push(i);
    }
  });
  const weight = new Map<string, number>();
  for (const [feature, list] of postings) weight.set(feature, Math.log(1 + candidates.length / list.length));
  const result = new Map<string, string[]>();
  const scores = new Float64Array(candidates.length);
  for (const entry of entries) {
    const touched: number[] = [];
    for (const feature of features(entry)) {
      const list = postings.get(feature);
      if (list === undefined || list.length > maxPosting) continue;
      const w = weight.get(feature) ?? 0;
      for (const i of list) {
        if (scores[i] === 0) touched.push(i);
        scores[i] = (scores[i] as number) + w;
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
