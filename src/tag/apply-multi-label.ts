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
    if (isSuppressed(rule.suppressedBy, hits)) continue;
    const evidence = findCue(rule, context);
    if (evidence !== null) hits.set(rule.tag, { id: rule.tag, evidence });
  }
  const found: TagHit<Id>[] = [];
  for (const tag of tagOrder(rules)) {
    const hit = hits.get(tag);
    if (hit !== undefined) found.push(hit);
  }
  return found;
}

function isSuppressed<Id extends string>(
  { tags, fields }: NonNullable<TagRule['suppressedBy']>,
  hits: Map<Id, TagHit<Id>>,
): boolean {
  for (const hit of hits.values()) {
    if (tags.includes(hit.id) && hit.evidence.field !== null && fields.includes(hit.evidence.field))
      return true;
  }
  return false;
}

const tagOrders = new WeakMap<TagRule[], string[]>();

/** The family's tags in the order they first appear in the table, worked out once per table. */
function tagOrder<Id extends string>(rules: TagRule<Id>[]): Id[] {
  let order = tagOrders.get(rules);
  if (order === undefined) {
    order = [...new Set(rules.map((rule) => rule.tag))];
    tagOrders.set(rules, order);
  }
  return order as Id[];
}
