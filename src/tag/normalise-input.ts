import type { AbstractSection, Retraction, StudyRecord } from '../records.ts';
import type { TagInput } from './types.ts';

/**
 * The minimal JSONL form `tag` accepts besides parsed records: pmid, title and abstract (a string, or
 * sections), optionally keywords, MeSH and publication types as names or as the parse stage's objects.
 * `publication_types` is accepted because the PubMed exports in circulation spell it so.
 */
export interface MinimalStudy {
  pmid: string;
  title: string;
  abstract?: string | AbstractSection[] | null;
  keywords?: string[] | null;
  mesh?: Array<string | { descriptor: string }> | null;
  publicationTypes?: Array<string | { name: string }> | null;
  publication_types?: Array<string | { name: string }> | null;
  retraction?: Retraction | null;
}

export type TagSource = StudyRecord | MinimalStudy;

/** One internal shape for both inputs, so every rule reads the same fields. */
export function normaliseInput(source: TagSource): TagInput {
  const publicationTypes =
    source.publicationTypes ?? ('publication_types' in source ? source.publication_types : null) ?? [];
  const retraction = source.retraction ?? null;
  return {
    pmid: String(source.pmid),
    title: plain(source.title),
    abstract: plain(abstractText(source.abstract ?? null)),
    keywords: source.keywords ?? [],
    mesh: (source.mesh ?? []).map((heading) => (typeof heading === 'string' ? heading : heading.descriptor)),
    publicationTypes: publicationTypes.map((type) => (typeof type === 'string' ? type : type.name)),
    retracted: retraction?.retracted === true,
    retractionNotices: (retraction?.notices ?? [])
      .filter((notice) => notice.type === 'RetractionIn' || notice.type === 'RetractedPublication')
      .map((notice) => (notice.pmid === null ? notice.type : `${notice.type} ${notice.pmid}`)),
  };
}

/**
 * Publishers' typographic hyphens (U+2010, U+2011) and no-break spaces become their ASCII forms, so one
 * pattern for "open-label" serves every journal. Nothing else changes.
 */
function plain(text: string): string {
  return text.replace(/[\u2010\u2011]/g, '-').replace(/[\u00a0\u2007\u202f]/g, ' ');
}

/**
 * Structured abstracts keep their labels ("METHODS: ...") as PubMed's own text export does: design
 * rules and the background mask read them.
 */
function abstractText(abstract: string | AbstractSection[] | null): string {
  if (abstract === null) return '';
  if (typeof abstract === 'string') return abstract;
  return abstract
    .map((section) =>
      section.label === null || section.label === ''
        ? section.text
        : `${section.label.toUpperCase()}: ${section.text}`,
    )
    .join(' ');
}
