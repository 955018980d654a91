/**
 * The tag stage: rules as data (rules/), a small pure engine that applies them and records for every tag
 * the rule, field and matched text, and the `tag` command.
 */
export { createTagPool, type TagPool } from './create-tag-pool.ts';
export type { MinimalStudy, TagSource } from './normalise-input.ts';
export { normaliseInput } from './normalise-input.ts';
export type {
  DesignRule,
  EvidenceLevelRow,
  RelevanceRule,
  SampleSizeRule,
  TagRule,
  TagRuleSet,
  TextField,
} from './rule-types.ts';
export { defaultRules } from './rules/default-rules.ts';
export { runTagCommand, type TagCommandIo } from './run-tag-command.ts';
export { tagStudies } from './tag-studies.ts';
export { tagStudy } from './tag-study.ts';
export type * from './types.ts';
export { validateTagSource } from './validate-tag-source.ts';
