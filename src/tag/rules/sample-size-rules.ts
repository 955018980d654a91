import type { SampleSizeRule } from '../rule-types.ts';
import { COUNT, PEOPLE, sentenceWith } from './shared-patterns.ts';

/**
 * Sample size `n`: the participants a study randomised, enrolled or included, in that order of preference
 * (the "randomized/enrolled/included"); for reviews, the pooled participants. Numbers may be words
 * ("Eighteen subjects"). A count followed by a unit ("Two hours", "7 days", "three studies") or labelled
 * by "phase" is not a head count, and words between a count and its people carry no digits, so a date
 * range ("2012 and October 2013, 14 outpatients") yields 14.
 */
const HEAD_COUNT = String.raw`${COUNT}(?!\s*(?:%|percent|hours?|h\b|days?|weeks?|months?|years?|minutes?|min\b|mg|times|sessions|infusions|doses|studies|trials|RCTs|articles|cohorts|groups|arms|sites|centers|centres|countries|cycles|million|billion|thousand))`;
const GAP = String.raw`(?:[A-Za-z(),;'’-]+[\s,]+){0,4}?`;
const FIELDS: SampleSizeRule['fields'] = ['abstract', 'title'];
/** Samples of earlier studies described in the background. */
/** "phase 3", "day 7": numbers that label something rather than count people. */
const LABEL_NUMBER =
  /\b(?:phase|stage|grade|type|version|wave|day|week|visit|step|level)\s+(?:\d+|[IVX]+)[ab]?\b/gi;
const OTHER_STUDIES = [
  LABEL_NUMBER,
  sentenceWith(
    String.raw`(?:previous(?:ly)?|prior|earlier|original)\s+(?:\w+\s+)?(?:reports?|stud(?:y|ies)|trials?|work|analys[ie]s|publications?)`,
  ),
];

function patterns(...sources: string[]): RegExp[] {
  return sources.map((source) => new RegExp(source, 'i'));
}

export const sampleSizeRules: SampleSizeRule[] = [
  {
    id: 'n.pooled',
    label: 'participants pooled across studies',
    fields: FIELDS,
    patterns: [
      ...patterns(
        String.raw`\b(?:studies|trials|RCTs|articles|cohorts)[\s,]+(?:\w+\s+){0,3}?(?:with|including|involving|comprising|encompassing|enrolling|representing|totall?ing|of|covering)\s+(?:a\s+total\s+of\s+|total\s+of\s+|data\s+from\s+)?${COUNT}\s+${GAP}${PEOPLE}`,
        String.raw`\b(?:studies|trials|RCTs|articles)\s*\(\s*(?<n>\d{1,3}(?:,\d{3})+|\d+)\s+${GAP}${PEOPLE}`,
        // Lower-case n in a review counts participants only when it is too large to count studies.
        String.raw`\b(?:studies|trials|RCTs|articles)\s+(?:\w+\s+){0,3}?\(\s*n\s*=\s*(?<n>\d{1,3}(?:,\d{3})+|\d{3,})\b`,
      ),
      // Upper-case N is the total; lower-case n inside a review usually counts studies.
      new RegExp(String.raw`\b(?:studies|trials|RCTs|articles)\s+(?:\w+\s+){0,3}?\(\s*N\s*=\s*${COUNT}`),
    ],
    // Only papers that pool studies: in a trial, "trials with 30 patients" describes earlier work.
    designs: ['systematic-review', 'narrative-review', 'secondary-analysis', 'guideline'],
    precedence: 95,
    rationale: "A review's n is the participants of its included studies.",
  },
  {
    id: 'n.randomised',
    label: 'participants randomised',
    fields: FIELDS,
    patterns: patterns(
      String.raw`\b${HEAD_COUNT}\s+${GAP}${PEOPLE}\s+(?:\w+\s+){0,3}?(?:were|was)\s+(?:\w+\s+)?(?:randomi[sz]ed|randomly)`,
      String.raw`\brandomi[sz]ed\s+(?:\w+\s+){0,2}?${HEAD_COUNT}\s+${GAP}${PEOPLE}`,
      String.raw`\b${HEAD_COUNT}\s+${GAP}${PEOPLE}\s+underwent\s+randomi[sz]ation`,
      String.raw`\b${PEOPLE}\s+(?:[\w-]+\s+){0,3}?\(\s*N\s*=\s*${COUNT}\s*\)\s+(?:were|was)\s+(?:\w+\s+)?(?:randomi[sz]ed|randomly)`,
    ),
    negativePatterns: OTHER_STUDIES,
    pick: 'largest',
    precedence: 90,
    rationale:
      'Randomised participants are the analysed population of a trial; the largest count is the total, not an arm.',
  },
  {
    id: 'n.enrolled',
    label: 'participants enrolled, included or recruited',
    fields: FIELDS,
    patterns: patterns(
      String.raw`\b(?:enrolled|included|recruited|involved|comprised|enrolling|including|recruiting|studied|analy[sz]ed|evaluated)\s+(?:a\s+total\s+of\s+|total\s+of\s+|data\s+from\s+)?${HEAD_COUNT}\s+${GAP}${PEOPLE}`,
      String.raw`\b${HEAD_COUNT}\s+${GAP}${PEOPLE}\s+(?:\w+\s+){0,3}?(?:were|was)\s+(?:\w+\s+)?(?:enrolled|included|recruited|studied|analy[sz]ed|identified|treated|evaluated)`,
      String.raw`\ba\s+total\s+of\s+${HEAD_COUNT}\s+${GAP}${PEOPLE}`,
      String.raw`\b(?:sample|cohort)\s+(?:\w+\s+)?(?:of|included|comprised|consisted of)\s+${HEAD_COUNT}\b`,
      String.raw`\b${PEOPLE}\s+(?:[\w-]+\s+){0,3}?\(\s*N\s*=\s*${COUNT}\s*\)\s+(?:were|was)\s+(?:\w+\s+)?(?:enrolled|included|recruited)`,
    ),
    negativePatterns: OTHER_STUDIES,
    pick: 'largest',
    precedence: 80,
    rationale: 'Enrolled or included participants when randomisation is not stated.',
  },
  {
    id: 'n.first-count',
    label: 'first count of people',
    fields: FIELDS,
    patterns: patterns(String.raw`\b${HEAD_COUNT}\s+${GAP}${PEOPLE}\b`),
    negativePatterns: OTHER_STUDIES,
    precedence: 70,
    rationale: 'The first count of people in an abstract is usually the whole sample.',
  },
  {
    id: 'n.total-equals',
    label: 'total N =',
    fields: FIELDS,
    // Case-sensitive on purpose: lower-case n is conventionally one group, upper-case N the total.
    patterns: [new RegExp(String.raw`\b(?:total\s+)?N\s*=\s*${COUNT}`)],
    negativePatterns: OTHER_STUDIES,
    precedence: 60,
    rationale: 'An upper-case N is conventionally the total sample.',
  },
  {
    id: 'n.group-equals',
    label: 'first n = after the people studied',
    fields: FIELDS,
    patterns: patterns(String.raw`\b${PEOPLE}\s+(?:[\w-]+\s+){0,6}?\(\s*n\s*=\s*${COUNT}\s*[);,]`),
    negativePatterns: OTHER_STUDIES,
    precedence: 50,
    rationale:
      'When nothing else counts people, the first "(n = x)" after them is the best statement of the sample.',
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
