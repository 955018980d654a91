import type { TagRule } from './rule-types.ts';
import type { StudyContext } from './study-context.ts';
import type { TagEvidence } from './types.ts';
import { type ScreenedPattern, screenPattern } from './word-prefilter.ts';

/** Longest matched text kept in the evidence; enough to recognise the cue in the abstract. */
const MAX_MATCH_CHARS = 120;

/**
 * The first place a rule's cue occurs in a study, or null. Curated signals (publication types, MeSH) are
 * checked before free text because NLM indexers assigned them on purpose; then each text field in the
 * rule's order, skipping matches inside a negative pattern's span or outside a required sentence. Rows
 * with `minMatches` need that many matches outside the title (one in the title is enough).
 */
export function findCue(rule: TagRule, context: StudyContext): TagEvidence | null {
  if (rule.designs !== undefined && (context.design === null || !rule.designs.includes(context.design)))
    return null;
  const cue = cueOf(rule);
  if (cue.publicationTypes !== null && context.publicationTypeNames.size > 0) {
    for (const name of cue.publicationTypes) {
      const found = context.publicationTypeNames.get(name);
      if (found !== undefined) return { rule: rule.id, field: 'publicationTypes', match: found };
    }
  }
  if (cue.mesh !== null && context.meshNames.size > 0) {
    for (const name of cue.mesh) {
      const found = context.meshNames.get(name);
      if (found !== undefined) return { rule: rule.id, field: 'mesh', match: found };
    }
  }
  const { patterns } = cue;
  if (patterns.length === 0) {
    // A row keyed on the design alone (reviews have no single regimen) cites the design it follows from.
    return cue.byDesignOnly ? { rule: rule.id, field: null, match: `design: ${context.design}` } : null;
  }
  const needed = rule.minMatches ?? 1;
  let first: TagEvidence | null = null;
  let count = 0;
  for (const field of rule.fields) {
    let masked: Array<[number, number]> | null = null;
    let found: TagEvidence | null = null;
    for (const pattern of patterns) {
      context.eachMatch(field, pattern, (match) => {
        const start = match.index;
        masked ??= cue.negatives.flatMap((negative) => context.masked(field, negative));
        if (overlaps(masked, start, start + match[0].length)) return false;
        if (rule.sameSentence !== undefined && !sentenceMatches(context, field, start, rule.sameSentence)) {
          return false;
        }
        const evidence: TagEvidence = { rule: rule.id, field, match: clip(match[0].trim()) };
        // A cue in the title states what the study is about; elsewhere a topic must recur to count.
        if (field === 'title') {
          found = evidence;
          return true;
        }
        first ??= evidence;
        count++;
        if (count >= needed) found = first;
        return found !== null;
      });
      if (found !== null) return found;
    }
  }
  return null;
}

/** What findCue reads of a rule besides its plain fields, worked out once per rule (rules are not changed). */
interface Cue {
  /** MeSH and publication type names as the context keys them (lower case); null: the rule has none. */
  publicationTypes: string[] | null;
  mesh: string[] | null;
  patterns: ScreenedPattern[];
  negatives: RegExp[];
  byDesignOnly: boolean;
}

const cues = new WeakMap<TagRule, Cue>();

function cueOf(rule: TagRule): Cue {
  let cue = cues.get(rule);
  if (cue === undefined) {
    cue = {
      publicationTypes: rule.publicationTypes?.map((name) => name.toLowerCase()) ?? null,
      mesh: rule.mesh?.map((name) => name.toLowerCase()) ?? null,
      patterns: combinedPatterns(rule.patterns),
      negatives: rule.negativePatterns ?? [],
      byDesignOnly:
        rule.designs !== undefined &&
        (rule.mesh ?? []).length === 0 &&
        (rule.publicationTypes ?? []).length === 0,
    };
    cues.set(rule, cue);
  }
  return cue;
}

const combined = new WeakMap<RegExp[], ScreenedPattern[]>();
const NO_PATTERNS: ScreenedPattern[] = [];

/**
 * A rule's patterns joined into one alternation per flag set: one scan of the text instead of one per
 * pattern (scans, not alternatives, are what tagging time is made of). The evidence is then the
 * leftmost match of any of the rule's patterns. Keyed by the pattern list, which copies of a rule
 * restricted to fewer fields (decide-relevance.ts) share, so they share the compiled alternation too.
 */
function combinedPatterns(patterns: RegExp[] | undefined): ScreenedPattern[] {
  if (patterns === undefined) return NO_PATTERNS;
  let joined = combined.get(patterns);
  if (joined === undefined) {
    const byFlags = new Map<string, string[]>();
    for (const pattern of patterns) {
      const flags = pattern.flags.replace(/[gy]/g, '');
      byFlags.set(flags, [...(byFlags.get(flags) ?? []), pattern.source]);
    }
    joined = [...byFlags].map(([flags, sources]) => screenPattern(new RegExp(sources.join('|'), flags)));
    combined.set(patterns, joined);
  }
  return joined;
}

function overlaps(spans: Array<[number, number]>, start: number, end: number): boolean {
  return spans.some(([from, to]) => start < to && end > from);
}

function sentenceMatches(
  context: StudyContext,
  field: 'title' | 'abstract' | 'keywords',
  at: number,
  required: RegExp,
) {
  const span = context.sentences(field).find(([from, to]) => at >= from && at < to);
  if (span === undefined) return false;
  required.lastIndex = 0;
  return required.test(context.text[field].slice(span[0], span[1]));
}

function clip(text: string): string {
  return text.length <= MAX_MATCH_CHARS ? text : `${text.slice(0, MAX_MATCH_CHARS - 1)}…`;
}
