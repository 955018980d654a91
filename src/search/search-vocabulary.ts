/**
 * The facets of the search page and their values, in display order, with reader-facing labels. Shared by
 * the index builder, the query function, the browser and the pages, so a value id means the same
 * everywhere. Topics come from the rule table (topics are configuration); the rest are PRODUCT.md
 * section 5's fixed vocabularies.
 */
export interface FacetValue {
  id: string;
  label: string;
}

export interface SearchVocabulary {
  topic: FacetValue[];
  design: FacetValue[];
  route: FacetValue[];
  substance: FacetValue[];
  population: FacetValue[];
  level: FacetValue[];
}

export const DESIGN_LABELS: FacetValue[] = [
  { id: 'systematic-review', label: 'Systematic review or meta-analysis' },
  { id: 'rct', label: 'Randomised controlled trial' },
  { id: 'non-randomized-trial', label: 'Non-randomised trial' },
  { id: 'secondary-analysis', label: 'Secondary analysis of trials' },
  { id: 'observational', label: 'Observational study' },
  { id: 'case-series', label: 'Case series' },
  { id: 'case-report', label: 'Case report' },
  { id: 'qualitative', label: 'Qualitative study' },
  { id: 'protocol', label: 'Protocol' },
  { id: 'guideline', label: 'Guideline' },
  { id: 'narrative-review', label: 'Narrative review' },
  { id: 'preclinical', label: 'Preclinical (animal, in vitro)' },
  { id: 'commentary', label: 'Commentary, editorial or letter' },
  { id: 'other', label: 'Other' },
];

export const ROUTE_LABELS: FacetValue[] = [
  { id: 'intravenous', label: 'Intravenous' },
  { id: 'intranasal', label: 'Intranasal' },
  { id: 'intramuscular', label: 'Intramuscular' },
  { id: 'oral', label: 'Oral' },
  { id: 'sublingual', label: 'Sublingual' },
  { id: 'subcutaneous', label: 'Subcutaneous' },
  { id: 'other', label: 'Other route' },
  { id: 'not-stated', label: 'Route not stated' },
];

export const SUBSTANCE_LABELS: FacetValue[] = [
  { id: 'racemic-ketamine', label: 'Racemic ketamine' },
  { id: 'esketamine', label: 'Esketamine' },
  { id: 'arketamine', label: 'Arketamine' },
];

export const POPULATION_LABELS: FacetValue[] = [
  { id: 'treatment-resistant', label: 'Treatment-resistant' },
  { id: 'bipolar', label: 'Bipolar' },
  { id: 'suicidal', label: 'Suicidal' },
  { id: 'adolescent', label: 'Adolescents' },
  { id: 'older-adult', label: 'Older adults' },
  { id: 'perinatal', label: 'Perinatal' },
];

export const LEVEL_LABELS: FacetValue[] = [
  { id: '1', label: 'Level 1: systematic reviews' },
  { id: '2', label: 'Level 2: RCTs' },
  { id: '3', label: 'Level 3: non-randomised, cohort' },
  { id: '4', label: 'Level 4: case series, reports' },
  { id: '5', label: 'Level 5: reviews, opinion, preclinical' },
  { id: 'none', label: 'No level (protocol, qualitative)' },
];

export const COMPARATOR_LABELS: FacetValue[] = [
  { id: 'placebo', label: 'Placebo' },
  { id: 'active-control', label: 'Active control' },
  { id: 'none', label: 'No comparator stated' },
];

export const REGIMEN_LABELS: FacetValue[] = [
  { id: 'single-dose', label: 'Single dose' },
  { id: 'repeated', label: 'Repeated doses' },
  { id: 'unknown', label: 'Not stated' },
];

const TOPIC_LABELS: Record<string, string> = {
  mechanism: 'Mechanism',
  efficacy: 'Efficacy',
  safety: 'Safety',
  dosing: 'Dosing',
  psychotherapy: 'Psychotherapy',
  'regulation-access': 'Regulation and access',
  'long-term': 'Long-term outcomes',
  biomarkers: 'Biomarkers',
  suicidality: 'Suicidality',
};

/** A topic id from the rule table -> its label ("long-term" -> "Long-term outcomes"; unknown ids read as words). */
export function topicLabel(id: string): string {
  return TOPIC_LABELS[id] ?? id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function createVocabulary(topicIds: string[]): SearchVocabulary {
  return {
    topic: topicIds.map((id) => ({ id, label: topicLabel(id) })),
    design: DESIGN_LABELS,
    route: ROUTE_LABELS,
    substance: SUBSTANCE_LABELS,
    population: POPULATION_LABELS,
    level: LEVEL_LABELS,
  };
}

export function labelOf(values: FacetValue[], id: string): string {
  return values.find((value) => value.id === id)?.label ?? id;
}
