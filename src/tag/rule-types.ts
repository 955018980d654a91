import type { DesignId, EvidenceLevel, TagField } from './types.ts';

/** The free-text fields a pattern can search. */
export type TextField = 'title' | 'abstract' | 'keywords';

/**
 * One row of a rule table: a cue that, when found, gives a study one tag. Rows are data so that a researcher
 * can read and extend them without reading the engine (STYLE.md "Rules are data").
 */
export interface TagRule<Id extends string = string> {
  /** Stable id shown in the evidence, `<family>.<tag>.<cue>`. */
  id: string;
  /** The tag the rule gives. */
  tag: Id;
  /** Human name of the cue, for the about page. */
  label: string;
  /** Text fields searched, in this order; the first field with a match gives the evidence. */
  fields: TextField[];
  /** Any one of these matching fires the rule. Flags other than `i`/`u` are ignored. */
  patterns?: RegExp[];
  /**
   * Spans these match are blanked before the patterns run, so a positive cue inside one does not count
   * ("respiratory depression" is not depression). To drop a whole sentence, match up to its full stop.
   */
  negativePatterns?: RegExp[];
  /** MeSH descriptor names (exact, case-insensitive) that fire the rule. */
  mesh?: string[];
  /** PubMed publication type names (exact, case-insensitive) that fire the rule. */
  publicationTypes?: string[];
  /**
   * How many matches (outside the title) the cue needs: a topic mentioned once in passing is not what the
   * study is about. Default 1.
   */
  minMatches?: number;
  /** The cue only counts in a sentence that also matches this (e.g. a route must be said of the drug). */
  sameSentence?: RegExp;
  /**
   * Do not fire when one of these tags already fired from one of these fields (esketamine in the title
   * makes a bare "ketamine" in the background no evidence of racemic ketamine).
   */
  suppressedBy?: { tags: string[]; fields: TagField[] };
  /** Only for studies of these designs (design is decided first); a review has no single regimen. */
  designs?: DesignId[];
  /** For one-of families (design, comparator, regimen): the firing rule with the highest precedence wins. */
  precedence: number;
  /** One line on why this cue means this tag. */
  rationale: string;
}

/** Relevance rows also say which part of the decision they feed (see decide-relevance.ts). */
export interface RelevanceRule extends TagRule<string> {
  /**
   * `substance`: a ketamine-family drug is named (required). `condition`: depression, suicidality or mood is
   * the studied condition. `exclusion`: the study is about something else; `reason` says what.
   */
  role: 'substance' | 'condition' | 'exclusion';
  /** For exclusions: the reader-facing reason, e.g. "ketamine only as anaesthetic or analgesic". */
  reason?: string;
  /**
   * For exclusions: `strong` ones (healthy volunteers, recreational users) decide even when the abstract
   * describes depressed patients; `overridesTitleCondition` ones decide even when the title names depression.
   */
  strength?: 'strong' | 'weak';
  overridesTitleCondition?: boolean;
}

/** A design rule may set the evidence level itself (observational designs split between levels 3 and 4). */
export interface DesignRule extends TagRule<DesignId> {
  evidenceLevel?: EvidenceLevel;
  levelReason?: string;
}

/** Evidence level per design (PRODUCT.md section 5), with the reason shown to readers. */
export interface EvidenceLevelRow {
  design: DesignId;
  level: EvidenceLevel | null;
  reason: string;
}

/**
 * A sample-size cue: each pattern captures the number (digits or words) in the group named `n`, or the row
 * gives a fixed `value`; for meta-analyses the group holds the pooled participants.
 */
export interface SampleSizeRule {
  id: string;
  label: string;
  fields: TextField[];
  /** Tried in order; each captures one count in the group `n` (a pattern cannot repeat a group name). */
  patterns: RegExp[];
  /** A fixed n when the pattern finds a description rather than a count ("a 49-year-old woman" is 1). */
  value?: number;
  /** Only for studies of these designs (a single patient means n = 1 only in a case report). */
  designs?: DesignId[];
  /** Which match wins when the row matches more than once: the first, or the largest (totals beat arms). */
  pick?: 'first' | 'largest';
  /** Spans these match are not searched (a previous study's sample, background). */
  negativePatterns?: RegExp[];
  precedence: number;
  rationale: string;
}

/** Every table the engine applies. `defaultRules` is the ketamine/depression configuration. */
export interface TagRuleSet {
  relevance: RelevanceRule[];
  topics: TagRule<string>[];
  routes: TagRule<string>[];
  substances: TagRule<string>[];
  populations: TagRule<string>[];
  comparator: TagRule<string>[];
  design: DesignRule[];
  regimen: TagRule<string>[];
  sampleSize: SampleSizeRule[];
  evidenceLevels: EvidenceLevelRow[];
  retraction: TagRule<'retracted'>[];
}
