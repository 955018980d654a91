import type { SampleSizeRule } from '../rule-types.ts';
import { COUNT, PEOPLE } from './shared-patterns.ts';

/**
 * Sample size `n`: the participants a study randomised, enrolled or included, in that order of preference
 * (the "randomized/enrolled/included"); for reviews, the pooled participants. Numbers may be words
 * ("Eighteen subjects"). Group sizes "(n = 12)" are not used: they are usually one arm.
 */
const GAP = String.raw`(?:[\w()'’-]+[\s,]+){0,4}?`;
const FIELDS: SampleSizeRule['fields'] = ['abstract', 'title'];

function patterns(...sources: string[]): RegExp[] {
  return sources.map((source) => new RegExp(source, 'i'));
}

export const sampleSizeRules: SampleSizeRule[] = [
  {
    id: 'n.pooled',
    label: 'participants pooled across studies',
    fields: FIELDS,
    patterns: patterns(
      String.raw`\b(?:studies|trials|RCTs|articles|cohorts)\s+(?:\w+\s+){0,3}?(?:with|including|involving|comprising|encompassing|enrolling|representing|totall?ing|of|covering)\s+(?:a\s+total\s+of\s+|total\s+of\s+|data\s+from\s+)?${COUNT}\s+${GAP}${PEOPLE}`,
      String.raw`\b(?:studies|trials|RCTs|articles)\s*\(\s*N\s*=\s*${COUNT}`,
    ),
    precedence: 95,
    rationale: "A review's n is the participants of its included studies.",
  },
  {
    id: 'n.randomised',
    label: 'participants randomised',
    fields: FIELDS,
    patterns: patterns(
      String.raw`\b${COUNT}\s+${GAP}${PEOPLE}\s+(?:\w+\s+){0,3}?(?:were|was)\s+(?:\w+\s+)?(?:randomi[sz]ed|randomly)`,
      String.raw`\brandomi[sz]ed\s+(?:\w+\s+){0,2}?${COUNT}\s+${GAP}${PEOPLE}`,
      String.raw`\b${COUNT}\s+${GAP}${PEOPLE}\s+underwent\s+randomi[sz]ation`,
    ),
    precedence: 90,
    rationale: 'Randomised participants are the analysed population of a trial.',
  },
  {
    id: 'n.enrolled',
    label: 'participants enrolled, included or recruited',
    fields: FIELDS,
    patterns: patterns(
      String.raw`\b(?:enrolled|included|recruited|involved|comprised|enrolling|including|recruiting|studied|analy[sz]ed|evaluated)\s+(?:a\s+total\s+of\s+|total\s+of\s+|data\s+from\s+)?${COUNT}\s+${GAP}${PEOPLE}`,
      String.raw`\b${COUNT}\s+${GAP}${PEOPLE}\s+(?:\w+\s+){0,3}?(?:were|was)\s+(?:\w+\s+)?(?:enrolled|included|recruited|studied|analy[sz]ed|identified|treated|evaluated)`,
      String.raw`\ba\s+total\s+of\s+${COUNT}\s+${GAP}${PEOPLE}`,
      String.raw`\b(?:sample|cohort)\s+(?:\w+\s+)?(?:of|included|comprised|consisted of)\s+${COUNT}\b`,
    ),
    precedence: 80,
    rationale: 'Enrolled or included participants when randomisation is not stated.',
  },
  {
    id: 'n.first-count',
    label: 'first count of people',
    fields: FIELDS,
    patterns: patterns(String.raw`\b${COUNT}\s+${GAP}${PEOPLE}\b`),
    precedence: 70,
    rationale: 'The first count of people in an abstract is usually the whole sample.',
  },
  {
    id: 'n.total-equals',
    label: 'total N =',
    fields: FIELDS,
    // Case-sensitive on purpose: lower-case n is conventionally one group, upper-case N the total.
    patterns: [new RegExp(String.raw`\b(?:total\s+)?N\s*=\s*${COUNT}`)],
    precedence: 60,
    rationale: 'An upper-case N is conventionally the total sample.',
  },
  {
    id: 'n.single-patient',
    label: 'one patient described',
    fields: FIELDS,
    patterns: [
      /\b(?:a|one)\s+\d{1,3}-year-old\b|\b(?:a|one)\s+(?:\w+\s+){0,3}?patient\s+with\b|\bsingle[- ]case\b/i,
    ],
    value: 1,
    designs: ['case-report'],
    precedence: 10,
    rationale: 'A case report describes one patient ("a 49-year-old woman") even when it never counts.',
  },
];
