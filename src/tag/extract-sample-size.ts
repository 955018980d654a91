import { parseCount } from './parse-count.ts';
import type { SampleSizeRule } from './rule-types.ts';
import type { StudyContext } from './study-context.ts';
import type { DesignId, SampleSize } from './types.ts';
import { type ScreenedPattern, screenPattern } from './word-prefilter.ts';

/** Counts above this are registry or claims denominators, not a sample; below 1 is no sample. */
const MAX_PLAUSIBLE_N = 5_000_000;

/** A row with its patterns screened (word-prefilter.ts), in the order rows are tried. */
interface SampleSizeRow {
  rule: SampleSizeRule;
  patterns: ScreenedPattern[];
}

const byPrecedence = new WeakMap<SampleSizeRule[], SampleSizeRow[]>();

/**
 * The study's n from the highest-precedence row that finds a plausible count (the row's first match, or
 * its largest where totals and arm sizes share a wording), or null when the abstract states none.
 */
export function extractSampleSize(
  rules: SampleSizeRule[],
  context: StudyContext,
  design: DesignId,
): SampleSize | null {
  let sorted = byPrecedence.get(rules);
  if (sorted === undefined) {
    sorted = [...rules]
      .sort((a, b) => b.precedence - a.precedence)
      .map((rule) => ({ rule, patterns: rule.patterns.map(screenPattern) }));
    byPrecedence.set(rules, sorted);
  }
  for (const { rule, patterns } of sorted) {
    if (rule.designs !== undefined && !rule.designs.includes(design)) continue;
    for (const field of rule.fields) {
      // Masks are worked out at the first candidate count: most rows find none in most fields.
      let masked: Array<[number, number]> | null = null;
      let best: SampleSize | null = null;
      for (const pattern of patterns) {
        let done = false;
        context.eachMatch(field, pattern, (match) => {
          const start = match.index;
          masked ??= (rule.negativePatterns ?? []).flatMap((negative) => context.masked(field, negative));
          if (masked.some(([from, to]) => start < to && start + match[0].length > from)) return false;
          const value = rule.value ?? parseCount(match.groups?.n ?? '');
          if (value === null || value < 1 || value > MAX_PLAUSIBLE_N) return false;
          if (best === null || (rule.pick === 'largest' && value > best.value)) {
            best = { value, evidence: { rule: rule.id, field, match: match[0].trim() } };
          }
          done = rule.pick !== 'largest';
          return done;
        });
        if (done) return best;
      }
      if (best !== null) return best;
    }
  }
  return null;
}
