import type { StudyRecord } from '../records.ts';
import type { DigestStudy } from '../search/index.ts';
import type { StudyTags, TagEvidence, TagHit } from '../tag/index.ts';

/** Abstract text a study keeps for the pages that list it (the feed shows the first 400 characters). */
export const LISTED_ABSTRACT_CHARS = 400;
const LISTED_AUTHORS = 3;

/**
 * The part of a study every page but its own needs: cards, feeds, facets, similar-study features and the
 * search rows, without the abstract's full text, the other abstracts, all but the first authors, MeSH
 * qualifiers, the dates no list shows and the evidence behind each tag (its own page's "why"). A
 * 100,000-study build keeps these for every study on its main thread, and the full records nowhere; the
 * pages made from a slim study are byte for byte the pages made from the full one (tests/render).
 */
export function slimStudy(study: DigestStudy): DigestStudy {
  return { ...study, record: slimRecord(study.record), tags: slimTags(study.tags) };
}

/** Evidence a slim study's tags carry: none (only the study's own page shows why a tag was given). */
const NO_EVIDENCE: TagEvidence = { rule: '', field: null, match: null };

function slimTags(tags: StudyTags): StudyTags {
  const hit = <Id extends string>({ id }: TagHit<Id>): TagHit<Id> => ({ id, evidence: NO_EVIDENCE });
  return {
    ...tags,
    relevance: { ...tags.relevance, evidence: [] },
    topics: tags.topics.map(hit),
    routes: tags.routes.map(hit),
    substances: tags.substances.map(hit),
    populations: tags.populations.map(hit),
    comparator: hit(tags.comparator),
    design: hit(tags.design),
    n: tags.n === null ? null : { value: tags.n.value, evidence: NO_EVIDENCE },
    regimen: hit(tags.regimen),
    flags: tags.flags.map(hit),
  };
}

function slimRecord(record: StudyRecord): StudyRecord {
  const text = record.abstract
    .map((section) => section.text)
    .join(' ')
    .slice(0, LISTED_ABSTRACT_CHARS);
  return {
    ...record,
    abstract: text === '' ? [] : [{ label: null, category: null, text, html: '' }],
    otherAbstracts: [],
    authors: record.authors.slice(0, LISTED_AUTHORS).map((author) => ({ ...author, affiliations: [] })),
    // Lists and feeds sort by the entrez date; similar studies match on descriptors.
    dates: { entrez: record.dates.entrez, pubmed: record.dates.pubmed, medline: null, revised: null },
    mesh: record.mesh.map((heading) => ({ ...heading, qualifiers: [] })),
    book: record.book ? { ...record.book, editors: [] } : record.book,
  };
}
