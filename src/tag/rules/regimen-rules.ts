import type { TagRule } from '../rule-types.ts';
import { FUTURE_OR_LIMIT_SENTENCE, KETAMINE_NAME } from './shared-patterns.ts';

/** Regimen (one of): a single administration or a course; `unknown` when nothing fires. */
const TEXT: TagRule['fields'] = ['title', 'abstract'];

const COUNT_WORD = String.raw`(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|sixteen|eighteen|twenty|\d{1,2}|multiple|serial|repeated|several|up to (?:\w+|\d+)|a series of|a course of|\d+\s*(?:-|to)\s*\d+)`;
const ADMINISTRATIONS = `(?:infusions|sessions|doses|treatments|administrations|injections|dosing sessions|treatment sessions|nasal sprays)`;

/** Counts and words that look like a course but are not one (arms, measures, earlier antidepressants). */
const NOT_A_COURSE = [
  FUTURE_OR_LIMIT_SENTENCE,
  /\brepeated[- ]measures?\b/gi,
  /\b(?:whether|if)\s+(?:\w+\s+){0,3}?(?:repeated|serial|multiple|maintenance)\b/gi,
  /\b(?:different|various|ascending|fixed|several)\s+doses\b|\bdoses?\s+(?:levels|groups|arms)\b/gi,
  /\b(?:antidepressant|oral|prior|previous|failed|adequate)\s+(?:\w+\s+)?(?:treatments|trials|medications)\b/gi,
];

/** Single administrations named only to say they were not the regimen ("at least one session"). */
const NOT_A_SINGLE_DOSE = [
  FUTURE_OR_LIMIT_SENTENCE,
  /\bbeyond\s+a\s+single\b|\bsingle[- ](?:blind|arm|centre|center|site)\b|\bat\s+least\s+one\b|\bone\s+placebo\b/gi,
];

export const regimenRules: TagRule<string>[] = [
  {
    id: 'regimen.unknown.review',
    tag: 'unknown',
    label: 'a review or commentary',
    fields: ['title', 'abstract'],
    designs: ['systematic-review', 'narrative-review', 'commentary', 'guideline'],
    precedence: 99,
    rationale: 'A regimen belongs to one study; reviews pool studies with different regimens.',
  },
  {
    id: 'regimen.unknown.both-compared',
    tag: 'unknown',
    label: 'single and repeated dosing compared',
    fields: TEXT,
    patterns: [
      /\bsingle\s+(?:\w+\s+)?(?:and|or|versus|vs\.?)\s+(?:repeated|multiple|serial)\b|\b(?:repeated|multiple|serial)\s+(?:\w+\s+)?(?:and|or|versus|vs\.?)\s+single\b/i,
    ],
    precedence: 95,
    rationale: 'A study comparing regimens has no one regimen.',
  },
  {
    id: 'regimen.repeated.counted',
    tag: 'repeated',
    label: 'a counted series of administrations',
    fields: TEXT,
    patterns: [
      new RegExp(String.raw`\b${COUNT_WORD}\s+(?:\w+[\s-]+){0,3}?${ADMINISTRATIONS}\b`, 'i'),
      /\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|\d{1,2})-(?:session|infusion|dose|treatment|injection)\b|\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+(?:\w+\s+)?(?:infusion|session|dose|treatment|administration|injection)s?\b/i,
    ],
    negativePatterns: NOT_A_COURSE,
    precedence: 80,
    rationale: 'Six infusions over two weeks, eight sessions: a course, not a single dose.',
  },
  {
    id: 'regimen.repeated.schedule',
    tag: 'repeated',
    label: 'a dosing schedule (twice weekly, daily, every n days, each session)',
    fields: TEXT,
    patterns: [
      /\b(?:twice|thrice|three times|two times|once)\s*(?:-|\s)?(?:a|per|each)?\s*-?\s*week(?:ly)?\b|\b(?:weekly|biweekly|daily)\b|\bevery\s+(?:\d+|one|two|three|four|other)\s+(?:to\s+\w+\s+)?(?:days?|weeks?)\b|\b(?:each|every)\s+(?:ECT\s+)?(?:session|treatment|infusion|administration)\b/i,
      /\b(?:[2-9]|\d{2}|two|three|four|six|eight|twelve)[- ](?:week|month)\s+(?:\w+[\s-]+){0,2}?(?:course|treatment|regimen|program|programme|trial)\b/i,
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
    id: 'regimen.repeated.ect-anaesthesia',
    tag: 'repeated',
    label: 'the anaesthetic of an ECT course',
    fields: TEXT,
    patterns: [
      /\b(?:an(?:a)?esthe\w*|induction)\b[^.]*\b(?:ECT|electroconvulsive)\b|\b(?:ECT|electroconvulsive)\b[^.]*\b(?:an(?:a)?esthe\w*|induction)\b/i,
    ],
    negativePatterns: NOT_A_COURSE,
    sameSentence: KETAMINE_NAME,
    precedence: 65,
    rationale: 'ECT is given as a course, and its anaesthetic with every session.',
  },
  {
    id: 'regimen.single-dose.named',
    tag: 'single-dose',
    label: 'a single dose, infusion or session',
    fields: TEXT,
    patterns: [
      /\b(?:single|one)[- ,]+(?:[\w./-]+[\s,-]+){0,4}?(?:dose|infusion|administration|injection|session|bolus|treatment)\b|\bsingle-dose\b/i,
    ],
    negativePatterns: NOT_A_SINGLE_DOSE,
    precedence: 60,
    rationale: 'Most early trials gave one infusion and followed for a week.',
  },
  {
    id: 'regimen.repeated.nasal-spray-course',
    tag: 'repeated',
    label: 'esketamine nasal spray treatment',
    fields: TEXT,
    patterns: [
      /\bspravato\b|\besketamine\s+(?:\w+\s+)?nasal\s+spray\b|\bESK-NS\b|\bintranasal\s+esketamine\b/i,
    ],
    negativePatterns: NOT_A_COURSE,
    precedence: 55,
    rationale:
      'The licensed nasal spray regimen is a course (twice weekly, then maintenance), unless a single dose is said.',
  },
  {
    id: 'regimen.single-dose.one-infusion',
    tag: 'single-dose',
    label: 'one infusion named in the singular',
    fields: TEXT,
    patterns: [
      /\b(?:a|an|the|one)\s+(?:[\w./-]+\s+){0,3}?(?:(?:es|ar)?ketamine|saline|placebo)\s+(?:or\s+(?:\w+\s+)?)?infusion\b(?!s)|\binfusion\s+of\s+(?:either\s+)?(?:[\w./()-]+\s+){0,3}?(?:es|ar)?ketamine\b/i,
    ],
    negativePatterns: NOT_A_COURSE,
    precedence: 45,
    rationale: 'Without any count or schedule, "a ketamine infusion" is one administration.',
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
