import type { DigestStudy } from '../search/index.ts';
import { DESIGN_GROUPS, designGroupOf } from './study-facts.ts';

/** year -> studies per design group, for renderTimeline. Studies without a year are left out of the chart. */
export function countTimeline(studies: DigestStudy[]): Map<number, number[]> {
  const counts = new Map<number, number[]>();
  for (const study of studies) {
    const year = study.record.published?.year;
    if (!year) continue;
    let row = counts.get(year);
    if (row === undefined) {
      row = DESIGN_GROUPS.map(() => 0);
      counts.set(year, row);
    }
    const group = designGroupOf(study.tags.design.id);
    row[group] = (row[group] ?? 0) + 1;
  }
  return counts;
}
