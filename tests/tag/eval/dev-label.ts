/**
 * One line of tests/tag/labels/dev-set.jsonl: a study's PMID, where its text lives in ../shared/fixtures,
 * and the tags a person gave it by reading it against PRODUCT.md section 5. Families other than relevance
 * and design are labelled for on-topic studies only (null otherwise).
 */
export interface DevLabel {
  pmid: string;
  /** Path under ../shared/fixtures, e.g. ketamine/on_topic.jsonl. */
  fixture: string;
  /** `tune`: read while writing rules; `check`: labelled at the same time but looked at only at the end. */
  split: 'tune' | 'check';
  relevance: 'on-topic' | 'off-topic';
  offTopicReason?: string;
  design: string;
  topics?: string[];
  routes?: string[];
  substances?: string[];
  populations?: string[];
  comparator?: string;
  n?: number | null;
  regimen?: string;
  /** For XML fixtures: whether the record is retracted. */
  retracted?: boolean;
}
