import { applyMultiLabel } from './apply-multi-label.ts';
import { applySingleLabel } from './apply-single-label.ts';
import { decideRelevance } from './decide-relevance.ts';
import { deriveEvidenceLevel } from './derive-evidence-level.ts';
import { extractSampleSize } from './extract-sample-size.ts';
import { flagRetraction } from './flag-retraction.ts';
import { normaliseInput, type TagSource } from './normalise-input.ts';
import type { TagRuleSet } from './rule-types.ts';
import { defaultRules } from './rules/default-rules.ts';
import { createStudyContext } from './study-context.ts';
import type {
  ComparatorId,
  DesignId,
  PopulationId,
  RegimenId,
  RouteId,
  StudyTags,
  SubstanceId,
  TagEvidence,
  TagHit,
} from './types.ts';

/** Evidence for a family's default, which no text produced. */
function defaultEvidence(rule: string): TagEvidence {
  return { rule, field: null, match: null };
}

/**
 * All tags of one study, each with the rule, field and text that produced it. Pure: the same input and
 * rules always give the same output, and nothing outside is read or written.
 */
export function tagStudy(source: TagSource, rules: TagRuleSet = defaultRules): StudyTags {
  const context = createStudyContext(normaliseInput(source));

  const designHit = applySingleLabel(rules.design, context);
  const design: TagHit<DesignId> =
    designHit === null
      ? { id: 'other', evidence: defaultEvidence('design.default-other') }
      : { id: designHit.rule.tag, evidence: designHit.evidence };
  context.design = design.id;

  const routes = applyMultiLabel(rules.routes, context) as TagHit<RouteId>[];
  const comparatorHit = applySingleLabel(rules.comparator, context);
  const regimenHit = applySingleLabel(rules.regimen, context);

  return {
    pmid: context.input.pmid,
    relevance: decideRelevance(rules.relevance, context),
    topics: applyMultiLabel(rules.topics, context),
    routes:
      routes.length > 0
        ? routes
        : [{ id: 'not-stated', evidence: defaultEvidence('route.default-not-stated') }],
    substances: applyMultiLabel(rules.substances, context) as TagHit<SubstanceId>[],
    populations: applyMultiLabel(rules.populations, context) as TagHit<PopulationId>[],
    comparator:
      comparatorHit === null
        ? { id: 'none', evidence: defaultEvidence('comparator.default-none') }
        : { id: comparatorHit.rule.tag as ComparatorId, evidence: comparatorHit.evidence },
    design,
    evidenceLevel: deriveEvidenceLevel(rules.evidenceLevels, design.id, designHit?.rule ?? null),
    n: extractSampleSize(rules.sampleSize, context, design.id),
    regimen:
      regimenHit === null
        ? { id: 'unknown', evidence: defaultEvidence('regimen.default-unknown') }
        : { id: regimenHit.rule.tag as RegimenId, evidence: regimenHit.evidence },
    flags: flagRetraction(rules.retraction, context),
  };
}
