import type { TagRule } from '../rule-types.ts';

/**
 * Retraction flag. The parsed record's retraction field (publication types and CommentsCorrections
 * notices) is read first in flag-retraction.ts; these rows catch inputs that carry only names or a title.
 */
export const retractionRules: TagRule<'retracted'>[] = [
  {
    id: 'flag.retracted.publication-type',
    tag: 'retracted',
    label: 'publication type "Retracted Publication"',
    fields: ['title'],
    publicationTypes: ['Retracted Publication'],
    precedence: 0,
    rationale: 'NLM marks the retracted article itself with this publication type.',
  },
  {
    id: 'flag.retracted.title',
    tag: 'retracted',
    label: 'title marked as retracted',
    fields: ['title'],
    patterns: [/^\s*\[?retracted\]?\s*[:.-](?=\s*\S)/i],
    precedence: 0,
    rationale: 'Some journals prefix the title of a retracted article with "RETRACTED:".',
  },
];
