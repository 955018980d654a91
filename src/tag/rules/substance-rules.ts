import type { TagRule } from '../rule-types.ts';
import { OPENING_BACKGROUND, sentenceWith } from './shared-patterns.ts';

/**
 * Substances (multi-label). Sentences that define the enantiomers ("esketamine, the S-enantiomer of
 * ketamine") say nothing about what was given, so they are masked for every row.
 */
const DEFINITION_SENTENCE = sentenceWith(
  `enantiomers?|isomers?|mixture of|chiral|stereoisomers?|contains?|consists? of|composed of`,
);

export const substanceRules: TagRule<string>[] = [
  {
    id: 'substance.esketamine.name',
    tag: 'esketamine',
    label: 'esketamine, S-ketamine or Spravato',
    fields: ['title', 'abstract'],
    patterns: [
      /\besketamine\b|\bes-ketamine\b|\bspravato\b|\bketanest\b/i,
      /(?:\bS|\(S\))\s?(?:\(\+\)|\+)?\s?-\s?ketamine\b/i,
      /\bESK(?:-NS|-IN)?\b/,
    ],
    negativePatterns: [DEFINITION_SENTENCE],
    precedence: 0,
    rationale: 'The S-enantiomer, licensed as Spravato nasal spray.',
  },
  {
    id: 'substance.arketamine.name',
    tag: 'arketamine',
    label: 'arketamine or R-ketamine',
    fields: ['title', 'abstract'],
    patterns: [/\barketamine\b|\bPCN-101\b/i, /(?:\bR|\(R\))\s?(?:\(-\)|-)?\s?-\s?ketamine\b/i],
    negativePatterns: [DEFINITION_SENTENCE],
    precedence: 0,
    rationale: 'The R-enantiomer, in early trials.',
  },
  {
    id: 'substance.racemic-ketamine.explicit',
    tag: 'racemic-ketamine',
    label: 'racemic ketamine named as such',
    fields: ['title', 'abstract'],
    patterns: [
      /\bracemic\s+ketamine\b|\bketamine\s+racemate\b|\(R,\s?S\)-ketamine\b|\bR,\s?S-ketamine\b|\bketalar\b|\(±\)-ketamine/i,
    ],
    negativePatterns: [DEFINITION_SENTENCE],
    precedence: 0,
    rationale: 'Explicit racemate, also when compared with esketamine.',
  },
  {
    id: 'substance.racemic-ketamine.title',
    tag: 'racemic-ketamine',
    label: '"ketamine" in the title',
    fields: ['title'],
    patterns: [/(?<![\w\-)+/])ketamine\b/i],
    precedence: 0,
    rationale: 'Plain "ketamine" in a title means the racemate, the generic drug.',
  },
  {
    id: 'substance.racemic-ketamine.abstract',
    tag: 'racemic-ketamine',
    label: '"ketamine" in the abstract',
    fields: ['abstract'],
    patterns: [/(?<![\w\-)+/])ketamine\b/i],
    negativePatterns: [DEFINITION_SENTENCE, OPENING_BACKGROUND],
    suppressedBy: { tags: ['esketamine', 'arketamine'], fields: ['title'] },
    precedence: 0,
    rationale:
      'Plain "ketamine" means the racemate, except in studies whose title names an enantiomer: there it is background.',
  },
];
