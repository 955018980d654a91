import { DigestError, type ErrorContext } from '../errors.ts';
import type { TagSource } from './normalise-input.ts';

/**
 * Checks one parsed JSON value from a `tag` input line: a parsed StudyRecord or the minimal form (pmid,
 * title, abstract; optional keywords, mesh, publicationTypes, retraction). A record without an abstract
 * is accepted (many PubMed records have none); anything else malformed is refused with the field named.
 */
export function validateTagSource(value: unknown, where: ErrorContext): TagSource {
  const refuse = (field: string, problem: string): never => {
    throw new DigestError('TAG_INPUT_INVALID', `${problem}; the study is not tagged`, {
      context: { ...where, field },
    });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse('(line)', 'expected a JSON object per line');
  }
  const record = value as Record<string, unknown>;
  const pmid = record.pmid;
  if (
    !(
      (typeof pmid === 'string' && pmid.trim() !== '') ||
      (typeof pmid === 'number' && Number.isInteger(pmid))
    )
  ) {
    return refuse('pmid', 'pmid must be a non-empty string or an integer');
  }
  const context = { ...where, pmid: String(pmid) };
  const refuseStudy = (field: string, problem: string): never => {
    throw new DigestError('TAG_INPUT_INVALID', `${problem}; the study is not tagged`, {
      context: { ...context, field },
    });
  };
  if (typeof record.title !== 'string') refuseStudy('title', 'title must be a string');
  const abstract = record.abstract;
  const sectionsOk =
    Array.isArray(abstract) &&
    abstract.every(
      (section) => typeof section === 'object' && section !== null && typeof section.text === 'string',
    );
  if (!(abstract === undefined || abstract === null || typeof abstract === 'string' || sectionsOk)) {
    refuseStudy('abstract', 'abstract must be a string, a list of {label, text} sections or null');
  }
  checkNames(record.keywords, 'keywords', null, refuseStudy);
  checkNames(record.mesh, 'mesh', 'descriptor', refuseStudy);
  checkNames(record.publicationTypes, 'publicationTypes', 'name', refuseStudy);
  checkNames(record.publication_types, 'publication_types', 'name', refuseStudy);
  const retraction = record.retraction;
  if (retraction !== undefined && retraction !== null) {
    const ok =
      typeof retraction === 'object' &&
      typeof (retraction as { retracted?: unknown }).retracted === 'boolean' &&
      Array.isArray((retraction as { notices?: unknown }).notices);
    if (!ok) refuseStudy('retraction', 'retraction must be {retracted: boolean, notices: [...]}');
  }
  return { ...(record as unknown as TagSource), pmid: String(pmid) };
}

/** A list of names, or of objects carrying the name in `key`. */
function checkNames(
  value: unknown,
  field: string,
  key: string | null,
  refuse: (field: string, problem: string) => never,
): void {
  if (value === undefined || value === null) return;
  const ok =
    Array.isArray(value) &&
    value.every(
      (item) =>
        typeof item === 'string' ||
        (key !== null &&
          typeof item === 'object' &&
          item !== null &&
          typeof (item as Record<string, unknown>)[key] === 'string'),
    );
  if (!ok)
    refuse(field, `${field} must be a list of ${key === null ? 'strings' : `names or {${key}} objects`}`);
}
