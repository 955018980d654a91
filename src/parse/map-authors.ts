import type { Author } from '../records.ts';
import { attr, children, childText, text, type XmlNode } from './xml-node.ts';

export interface AuthorListParts {
  authors: Author[];
  /** AuthorList@CompleteYN; the DTD default is Y, so a list without the attribute is complete. */
  complete: boolean | null;
}

/**
 * Authors of the lists whose Type is `authors` (or unset); a book's editors are a separate list. Names
 * NLM marked ValidYN="N" (superseded misspellings, hidden on PubMed too) are left out.
 */
export function mapAuthors(lists: XmlNode[]): AuthorListParts {
  const chosen = lists.filter((list) => (attr(list, 'Type') ?? 'authors') === 'authors');
  if (chosen.length === 0) return { authors: [], complete: null };
  const authors = chosen.flatMap((list) =>
    children(list, 'Author')
      .filter((author) => attr(author, 'ValidYN') !== 'N')
      .map(mapAuthor),
  );
  const complete = chosen.every((list) => attr(list, 'CompleteYN') !== 'N');
  return { authors, complete };
}

export function mapAuthor(author: XmlNode): Author {
  const orcid = children(author, 'Identifier').find((id) => attr(id, 'Source')?.toUpperCase() === 'ORCID');
  return {
    lastName: childText(author, 'LastName'),
    foreName: childText(author, 'ForeName'),
    initials: childText(author, 'Initials'),
    suffix: childText(author, 'Suffix'),
    collectiveName: childText(author, 'CollectiveName'),
    orcid: orcid === undefined ? null : normalizeOrcid(text(orcid)),
    affiliations: children(author, 'AffiliationInfo')
      .map((info) => childText(info, 'Affiliation'))
      .filter((affiliation): affiliation is string => affiliation !== null),
  };
}

/** PubMed writes ORCIDs bare, as http(s)://orcid.org/ URLs, or without hyphens; keep the bare iD. */
export function normalizeOrcid(value: string | null): string | null {
  if (value === null) return null;
  const digits = /(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])\s*$/.exec(value);
  if (digits === null) return value;
  return `${digits[1]}-${digits[2]}-${digits[3]}-${(digits[4] ?? '').toUpperCase()}`;
}
