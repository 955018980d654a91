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
  const substance = firstCue(rules, 'substance', context);
  if (substance === null) return { id: 'off-topic', reason: NO_SUBSTANCE_REASON, evidence: [] };

  const exclusions = rules.filter((rule) => rule.role === 'exclusion');
  const inTitle = (rule: RelevanceRule) => findCue(restrictTo(rule, ['title']), context);
  const inAbstract = (rule: RelevanceRule) => findCue(restrictTo(rule, ['abstract']), context);

  const titleCondition = firstCue(
    rules.filter((rule) => rule.fields.includes('title')),
    'condition',
    context,
    ['title'],
  );
  if (titleCondition !== null) {
    for (const rule of exclusions.filter((row) => row.overridesTitleCondition === true)) {
      const cue = inTitle(rule);
      if (cue !== null) return offTopic(rule, cue);
    }
    return { id: 'on-topic', reason: ON_TOPIC_REASON, evidence: [substance, titleCondition] };
  }
  for (const rule of exclusions) {
    const cue = inTitle(rule);
    if (cue !== null) return offTopic(rule, cue);
  }
  for (const rule of exclusions.filter((row) => row.strength === 'strong')) {
    const cue = inAbstract(rule);
    if (cue !== null) return offTopic(rule, cue);
  }
  const condition = firstCue(rules, 'condition', context);
  if (condition !== null)
    return { id: 'on-topic', reason: ON_TOPIC_REASON, evidence: [substance, condition] };
  for (const rule of exclusions.filter((row) => row.strength !== 'strong')) {
    const cue = inAbstract(rule);
    if (cue !== null) return offTopic(rule, cue);
  }
  return { id: 'off-topic', reason: NO_CONDITION_REASON, evidence: [substance] };
}

function offTopic(rule: RelevanceRule, cue: TagEvidence): RelevanceTag {
  return { id: 'off-topic', reason: rule.reason ?? NO_CONDITION_REASON, evidence: [cue] };
}

function firstCue(
  rules: RelevanceRule[],
  role: RelevanceRule['role'],
  context: StudyContext,
  fields?: TextField[],
): TagEvidence | null {
  for (const rule of rules) {
    if (rule.role !== role) continue;
    const cue = findCue(fields === undefined ? rule : restrictTo(rule, fields), context);
    if (cue !== null) return cue;
  }
  return null;
}

const restricted = new WeakMap<RelevanceRule, Map<string, RelevanceRule>>();

/**
 * The same rule searching fewer fields (and, for the title, no MeSH), cached so its patterns keep their
 * compiled global versions.
 */
function restrictTo(rule: RelevanceRule, fields: TextField[]): RelevanceRule {
  let byKey = restricted.get(rule);
  if (byKey === undefined) {
    byKey = new Map();
    restricted.set(rule, byKey);
  }
  const key = fields.join(',');
  let narrowed = byKey.get(key);
  if (narrowed === undefined) {
    narrowed = {
      ...rule,
      fields: rule.fields.filter((field) => fields.includes(field)),
      mesh: [],
      publicationTypes: [],
    };
    byKey.set(key, narrowed);
  }
  return narrowed;
}
