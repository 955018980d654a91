import { findCue } from './find-cue.ts';
import type { TagRule } from './rule-types.ts';
import type { StudyContext } from './study-context.ts';
import type { TagHit } from './types.ts';

/**
 * Every tag of a multi-label family whose cue occurs, in the order tags first appear in the table. A tag's
 * evidence comes from the first of its rows that fires, so tables list their strongest row first. Rows
 * with `suppressedBy` run after the others, because they depend on what those found.
 */
export function applyMultiLabel<Id extends string>(
  rules: TagRule<Id>[],
  context: StudyContext,
): TagHit<Id>[] {
  const hits = new Map<Id, TagHit<Id>>();
  for (const rule of rules) {
    if (rule.suppressedBy !== undefined || hits.has(rule.tag)) continue;
    const evidence = findCue(rule, context);
    if (evidence !== null) hits.set(rule.tag, { id: rule.tag, evidence });
  }
  for (const rule of rules) {
    if (rule.suppressedBy === undefined || hits.has(rule.tag)) continue;
    const { tags, fields } = rule.suppressedBy;
    const suppressed = [...hits.values()].some(
      (hit) => tags.includes(hit.id) && hit.evidence.field !== null && fields.includes(hit.evidence.field),
    );
    if (suppressed) continue;
    const evidence = findCue(rule, context);
    if (evidence !== null) hits.set(rule.tag, { id: rule.tag, evidence });
  }
  const order = [...new Set(rules.map((rule) => rule.tag))];
  return order.flatMap((tag) => {
    const hit = hits.get(tag);
    return hit === undefined ? [] : [hit];
  });
}
