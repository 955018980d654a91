import type { DigestStudy } from '../search/index.ts';
import {
  COMPARATOR_LABELS,
  DESIGN_LABELS,
  labelOf,
  POPULATION_LABELS,
  REGIMEN_LABELS,
  ROUTE_LABELS,
  SUBSTANCE_LABELS,
  topicLabel,
} from '../search/index.ts';

/** Strongest first: level 1..5, then no level; ties by larger n, then newer. */
export function compareStrength(a: DigestStudy, b: DigestStudy): number {
  const level = (s: DigestStudy) => s.tags.evidenceLevel.level ?? 9;
  return (
    level(a) - level(b) ||
    (b.tags.n?.value ?? 0) - (a.tags.n?.value ?? 0) ||
    (b.record.published?.year ?? 0) - (a.record.published?.year ?? 0) ||
    Number(b.record.pmid) - Number(a.record.pmid)
  );
}

export const designLabel = (id: string) => labelOf(DESIGN_LABELS, id);
export const routeLabel = (id: string) => labelOf(ROUTE_LABELS, id);
export const substanceLabel = (id: string) => labelOf(SUBSTANCE_LABELS, id);
export const populationLabel = (id: string) => labelOf(POPULATION_LABELS, id);
export const comparatorLabel = (id: string) => labelOf(COMPARATOR_LABELS, id);
export const regimenLabel = (id: string) => labelOf(REGIMEN_LABELS, id);
export { topicLabel };

/** Designs grouped for charts: five series read better than fourteen. */
export const DESIGN_GROUPS: { id: string; label: string; designs: string[] }[] = [
  { id: 'sr', label: 'Systematic reviews', designs: ['systematic-review'] },
  { id: 'rct', label: 'RCTs', designs: ['rct'] },
  {
    id: 'clinical',
    label: 'Other clinical studies',
    designs: [
      'non-randomized-trial',
      'secondary-analysis',
      'observational',
      'case-series',
      'case-report',
      'qualitative',
    ],
  },
  {
    id: 'review',
    label: 'Reviews, guidelines, commentary',
    designs: ['narrative-review', 'guideline', 'commentary', 'protocol', 'other'],
  },
  { id: 'preclinical', label: 'Preclinical', designs: ['preclinical'] },
];

export function designGroupOf(design: string): number {
  const index = DESIGN_GROUPS.findIndex((group) => group.designs.includes(design));
  return index < 0 ? 3 : index;
}
