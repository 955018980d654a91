import { wholeSentence } from '../whole-sentence.ts';

/**
 * Pattern pieces several rule tables share. Kept here so that a change (a new brand name, a new kind of
 * "future work" sentence) reaches every table at once.
 */

/** Any ketamine-family name: the racemate, both enantiomers, their brand names. */
export const KETAMINE_NAME =
  /\b(?:(?:es|ar)?ketamine|spravato|ketalar|ketanest)\b|(?:\b[SR]|\([SR]\))[-\s]?(?:\(\+\)|\(-\)|\+|-)?-?ketamine\b/i;

/** Masks each whole sentence that contains any of the given words (for negative patterns). */
export function sentenceWith(words: string): RegExp {
  return wholeSentence(new RegExp(String.raw`\b(?:${words})\b`, 'i'));
}

/**
 * Sentences about future work or limits ("further studies are needed to ...", "remains unclear"): a cue
 * there is what the study did not do, so topic and design rows ignore it.
 */
export const FUTURE_OR_LIMIT_SENTENCE = sentenceWith(
  String.raw`future|further (?:studies|research|trials|investigation|work)|(?:are|is|were|be) (?:needed|warranted|required|necessary)|remains? (?:unknown|unclear|to be (?:determined|explored|established|investigated|seen))|not (?:yet )?(?:known|been (?:investigated|studied|examined))|should (?:be|examine|explore|assess|investigate|determine)|needs? to be|requires? (?:\w+ )?(?:replication|confirmation|validation|further|larger|more|additional)|warrants? (?:further|additional|larger)|perhaps|importance of (?:continuing|further)`,
);

/**
 * The opening background of an abstract: the first sentence, or a BACKGROUND/INTRODUCTION/CONTEXT section
 * up to the next label. Claims there ("ketamine has rapid antidepressant effects") describe the field,
 * not the study. A one-sentence field (a title) has no opening background.
 */
export const OPENING_BACKGROUND =
  /^(?:(?:BACKGROUND|INTRODUCTION|CONTEXT|RATIONALE|IMPORTANCE)\s*(?:AND\s+\w+\s*)?:[\s\S]*?(?=\b[A-Z][A-Z /&-]{3,}:\s)|(?:[^.]|\.(?=\d))*\.(?=\s+\S))/;

/** Words that name the people a study enrolled, for sample sizes and population phrases. */
export const PEOPLE = `(?:patients|participants|subjects|adults|individuals|people|persons|inpatients|outpatients|veterans|women|men|mothers|parturients|adolescents|children|youths?|volunteers|cases|respondents|users|clients|recipients|completers|responders|veterans|pregnant women|parturients)`;

const UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const TEENS = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const BELOW_HUNDRED = `(?:(?:${TENS})(?:[- ](?:${UNITS}))?|${TEENS}|${UNITS})`;

/** A count as digits ("1,247") or words ("Twenty-six", "One hundred and fifty"), for the group `n`. */
export const COUNT = String.raw`(?<n>(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d.])|(?<![\d.,])\d+(?![\d.,]\d)|\b(?:(?:${UNITS})\s+hundred(?:\s+(?:and\s+)?${BELOW_HUNDRED})?|${BELOW_HUNDRED})\b)`;
