import type { TagRule } from '../rule-types.ts';
import { FUTURE_OR_LIMIT_SENTENCE } from './shared-patterns.ts';

/**
 * Comparator (one of): the control ketamine was tested against; `none` when nothing fires. Midazolam is
 * called an "active placebo" but is an active control (it mimics the sedation so the blind holds). When a
 * study also has an inert arm (saline, "placebo or midazolam"), that inert arm is the comparator.
 * Esketamine trials call themselves "active-controlled" for the oral antidepressant both arms take; their
 * placebo nasal spray is the comparator, so that wording ranks below placebo.
 */
const TEXT: TagRule['fields'] = ['title', 'abstract'];

/** Treatments studies compare ketamine with; extend as new comparators appear. */
const ACTIVE_COMPARATORS = `(?:quetiapine|buprenorphine|methohexital|thiopental|nesdonal|propofol|etomidate|remifentanil|fentanyl|dexmedetomidine|lamotrigine|escitalopram|sertraline|psilocybin|lithium|aripiprazole|antipsychotics?|r?TMS|transcranial magnetic stimulation)`;

const NO_CONTROL =
  /\b(?:no|without|lack(?:ed)? of|absence of|lacked|not)\s+(?:[\w,]+\s+){0,4}?(?:placebo|control)\w*/gi;
const OTHER_STUDIES_PLACEBO =
  /\b(?:subsequent|future|planned|larger|further)\s+(?:[\w-]+[\s,]+){0,4}?placebo\w*/gi;

export const comparatorRules: TagRule<string>[] = [
  {
    id: 'comparator.placebo.inert-arm-beside-midazolam',
    tag: 'placebo',
    label: 'saline, or placebo named beside midazolam',
    fields: TEXT,
    patterns: [
      /\b(?:normal\s+)?saline\b|\bsodium chloride\b|\binactive\s+placebo\b|\bplacebo\s+(?:or|and)\s+midazolam\b|\bmidazolam\s+(?:or|and)\s+(?:saline\s+)?placebo\b/i,
    ],
    negativePatterns: [
      NO_CONTROL,
      FUTURE_OR_LIMIT_SENTENCE,
      OTHER_STUDIES_PLACEBO,
      /\bsaline\s+flush\b|\bdiluted\s+(?:in|with)\s+(?:\w+\s+){0,4}?saline\b/gi,
    ],
    precedence: 92,
    rationale: 'An inert arm is the comparator even when an active placebo arm runs beside it.',
  },
  {
    id: 'comparator.active-control.midazolam-or-active-placebo',
    tag: 'active-control',
    label: 'midazolam or another active (psychoactive) placebo',
    fields: TEXT,
    patterns: [/\bmidazolam\b|\b(?:psycho)?active[- ](?:placebo|comparator|control)\b/i],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 90,
    rationale: 'An active control keeps the blind against dissociation; it is not an inert placebo.',
  },
  {
    id: 'comparator.active-control.ect',
    tag: 'active-control',
    label: 'head-to-head with ECT',
    fields: TEXT,
    patterns: [
      /\b(?:versus|vs\.?|compared\s+(?:with|to)|either|than|or)\s+(?:\w+[\s-]+){0,3}?(?:electroconvulsive therapy|ECT)\b(?!\s+anaesth|\s+anesth)/i,
      /\b(?:electroconvulsive therapy|ECT)\s+(?:versus|vs\.?|or|compared with)\s+(?:\w+[\s-]+){0,2}?(?:es|ar)?ketamine\b/i,
    ],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 85,
    rationale: 'ECT is the established comparator for severe depression.',
  },
  {
    id: 'comparator.placebo.inert',
    tag: 'placebo',
    label: 'placebo or sham',
    fields: TEXT,
    patterns: [/\bplacebo\w*|\bsham\b/i],
    negativePatterns: [NO_CONTROL, FUTURE_OR_LIMIT_SENTENCE, OTHER_STUDIES_PLACEBO],
    precedence: 70,
    rationale: 'An inert control, alone or added to usual care.',
  },
  {
    id: 'comparator.active-control.named-treatment',
    tag: 'active-control',
    label: 'another drug, another enantiomer or an active-controlled design',
    fields: TEXT,
    patterns: [
      new RegExp(
        String.raw`\b(?:versus|vs\.?|compared\s+(?:with|to)|or)\s+(?:\w+[\s-]+){0,3}?${ACTIVE_COMPARATORS}\b`,
        'i',
      ),
      new RegExp(
        String.raw`\bcompar\w*\s+(?:\w+[\s-]+){0,4}?(?:es|ar)?ketamine\s+(?:and|with|to|versus|vs\.?)\s+(?:\w+[\s-]+){0,2}?${ACTIVE_COMPARATORS}\b`,
        'i',
      ),
      /\bcompar\w*\s+(?:of\s+|between\s+)?(?:[\w-]+\s+){0,4}?(?:racemic\s+)?(?:es)?ketamine\s+(?:and|with|to|versus|vs\.?)\s+(?:\w+[\s-]+){0,2}?(?:racemic\s+)?(?:es|ar)?ketamine\b|\b(?:es)?ketamine\s+(?:versus|vs\.?)\s+(?:racemic\s+)?(?:es|ar)?ketamine\b/i,
      /\b(?:other|standard|conventional|non-?ketamine|alternative)\s+(?:an(?:a)?esthetic|induction)\s+(?:agents?|drugs?|medications?|regimens?)\b|\bcomparator\s+(?:group|arm|drug)\b|\bactive-controlled\b/i,
    ],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 60,
    rationale:
      'A named alternative treatment (another anaesthetic in ECT, an antipsychotic, the other enantiomer).',
  },
];
