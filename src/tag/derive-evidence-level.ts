import type { DesignRule, EvidenceLevelRow } from './rule-types.ts';
import type { DesignId, EvidenceLevelTag } from './types.ts';

/** The level of a design, from the design rule itself when it sets one (observational subtypes), else the table. */
export function deriveEvidenceLevel(
  table: EvidenceLevelRow[],
  design: DesignId,
  rule: DesignRule | null,
): EvidenceLevelTag {
  if (rule?.evidenceLevel !== undefined) {
    return {
      level: rule.evidenceLevel,
      reason: rule.levelReason ?? `${design}: level ${rule.evidenceLevel}`,
    };
  }
  const row = table.find((entry) => entry.design === design);
  return row === undefined
    ? { level: null, reason: `${design}: no evidence level defined` }
    : { level: row.level, reason: row.reason };
}
