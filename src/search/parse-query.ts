import { analyseText, analyseWord, foldText, normalisePrefix } from './analyse-text.ts';
import { SYNONYM_GROUPS } from './synonyms.ts';

/**
 * One clause of a query. A study matches a clause when it holds every term of at least one alternative
 * (a synonym group gives several alternatives; a quoted phrase gives one with all its words), or, for a
 * prefix clause (`ketam*`), any indexed term starting with the prefix.
 */
export interface QueryClause {
  /** What the reader typed for this clause, for messages ("no study matched ..."). */
  text: string;
  negated: boolean;
  alternatives: string[][];
  prefix: string | null;
}

export interface ParsedQuery {
  clauses: QueryClause[];
  /** A bare PMID typed as the query. */
  pmid: string | null;
}

const EDGE = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Longest variants first, so "treatment-resistant depression" wins over a shorter variant inside it.
const variants = SYNONYM_GROUPS.flatMap((group, index) => group.map((variant) => ({ variant, index }))).sort(
  (a, b) => b.variant.length - a.variant.length,
);
const SYNONYM_PATTERN = new RegExp(
  `${EDGE}(${variants.map((v) => escapeRegExp(v.variant)).join('|')})${END}`,
  'gu',
);
const groupOf = new Map(variants.map((v) => [v.variant, v.index]));
const groupAlternatives = SYNONYM_GROUPS.map((group) => {
  const unique = new Map(
    group
      .map((variant) => analyseText(variant))
      .filter((terms) => terms.length > 0)
      .map((terms) => [terms.join(' '), terms]),
  );
  return [...unique.values()];
});

/**
 * The query language: words (all must match, in any field), "quoted phrases" (all their words), -word or
 * -"phrase" to exclude, word* for a prefix, and a bare PMID. Synonym variants (SYNONYM_GROUPS) anywhere in
 * the unquoted text become one clause matching any variant. Tolerant: unbalanced quotes and stray
 * operators are read as text, never as an error.
 */
export function parseQuery(query: string): ParsedQuery {
  const folded = foldText(query.normalize('NFKC')).trim();
  const pmid = /^\d{1,9}$/.test(folded) ? folded : null;
  const clauses: QueryClause[] = [];
  const pieces = folded.matchAll(/(-?)"([^"]*)"?|(-?)([^\s"]+)/g);
  let plain = '';
  const flushPlain = () => {
    if (plain.trim() !== '') clauses.push(...plainClauses(plain));
    plain = '';
  };
  for (const piece of pieces) {
    if (piece[2] !== undefined) {
      flushPlain();
      const terms = analyseText(piece[2]);
      const synonym = groupOf.get(piece[2].trim());
      const alternatives = synonym === undefined ? [terms] : (groupAlternatives[synonym] ?? [terms]);
      if (terms.length > 0)
        clauses.push({ text: piece[2], negated: piece[1] === '-', alternatives, prefix: null });
      continue;
    }
    const word = piece[4] ?? '';
    if (piece[3] === '-' && word !== '') {
      flushPlain();
      const terms = analyseText(word);
      if (terms.length > 0) clauses.push({ text: word, negated: true, alternatives: [terms], prefix: null });
    } else if (/^[\p{L}\p{N}][\p{L}\p{N}-]*\*$/u.test(word)) {
      flushPlain();
      const prefix = normalisePrefix(word.slice(0, -1));
      if (prefix.length >= 2) clauses.push({ text: word, negated: false, alternatives: [], prefix });
    } else {
      plain += `${piece[3] ?? ''}${word} `;
    }
  }
  flushPlain();
  return { clauses, pmid };
}

/** Unquoted text: synonym variants become one clause each, every other word its own clause. */
function plainClauses(text: string): QueryClause[] {
  const clauses: QueryClause[] = [];
  let last = 0;
  const words = (segment: string) => {
    for (const match of segment.matchAll(/[\p{L}\p{N}]+/gu)) {
      const term = analyseWord(match[0]);
      if (term !== null)
        clauses.push({ text: match[0], negated: false, alternatives: [[term]], prefix: null });
    }
  };
  for (const match of text.matchAll(SYNONYM_PATTERN)) {
    words(text.slice(last, match.index));
    const group = groupOf.get(match[0]);
    const alternatives = group === undefined ? [] : (groupAlternatives[group] ?? []);
    if (alternatives.length > 0) clauses.push({ text: match[0], negated: false, alternatives, prefix: null });
    last = (match.index ?? 0) + match[0].length;
  }
  words(text.slice(last));
  return clauses;
}
