import type { TagRule } from '../rule-types.ts';
import { FUTURE_OR_LIMIT_SENTENCE, OPENING_BACKGROUND } from './shared-patterns.ts';

/**
 * Populations (multi-label): who was studied. MeSH age headings are not used: NLM adds "Adolescent" or
 * "Aged" whenever a trial's age range touches those groups, which says nothing about the study's focus.
 */
const TEXT: TagRule['fields'] = ['title', 'abstract', 'keywords'];

const SUICIDAL_STATE = String.raw`(?:suicidal\s+(?:ideation|thoughts?|thinking|behaviou?rs?|intent|symptoms|risk)|suicidality|SI\b|suicide\s+(?:risk|attempts?))`;
const SUICIDAL_QUALIFIER = `(?:current|active|acute|strong|significant|clinically significant|stable|persistent|moderate|severe|high|pronounced|prominent|expressed|elevated|ongoing|recent)`;

export const populationRules: TagRule<string>[] = [
  {
    id: 'population.treatment-resistant.named',
    tag: 'treatment-resistant',
    label: 'treatment-resistant or refractory depression',
    fields: TEXT,
    patterns: [
      /\btreatment[- ]?(?:resistant|refractory)\b|\b(?:drug|therapy|antidepressant|pharmaco|medication)[- ]?(?:resistant|refractory)\b|\b(?:resistant|refractory)\s+(?:major\s+|unipolar\s+|bipolar\s+)?(?:depression|depressive)|\bdifficult[- ]to[- ]treat\b|\bECT[- ]resistant\b/i,
      /\bTRD\b|\bB-TRD\b|\bTRBPD\b/,
      /\b(?:failed|failure of|non-?respon\w* to|inadequate(?:ly)? respon\w* to)\s+(?:at least\s+|≥\s?|>=\s?)?(?:two|2|three|3|multiple|several)\s+(?:or more\s+)?(?:\w+\s+){0,2}?(?:antidepressants?|treatments?|medications?|trials)\b/i,
    ],
    mesh: ['Depressive Disorder, Treatment-Resistant'],
    negativePatterns: [
      OPENING_BACKGROUND,
      /\btreatment[- ](?:resistant|refractory)\s+(?:obsessive|OCD|schizophreni\w*|generali[sz]ed|social|anxiety|PTSD|post-?traumatic|pain|epilep\w*|headache|eating)/gi,
    ],
    precedence: 0,
    rationale: 'Ketamine is used after antidepressants have failed; TRD is the main licensed indication.',
  },
  {
    id: 'population.bipolar.named',
    tag: 'bipolar',
    label: 'bipolar depression',
    fields: TEXT,
    patterns: [/\bbipolar\b|\bmanic[- ]depressi\w*/i, /\bB-TRD\b|\bTRBPD\b/],
    mesh: ['Bipolar Disorder'],
    precedence: 0,
    rationale: 'Bipolar depression needs its own evidence (risk of switch into mania).',
  },
  {
    id: 'population.adolescent.named',
    tag: 'adolescent',
    label: 'adolescents, youth or children',
    fields: TEXT,
    patterns: [
      /\badolescen\w*|\byouths?\b|\bteen(?:s|agers?)?\b|\bp(?:a)?ediatric\b|\bchildren\b|\bjuvenile\b/i,
      /\b(?:aged|ages)\s+1[0-7]\s*(?:-|–|to)\s*(?:<\s*)?1[0-9]\b/i,
    ],
    negativePatterns: [
      /\b(?:adults?|patients)\s+and\s+children\b|\bchildhood\s+(?:trauma|abuse|adversity|maltreatment)\b/gi,
    ],
    precedence: 0,
    rationale: 'Young people are studied separately for safety and consent.',
  },
  {
    id: 'population.older-adult.named',
    tag: 'older-adult',
    label: 'older adults, elderly or late-life depression',
    fields: TEXT,
    patterns: [
      /\belderly\b|\bolder\s+(?:adults?|patients|people|persons|individuals|participants|women|men|age)\b|\bgeriatric\w*|\blate[- ]life\b/i,
      /\b(?:aged|age)\s*(?:≥|>=|>|over|above|of at least|at least)\s*6[0-5]\b|\b6[05]\s*(?:years|yr|y)\s*(?:of age\s*)?(?:and|or)\s*(?:older|over|above)\b|(?:≥|>=)\s*6[05]\s*(?:years|yr|y)\b/i,
    ],
    precedence: 0,
    rationale: 'Older adults differ in tolerability (blood pressure, cognition) and response.',
  },
  {
    id: 'population.perinatal.named',
    tag: 'perinatal',
    label: 'pregnancy, postpartum or caesarean delivery',
    fields: TEXT,
    patterns: [
      /\b(?:post-?partum|post-?natal|peri-?partum|peri-?natal|ante-?natal|pre-?natal|ante-?partum)\b|\bpregnan\w*|\bc(?:a)?esar(?:e|i)an\b|\bparturients?\b|\bpuerper\w*|\bmaternal\b/i,
    ],
    mesh: ['Depression, Postpartum', 'Pregnancy'],
    negativePatterns: [/\b(?:exclusion criteria|excluded|exclude|excluding)\b[^.]*?\bpregnan\w*/gi],
    precedence: 0,
    rationale: 'Postpartum depression prevention around caesarean delivery is a large trial literature.',
  },
  {
    id: 'population.suicidal.enrolled',
    tag: 'suicidal',
    label: 'people enrolled for suicidal ideation or behaviour',
    fields: TEXT,
    patterns: [
      new RegExp(
        String.raw`\b(?:with|having|presenting with|endorsing|reporting|who had|experiencing|presence of)\s+(?:${SUICIDAL_QUALIFIER}[\s,]+(?:and\s+)?)*${SUICIDAL_STATE}`,
        'i',
      ),
      /\bsuicidal\s+(?:patients|individuals|inpatients|outpatients|subjects|participants|adults|adolescents|depressed|veterans|depression)\b|\b(?:acute(?:ly)?|imminent(?:ly)?)\s+suicidal(?:ity)?\b|\bat\s+(?:imminent|high|elevated|increased)\s+risk\s+(?:of|for)\s+suicid\w*/i,
      /\bTRD-SI\b|\b(?:reduction|treatment|alleviation|management)\s+of\s+(?:acute\s+|current\s+)?suicid\w*/i,
      new RegExp(
        String.raw`\b(?:with|having)\s+(?:[\w()-]+\s+){0,5}?and\s+(?:${SUICIDAL_QUALIFIER}\s+)*${SUICIDAL_STATE}`,
        'i',
      ),
    ],
    negativePatterns: [
      FUTURE_OR_LIMIT_SENTENCE,
      /\bwithout\s+(?:\w+\s+){0,2}?suicid\w*|\bno\s+(?:\w+\s+)?suicid\w*/gi,
    ],
    precedence: 0,
    rationale:
      'Trials that enrol people because they are suicidal answer a different question from those that measure it.',
  },
];
