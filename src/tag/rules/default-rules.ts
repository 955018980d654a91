import type { TagRuleSet } from '../rule-types.ts';
import { comparatorRules } from './comparator-rules.ts';
import { designRules } from './design-rules.ts';
import { evidenceLevelTable } from './evidence-level-table.ts';
import { populationRules } from './population-rules.ts';
import { regimenRules } from './regimen-rules.ts';
import { relevanceRules } from './relevance-rules.ts';
import { retractionRules } from './retraction-rules.ts';
import { routeRules } from './route-rules.ts';
import { sampleSizeRules } from './sample-size-rules.ts';
import { substanceRules } from './substance-rules.ts';
import { topicRules } from './topic-rules.ts';

/** The ketamine/depression configuration: every table the engine applies by default. */
export const defaultRules: TagRuleSet = {
  relevance: relevanceRules,
  topics: topicRules,
  routes: routeRules,
  substances: substanceRules,
  populations: populationRules,
  comparator: comparatorRules,
  design: designRules,
  regimen: regimenRules,
  sampleSize: sampleSizeRules,
  evidenceLevels: evidenceLevelTable,
  retraction: retractionRules,
};
