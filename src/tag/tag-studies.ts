import type { TagSource } from './normalise-input.ts';
import type { TagRuleSet } from './rule-types.ts';
import { defaultRules } from './rules/default-rules.ts';
import { tagStudy } from './tag-study.ts';
import type { StudyTags } from './types.ts';

/** Tags for a batch, in input order. Rules are compiled once per table, so batches cost no more per study. */
export function tagStudies(sources: Iterable<TagSource>, rules: TagRuleSet = defaultRules): StudyTags[] {
  const tags: StudyTags[] = [];
  for (const source of sources) tags.push(tagStudy(source, rules));
  return tags;
}
