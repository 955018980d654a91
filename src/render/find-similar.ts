import { type DigestStudy, isRetracted } from '../search/index.ts';

/**
 * Up to `count` studies sharing the most specific features (MeSH descriptors, keywords, topics,
 * population, substance, design), each weighted by how rare it is. Features shared by more than
 * `maxPosting` studies say little and would make this quadratic, so they are skipped. Retracted and
 * off-topic studies are never suggested.
 */
export function findSimilar(studies: DigestStudy[], count = 5, maxPosting = 400): Map<string, string[]> {
  const candidates = studies.filter((study) => study.tags.relevance.id === 'on-topic' && !isRetracted(study));
  const features = (study: DigestStudy) =>
    new Set([
      ...study.record.mesh.map((m) => `m:${m.descriptor.toLowerCase()}`),
      ...study.record.keywords.map((k) => `k:${k.toLowerCase()}`),
      ...study.tags.topics.map((t) => `t:${t.id}`),
      ...study.tags.populations.map((p) => `p:${p.id}`),
      ...study.tags.substances.map((s) => `s:${s.id}`),
      `d:${study.tags.design.id}`,
    ]);
  const postings = new Map<string, number[]>();
  candidates.forEach((study, i) => {
    for (const feature of features(study)) {
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
  for (const study of studies) {
    const touched: number[] = [];
    for (const feature of features(study)) {
      const list = postings.get(feature);
      if (list === undefined || list.length > maxPosting) continue;
      const w = weight.get(feature) ?? 0;
      for (const i of list) {
        if (scores[i] === 0) touched.push(i);
        scores[i] = (scores[i] as number) + w;
      }
    }
    const best = touched
      .filter((i) => candidates[i]?.record.pmid !== study.record.pmid)
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
      .slice(0, count);
    // One shared rare feature is a coincidence, not similarity.
    result.set(
      study.record.pmid,
      best.filter((i) => (scores[i] as number) >= 2).map((i) => candidates[i]?.record.pmid as string),
    );
    for (const i of touched) scores[i] = 0;
  }
  return result;
}
