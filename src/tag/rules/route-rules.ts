import type { TagRule } from '../rule-types.ts';
import { KETAMINE_NAME } from './shared-patterns.ts';

/**
 * Routes (multi-label), or `not-stated` when none fires. A route only counts in a sentence that names a
 * ketamine-family drug (or that is about routes of administration): esketamine trials also give an oral
 * antidepressant, and anaesthesia trials give other drugs intravenously.
 */
const TEXT: TagRule['fields'] = ['title', 'abstract'];

/** A sentence about the drug, or about routes of administration (reviews list routes without the name). */
const ROUTE_CONTEXT = new RegExp(
  String.raw`${KETAMINE_NAME.source}|\broutes?\b|\badministration\b|\badministered\b|\bformulations?\b`,
  'i',
);

export const routeRules: TagRule<string>[] = [
  {
    id: 'route.intravenous.named',
    tag: 'intravenous',
    label: 'intravenous, IV or infusion',
    fields: TEXT,
    patterns: [
      /\bintra-?venous(?:ly)?\b|\bi\.v\.(?=[\s,;)])|\bPCIA\b|\bpatient[- ]controlled intravenous\b/i,
      /\bIV\b/,
      /\b(?:post-?)?infus(?:ion|ions|ed)\b/i,
    ],
    negativePatterns: [
      /\bDSM-IV(?:-TR)?\b|\b(?:phase|stage|grade|type|class|level|axis|cluster|schedule)\s+IV\b/gi,
      /\bsub-?cutaneous(?:ly)?\s+(?:\w+\s+){0,3}?infusions?\b|\binfusions?\s+(?:\w+\s+){0,2}?sub-?cutaneous\w*/gi,
    ],
    mesh: ['Infusions, Intravenous', 'Administration, Intravenous', 'Injections, Intravenous'],
    sameSentence: ROUTE_CONTEXT,
    precedence: 0,
    rationale:
      'IV infusion is the classic research route; an infusion of ketamine is intravenous unless said otherwise.',
  },
  {
    id: 'route.intranasal.named',
    tag: 'intranasal',
    label: 'intranasal, nasal spray or Spravato',
    fields: TEXT,
    patterns: [
      /\bintra-?nasal(?:ly)?\b|\bnasal(?:ly)?\s+(?:spray|administration|route|delivery|device)s?\b|\bspravato\b|\bESK-NS\b/i,
    ],
    mesh: ['Administration, Intranasal'],
    sameSentence: ROUTE_CONTEXT,
    precedence: 0,
    rationale:
      'Esketamine is licensed as a nasal spray (Spravato); racemic ketamine is also given intranasally.',
  },
  {
    id: 'route.intramuscular.named',
    tag: 'intramuscular',
    label: 'intramuscular or IM',
    fields: TEXT,
    patterns: [/\bintra-?muscular(?:ly)?\b|\bi\.m\.(?=[\s,;)])/i, /\bIM\b/],
    mesh: ['Injections, Intramuscular'],
    sameSentence: ROUTE_CONTEXT,
    precedence: 0,
    rationale: 'Intramuscular injection is common in office-based practice.',
  },
  {
    id: 'route.oral.named',
    tag: 'oral',
    label: 'oral ketamine',
    fields: TEXT,
    patterns: [
      /\boral(?:ly)?\s+(?:\w+[\s,-]+){0,3}?(?:(?:es|ar|[sr]-)?ketamine|formulations?|administration|route|doses?|dosing|solution|tablets?|capsules?)\b/i,
      /\b(?:(?:es|ar)?ketamine)\s+(?:was\s+|were\s+)?(?:given|administered|taken|dosed)\s+(?:\w+\s+)?orally\b|\bby mouth\b|\bper os\b/i,
      /\b(?:intra-?venous|intra-?nasal|sub-?cutaneous|intra-?muscular|sub-?lingual|IV|IN|IM|SC)\s*(?:,|and|or|\/)\s*(?:(?:\w+|possibly)\s*(?:,|and|or|\/)?\s*){0,4}?\boral\b|\boral\s*(?:,|and|or|\/)\s*(?:\w+\s*(?:,|and|or|\/)?\s*){0,4}?(?:intra-?venous|intra-?nasal|sub-?cutaneous|intra-?muscular|sub-?lingual)\b/i,
    ],
    sameSentence: ROUTE_CONTEXT,
    precedence: 0,
    rationale:
      'Oral ketamine is tried for access; MeSH "Administration, Oral" is not used because esketamine trials add an oral antidepressant.',
  },
  {
    id: 'route.sublingual.named',
    tag: 'sublingual',
    label: 'sublingual, lozenge or troche',
    fields: TEXT,
    patterns: [/\bsub-?lingual(?:ly)?\b|\blozenges?\b|\btroches?\b/i],
    mesh: ['Administration, Sublingual'],
    sameSentence: ROUTE_CONTEXT,
    precedence: 0,
    rationale: 'At-home and telehealth programmes use sublingual tablets or lozenges.',
  },
  {
    id: 'route.subcutaneous.named',
    tag: 'subcutaneous',
    label: 'subcutaneous or SC',
    fields: TEXT,
    patterns: [/\bsub-?cutaneous(?:ly)?\b|\bs\.c\.(?=[\s,;)])/i, /\bSC\b/],
    mesh: ['Injections, Subcutaneous'],
    sameSentence: ROUTE_CONTEXT,
    precedence: 0,
    rationale: 'Subcutaneous injection is used in trials (KADS) and palliative care.',
  },
  {
    id: 'route.other.named',
    tag: 'other',
    label: 'another route (intraperitoneal, intrathecal, transdermal, rectal, inhaled, buccal)',
    fields: TEXT,
    patterns: [
      /\bintra-?peritoneal(?:ly)?\b|\bi\.p\.(?=[\s,;)])|\bintrathecal\w*|\bepidural(?!\s+an(?:a)?esthe)\w*|\btransdermal\w*|\brectal(?:ly)?\b|\binhal(?:ed|ation)\b|\bbuccal\b|\bintracerebroventricular\w*/i,
    ],
    sameSentence: ROUTE_CONTEXT,
    precedence: 0,
    rationale: 'Animal studies inject intraperitoneally; other human routes are rare but should show.',
  },
];
