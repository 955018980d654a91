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
  const authors: Author[] = [];
  let chosen = false;
  let complete = true;
  for (const list of lists) {
    if ((attr(list, 'Type') ?? 'authors') !== 'authors') continue;
    chosen = true;
    for (const author of children(list, 'Author')) {
      if (attr(author, 'ValidYN') !== 'N') authors.push(mapAuthor(author));
    }
    if (attr(list, 'CompleteYN') === 'N') complete = false;
  }
  return chosen ? { authors, complete } : { authors: [], complete: null };
}

export function mapAuthor(author: XmlNode): Author {
  return {
    lastName: childText(author, 'LastName'),
    foreName: childText(author, 'ForeName'),
    initials: childText(author, 'Initials'),
    suffix: childText(author, 'Suffix'),
    collectiveName: childText(author, 'CollectiveName'),
    orcid: orcidOf(children(author, 'Identifier')),
    affiliations: affiliationsOf(children(author, 'AffiliationInfo')),
  };
}

function orcidOf(identifiers: XmlNode[]): string | null {
  for (const id of identifiers) {
    if (attr(id, 'Source')?.toUpperCase() === 'ORCID') return normalizeOrcid(text(id));
  }
  return null;
}

function affiliationsOf(infos: XmlNode[]): string[] {
  const affiliations: string[] = [];
  for (const info of infos) {
    const affiliation = childText(info, 'Affiliation');
    if (affiliation !== null) affiliations.push(affiliation);
  }
  return affiliations;
}

/** PubMed writes ORCIDs bare, as http(s)://orcid.org/ URLs, or without hyphens; keep the bare iD. */
export function normalizeOrcid(value: string | null): string | null {
  if (value === null) return null;
  const digits = /(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])\s*$/.exec(value);
  if (digits === null) return value;
  return `${digits[1]}-${digits[2]}-${digits[3]}-${(digits[4] ?? '').toUpperCase()}`;
}
