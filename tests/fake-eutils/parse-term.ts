import { parseDateBound } from './parse-date-bound.ts';

export type DateField = 'edat' | 'mdat' | 'pdat';

export interface DateWindow {
  field: DateField;
  min: number;
  max: number;
}

/** What the fake understands of a search term; every other word matches the whole corpus. */
export interface TermRestrictions {
  /** PMID ranges, inclusive; all of them apply (AND). */
  uidRanges: Array<readonly [number, number]>;
  /** Date windows, inclusive; all of them apply (AND). */
  dateWindows: DateWindow[];
  /** The word that makes the search find nothing, as written in the term. */
  phraseNotFound: string | null;
}

const DATE = String.raw`\d{4}(?:[/-]\d{1,2}(?:[/-]\d{1,2})?)?`;
const FIELDS: Record<string, DateField> = {
  edat: 'edat',
  'date - entry': 'edat',
  'entry date': 'edat',
  // Create date is usually the entry date's day; close enough for windows over a fixture corpus.
  crdt: 'edat',
  'date - create': 'edat',
  mdat: 'mdat',
  lr: 'mdat',
  'date - modification': 'mdat',
  'modification date': 'mdat',
  pdat: 'pdat',
  dp: 'pdat',
  'date - publication': 'pdat',
  'publication date': 'pdat',
};
const FIELD = String.raw`(edat|mdat|pdat|dp|crdt|lr|date\s*-\s*(?:entry|create|modification|publication)|(?:entry|modification|publication)\s+date)`;
const UID = String.raw`\[(?:uid|pmid)\]`;

// Longest forms first; each match is blanked out so a shorter form cannot match inside it.
const DATE_FORMS = [
  new RegExp(String.raw`"?(${DATE})"?\s*\[${FIELD}\]\s*:\s*"?(${DATE})"?\s*\[${FIELD}\]`, 'gi'),
  new RegExp(String.raw`"?(${DATE})"?\s*:\s*"?(${DATE})"?\s*\[${FIELD}\]`, 'gi'),
  new RegExp(String.raw`"?(${DATE})"?\s*\[${FIELD}\]`, 'gi'),
];
const UID_FORMS = [
  new RegExp(String.raw`"?(\d+)"?\s*${UID}\s*:\s*"?(\d+)"?\s*${UID}`, 'gi'),
  new RegExp(String.raw`"?(\d+)"?\s*:\s*"?(\d+)"?\s*${UID}`, 'gi'),
];

/**
 * The restrictions a pipeline uses to split a large search under the 9,999 cap: PMID ranges
 * (1:30000000[uid], EDirect's way) and date windows ("2020/01/01"[edat] : "2020/12/31"[edat] or
 * 2020/01/01:2020/12/31[edat], easyPubMed's way; also [dp]/[pdat] and [mdat]). Restrictions are ANDed
 * whatever operators surround them. The word nomatchxyz makes a search that finds nothing.
 */
export function parseTerm(term: string): TermRestrictions {
  let rest = term;
  const dateWindows: DateWindow[] = [];
  const [between, range, single] = DATE_FORMS as [RegExp, RegExp, RegExp];
  rest = blankOut(rest, between, (m) => addWindow(dateWindows, m[2], m[1], m[3]));
  rest = blankOut(rest, range, (m) => addWindow(dateWindows, m[3], m[1], m[2]));
  rest = blankOut(rest, single, (m) => addWindow(dateWindows, m[2], m[1], m[1]));

  const uidRanges: Array<readonly [number, number]> = [];
  for (const form of UID_FORMS) {
    rest = blankOut(rest, form, (m) => uidRanges.push([Number(m[1]), Number(m[2])]));
  }

  const phraseNotFound = /\bnomatchxyz\b/i.exec(rest)?.[0] ?? null;
  return { uidRanges, dateWindows, phraseNotFound };
}

type Groups = Array<string | undefined>;

function blankOut(text: string, form: RegExp, onMatch: (groups: Groups) => void): string {
  return text.replace(form, (whole: string, ...rest: unknown[]) => {
    // replace() passes the groups, then the offset (a number) and the whole input.
    const groups = rest.slice(0, -2) as Groups;
    onMatch([whole, ...groups]);
    return ' '.repeat(whole.length);
  });
}

function addWindow(windows: DateWindow[], fieldName?: string, from?: string, to?: string): void {
  const field =
    FIELDS[
      (fieldName ?? '')
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .replace(/\s*-\s*/, ' - ')
    ];
  const min = from === undefined ? null : parseDateBound(from, 'min');
  const max = to === undefined ? null : parseDateBound(to, 'max');
  if (field !== undefined && min !== null && max !== null) windows.push({ field, min, max });
}
