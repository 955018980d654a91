/**
 * The tag stage's output (PRODUCT.md section 5) and its input. JSON-safe like src/records.ts: the export and
 * the site read these objects as they are. Every tag carries the evidence that produced it.
 */

/** Where a cue was found. `retraction` is the parsed record's retraction field (notices from CommentsCorrections). */
export type TagField = 'title' | 'abstract' | 'keywords' | 'mesh' | 'publicationTypes' | 'retraction';

/** Why a tag is there: the rule that fired, the field it fired on and the text it matched. */
export interface TagEvidence {
  rule: string;
  /** Null when no field produced the tag: a family's default (`not-stated`), or a row that follows from the design. */
  field: TagField | null;
  match: string | null;
}

export interface TagHit<Id extends string = string> {
  id: Id;
  evidence: TagEvidence;
}

export type RelevanceId = 'on-topic' | 'off-topic';

/** Default topic ids; topics are configuration, so a rule table may add others. */
export type TopicId =
  | 'mechanism'
  | 'efficacy'
  | 'safety'
  | 'dosing'
  | 'psychotherapy'
  | 'regulation-access'
  | 'long-term'
  | 'biomarkers'
  | 'suicidality';

export type RouteId =
  | 'intravenous'
  | 'intranasal'
  | 'intramuscular'
  | 'oral'
  | 'sublingual'
  | 'subcutaneous'
  | 'other'
  | 'not-stated';

export type SubstanceId = 'racemic-ketamine' | 'esketamine' | 'arketamine';

export type PopulationId =
  | 'treatment-resistant'
  | 'bipolar'
  | 'adolescent'
  | 'older-adult'
  | 'perinatal'
  | 'suicidal';

export type ComparatorId = 'placebo' | 'active-control' | 'none';

export type DesignId =
  | 'systematic-review'
  | 'rct'
  | 'non-randomized-trial'
  | 'observational'
  | 'case-series'
  | 'case-report'
  | 'qualitative'
  | 'protocol'
  | 'secondary-analysis'
  | 'narrative-review'
  | 'guideline'
  | 'preclinical'
  | 'commentary'
  | 'other';

export type RegimenId = 'single-dose' | 'repeated' | 'unknown';

export type EvidenceLevel = 1 | 2 | 3 | 4 | 5;

export type FlagId = 'retracted';

export interface RelevanceTag {
  id: RelevanceId;
  /** One sentence a reader of the about page understands, e.g. "ketamine only as anaesthetic or analgesic". */
  reason: string;
  /** The cues the decision rests on: the substance and condition for on-topic, the deciding cue for off-topic. */
  evidence: TagEvidence[];
}

export interface EvidenceLevelTag {
  /** 1 strongest .. 5; null when the design carries no level (protocol, qualitative, other). */
  level: EvidenceLevel | null;
  reason: string;
}

export interface SampleSize {
  value: number;
  evidence: TagEvidence;
}

/** One line of `evidence-digest tag`, and the tags the export and the site show. */
export interface StudyTags {
  pmid: string;
  relevance: RelevanceTag;
  topics: TagHit<string>[];
  /** Never empty: `not-stated` when no route is given. */
  routes: TagHit<RouteId>[];
  substances: TagHit<SubstanceId>[];
  populations: TagHit<PopulationId>[];
  comparator: TagHit<ComparatorId>;
  design: TagHit<DesignId>;
  evidenceLevel: EvidenceLevelTag;
  n: SampleSize | null;
  regimen: TagHit<RegimenId>;
  /** Beyond section 5: warnings a reader must see at once (issue 4: every retracted record flagged). */
  flags: TagHit<FlagId>[];
}

/**
 * The one shape the engine reads, whatever came in (a parsed StudyRecord or a minimal JSONL line). Text
 * fields are plain text; list fields hold names only.
 */
export interface TagInput {
  pmid: string;
  title: string;
  abstract: string;
  keywords: string[];
  mesh: string[];
  publicationTypes: string[];
  /** From the parsed record's retraction field; false when the input had none. */
  retracted: boolean;
  /** The notice types that made `retracted` true (e.g. RetractionIn), for the evidence. */
  retractionNotices: string[];
}
