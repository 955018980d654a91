import { findCue } from './find-cue.ts';
import type { RelevanceRule, TextField } from './rule-types.ts';
import type { StudyContext } from './study-context.ts';
import type { RelevanceTag, TagEvidence } from './types.ts';

const ON_TOPIC_REASON = 'a ketamine-family drug studied for depression, suicidality or mood';
const NO_SUBSTANCE_REASON = 'no ketamine, esketamine or arketamine named in the title or abstract';
const NO_CONDITION_REASON = 'ketamine without depression, suicidality or mood as the studied condition';

/**
 * On-topic or off-topic, in this order:
 *  1. no ketamine-family name in title or abstract: off-topic;
 *  2. the title names the condition: on-topic, unless the title also names an exclusion that outranks it
 *     (recreational users);
 *  3. the title names an exclusion (anaesthesia, healthy volunteers, another disorder): off-topic;
 *  4. the abstract names a strong exclusion (healthy volunteers, recreational users): off-topic;
 *  5. the abstract, keywords or MeSH name the condition: on-topic;
 *  6. the abstract names a weak exclusion: off-topic with that reason; otherwise off-topic, no condition.
 * Titles decide first because they state what a study is about; abstracts mention other conditions and
 * other uses of ketamine in passing.
 */
export function decideRelevance(rules: RelevanceRule[], context: StudyContext): RelevanceTag {
  const table = relevanceTable(rules);
  const substance = firstCue(table.substances, context);
  if (substance === null) return { id: 'off-topic', reason: NO_SUBSTANCE_REASON, evidence: [] };

  const titleCondition = firstCue(table.titleConditions, context);
  if (titleCondition !== null) {
    const override = firstExclusion(table.overridingInTitle, context);
    if (override !== null) return override;
    return { id: 'on-topic', reason: ON_TOPIC_REASON, evidence: [substance, titleCondition] };
  }
  const decided =
    firstExclusion(table.exclusionsInTitle, context) ?? firstExclusion(table.strongInAbstract, context);
  if (decided !== null) return decided;
  const condition = firstCue(table.conditions, context);
  if (condition !== null)
    return { id: 'on-topic', reason: ON_TOPIC_REASON, evidence: [substance, condition] };
  return (
    firstExclusion(table.weakInAbstract, context) ?? {
      id: 'off-topic',
      reason: NO_CONDITION_REASON,
      evidence: [substance],
    }
  );
}

/** The rows each step of the decision reads, restricted to the fields it searches. */
interface RelevanceTable {
  substances: RelevanceRule[];
  /** Condition rows that search the title, searching only the title. */
  titleConditions: RelevanceRule[];
  conditions: RelevanceRule[];
  overridingInTitle: RelevanceRule[];
  exclusionsInTitle: RelevanceRule[];
  strongInAbstract: RelevanceRule[];
  weakInAbstract: RelevanceRule[];
}

const tables = new WeakMap<RelevanceRule[], RelevanceTable>();

/** Worked out once per rule table, not per study. */
function relevanceTable(rules: RelevanceRule[]): RelevanceTable {
  let table = tables.get(rules);
  if (table === undefined) {
    const exclusions = rules.filter((rule) => rule.role === 'exclusion');
    const inTitle = (rule: RelevanceRule) => restrictTo(rule, ['title']);
    const inAbstract = (rule: RelevanceRule) => restrictTo(rule, ['abstract']);
    table = {
      substances: rules.filter((rule) => rule.role === 'substance'),
      titleConditions: rules
        .filter((rule) => rule.role === 'condition' && rule.fields.includes('title'))
        .map(inTitle),
      conditions: rules.filter((rule) => rule.role === 'condition'),
      overridingInTitle: exclusions.filter((rule) => rule.overridesTitleCondition === true).map(inTitle),
      exclusionsInTitle: exclusions.map(inTitle),
      strongInAbstract: exclusions.filter((rule) => rule.strength === 'strong').map(inAbstract),
      weakInAbstract: exclusions.filter((rule) => rule.strength !== 'strong').map(inAbstract),
    };
    tables.set(rules, table);
  }
  return table;
}

function firstCue(rules: RelevanceRule[], context: StudyContext): TagEvidence | null {
  for (const rule of rules) {
    const cue = findCue(rule, context);
    if (cue !== null) return cue;
  }
  return null;
}

function firstExclusion(rules: RelevanceRule[], context: StudyContext): RelevanceTag | null {
  for (const rule of rules) {
    const cue = findCue(rule, context);
    if (cue !== null) return offTopic(rule, cue);
  }
  return null;
}

function offTopic(rule: RelevanceRule, cue: TagEvidence): RelevanceTag {
  return { id: 'off-topic', reason: rule.reason ?? NO_CONDITION_REASON, evidence: [cue] };
}

/** The same rule searching fewer fields, and no MeSH or publication types. */
function restrictTo(rule: RelevanceRule, fields: TextField[]): RelevanceRule {
  return {
    ...rule,
    fields: rule.fields.filter((field) => fields.includes(field)),
    mesh: [],
    publicationTypes: [],
  };
}
