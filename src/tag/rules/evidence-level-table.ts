import type { EvidenceLevelRow } from '../rule-types.ts';

/**
 * Evidence level by design (PRODUCT.md section 5). Observational designs are split by their rule (cohort 3,
 * cross-sectional or case-control 4); designs with no results or no comparison carry no level.
 */
export const evidenceLevelTable: EvidenceLevelRow[] = [
  { design: 'systematic-review', level: 1, reason: 'systematic review or meta-analysis: level 1' },
  { design: 'rct', level: 2, reason: 'randomised controlled trial: level 2' },
  { design: 'non-randomized-trial', level: 3, reason: 'non-randomised trial: level 3' },
  { design: 'secondary-analysis', level: 3, reason: 'secondary analysis of trial data: level 3' },
  { design: 'observational', level: 3, reason: 'cohort or real-world observational study: level 3' },
  { design: 'case-series', level: 4, reason: 'case series: level 4' },
  { design: 'case-report', level: 4, reason: 'case report: level 4' },
  { design: 'narrative-review', level: 5, reason: 'narrative review: level 5' },
  { design: 'commentary', level: 5, reason: 'commentary, editorial or letter: level 5' },
  { design: 'guideline', level: 5, reason: 'guideline without a stated systematic method: level 5' },
  { design: 'preclinical', level: 5, reason: 'preclinical (animal or in vitro) study: level 5' },
  { design: 'protocol', level: null, reason: 'protocol: no results yet, so no evidence level' },
  { design: 'qualitative', level: null, reason: 'qualitative study: outside the effectiveness hierarchy' },
  { design: 'other', level: null, reason: 'design not recognised: no evidence level' },
];
