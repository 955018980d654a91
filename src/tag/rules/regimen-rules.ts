import type { TagRule } from '../rule-types.ts';
import { FUTURE_OR_LIMIT_SENTENCE, KETAMINE_NAME } from './shared-patterns.ts';

/** Regimen (one of): a single administration or a course; `unknown` when nothing fires. */
const TEXT: TagRule['fields'] = ['title', 'abstract'];

const COUNT_WORD = String.raw`(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|sixteen|eighteen|twenty|\d{1,2}|multiple|serial|repeated|several|up to (?:\w+|\d+)|a series of|a course of|\d+\s*(?:-|to)\s*\d+)`;
const ADMINISTRATIONS = String.raw`(?:infusions|sessions|doses|treatments|administrations|injections|dosing sessions|treatment sessions|nasal sprays)`;

const NOT_A_COURSE = [
  FUTURE_OR_LIMIT_SENTENCE,
  /\brepeated[- ]measures?\b/gi,
  /\b(?:whether|if)\s+(?:\w+\s+){0,3}?(?:repeated|serial|multiple|maintenance)\b/gi,
  /\b(?:different|various|ascending|fixed|several)\s+doses\b|\bdoses?\s+(?:levels|groups|arms)\b/gi,
];

export const regimenRules: TagRule<string>[] = [
  {
    id: 'regimen.repeated.counted',
    tag: 'repeated',
    label: 'a counted series of administrations',
    fields: TEXT,
    patterns: [new RegExp(String.raw`\b${COUNT_WORD}\s+(?:\w+[\s-]+){0,3}?${ADMINISTRATIONS}\b`, 'i')],
    negativePatterns: NOT_A_COURSE,
    precedence: 80,
    rationale: 'Six infusions over two weeks, eight sessions: a course, not a single dose.',
  },
  {
    id: 'regimen.repeated.schedule',
    tag: 'repeated',
    label: 'a dosing schedule (twice weekly, daily, every n days)',
    fields: TEXT,
    patterns: [
      /\b(?:twice|thrice|three times|two times|once)\s*(?:-|\s)?(?:a|per|each)?\s*-?\s*week(?:ly)?\b|\b(?:weekly|biweekly|daily)\b|\bevery\s+(?:\d+|one|two|three|four|other)\s+(?:to\s+\w+\s+)?(?:days?|weeks?)\b/i,
    ],
    negativePatterns: NOT_A_COURSE,
    sameSentence: KETAMINE_NAME,
    precedence: 75,
    rationale: 'A schedule said of the drug implies more than one dose.',
  },
  {
    id: 'regimen.repeated.course',
    tag: 'repeated',
    label: 'repeated, serial, maintenance or multi-infusion treatment',
    fields: TEXT,
    patterns: [
      /\b(?:repeated|serial|multiple|maintenance|continuation)\s+(?:\w+[\s-]+){0,2}?(?:infusions?|doses?|dosing|administrations?|sessions?|treatments?|injections?|ketamine|esketamine|therapy|phase)\b|\bmulti-?infusions?\b|\bcourse\s+of\s+(?:\w+\s+){0,3}?(?:infusions|treatments?|sessions|ketamine|esketamine)\b|\brepeated-dose\b/i,
    ],
    negativePatterns: NOT_A_COURSE,
    precedence: 70,
    rationale: 'Named courses of treatment.',
  },
  {
    id: 'regimen.single-dose.named',
    tag: 'single-dose',
    label: 'a single dose, infusion or session',
    fields: TEXT,
    patterns: [
      /\b(?:single|one)[- ](?:\w+[\s-]+){0,4}?(?:dose|infusion|administration|injection|session|bolus|treatment)\b|\bsingle-dose\b/i,
    ],
    negativePatterns: [
      FUTURE_OR_LIMIT_SENTENCE,
      /\bbeyond\s+a\s+single\b|\bsingle[- ](?:blind|arm|centre|center|site)\b/gi,
    ],
    precedence: 60,
    rationale: 'Most early trials gave one infusion and followed for a week.',
  },
  {
    id: 'regimen.single-dose.perioperative',
    tag: 'single-dose',
    label: 'one perioperative administration',
    fields: TEXT,
    patterns: [
      /\b(?:intra-?operative(?:ly)?|pre-?operative(?:ly)?|during\s+(?:the\s+)?(?:induction|surgery|an(?:a)?esthesia)|(?:before|after)\s+(?:an(?:a)?esthe(?:sia|tic)\s+)?induction|after\s+(?:umbilical\s+)?cord\s+clamping)\b/i,
    ],
    negativePatterns: NOT_A_COURSE,
    sameSentence: KETAMINE_NAME,
    precedence: 50,
    rationale: 'A dose given with anaesthesia is one administration.',
  },
];
