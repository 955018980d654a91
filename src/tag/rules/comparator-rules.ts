import type { TagRule } from '../rule-types.ts';
import { FUTURE_OR_LIMIT_SENTENCE } from './shared-patterns.ts';

/**
 * Comparator (one of): the control ketamine was tested against. Midazolam is called an "active placebo"
 * but is an active control (it mimics the sedation so blinding holds); a named active comparator outranks
 * saline; `none` when nothing fires.
 */
const TEXT: TagRule['fields'] = ['title', 'abstract'];

const NO_CONTROL =
  /\b(?:no|without|lack(?:ed)? of|absence of|lacked|not)\s+(?:a\s+|any\s+)?(?:\w+[\s-]+)?(?:placebo|control)\w*/gi;

export const comparatorRules: TagRule<string>[] = [
  {
    id: 'comparator.active-control.midazolam-or-active-placebo',
    tag: 'active-control',
    label: 'midazolam or another active (psychoactive) placebo',
    fields: TEXT,
    patterns: [
      /\bmidazolam\b|\b(?:psycho)?active[- ](?:placebo|comparator|control(?:led)?)\b|\bactive-controlled\b/i,
    ],
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
    label: 'placebo, saline or sham',
    fields: TEXT,
    patterns: [/\bplacebo\w*|\bsham\b|\b(?:normal\s+)?saline\b|\bsodium chloride\b|\bNaCl\b/i],
    negativePatterns: [
      NO_CONTROL,
      FUTURE_OR_LIMIT_SENTENCE,
      /\bsaline\s+flush\b|\bdiluted\s+(?:in|with)\s+(?:\w+\s+){0,4}?saline\b/gi,
    ],
    publicationTypes: [],
    precedence: 70,
    rationale: 'An inert control, alone or added to usual care.',
  },
  {
    id: 'comparator.active-control.named-drug',
    tag: 'active-control',
    label: 'another drug or treatment as comparator',
    fields: TEXT,
    patterns: [
      /\b(?:versus|vs\.?|compared\s+(?:with|to)|or)\s+(?:\w+[\s-]+){0,3}?(?:quetiapine|buprenorphine|methohexital|thiopental|nesdonal|propofol|etomidate|remifentanil|fentanyl|dexmedetomidine|lamotrigine|escitalopram|sertraline|psilocybin|esketamine|(?<!es)ketamine|lithium|aripiprazole|antipsychotics?|r?TMS|transcranial magnetic stimulation)\b/i,
      /\b(?:other|standard|conventional|non-?ketamine|alternative)\s+(?:an(?:a)?esthetic|induction)\s+(?:agents?|drugs?|medications?|regimens?)\b|\bcomparator\s+(?:group|arm|drug)\b/i,
    ],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 60,
    rationale:
      'A named alternative treatment (another anaesthetic in ECT, an antipsychotic, another enantiomer).',
  },
];
