import { applyMultiLabel } from './apply-multi-label.ts';
import type { TagRule } from './rule-types.ts';
import type { StudyContext } from './study-context.ts';
import type { FlagId, TagHit } from './types.ts';

/**
 * The `retracted` flag: from the parsed record's retraction field when present (publication types and
 * CommentsCorrections notices, decided by the parse stage), else from the rows (publication type, title).
 */
export function flagRetraction(rules: TagRule<'retracted'>[], context: StudyContext): TagHit<FlagId>[] {
  const { retracted, retractionNotices } = context.input;
  if (retracted) {
    const match = retractionNotices.length > 0 ? retractionNotices.join(', ') : 'retracted';
    return [{ id: 'retracted', evidence: { rule: 'flag.retracted.record', field: 'retraction', match } }];
  }
  return applyMultiLabel(rules, context);
}
