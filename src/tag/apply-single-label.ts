import { findCue } from './find-cue.ts';
import type { TagRule } from './rule-types.ts';
import type { StudyContext } from './study-context.ts';
import type { TagEvidence } from './types.ts';

const byPrecedence = new WeakMap<TagRule[], TagRule[]>();

/**
 * The one tag of a one-of family: the firing rule with the highest precedence (table order breaks ties),
 * together with the rule itself so callers can read its extra columns. Null when no rule fires.
 */
export function applySingleLabel<Rule extends TagRule>(
  rules: Rule[],
  context: StudyContext,
): { rule: Rule; evidence: TagEvidence } | null {
  let sorted = byPrecedence.get(rules) as Rule[] | undefined;
  if (sorted === undefined) {
    sorted = rules
      .map((rule, index) => ({ rule, index }))
      .sort((a, b) => b.rule.precedence - a.rule.precedence || a.index - b.index)
      .map(({ rule }) => rule);
    byPrecedence.set(rules, sorted);
  }
  for (const rule of sorted) {
    const evidence = findCue(rule, context);
    if (evidence !== null) return { rule, evidence };
  }
  return null;
}
