import type { DatedRecord } from './corpus.ts';
import { type HandlerContext, intParam, type Params } from './handler-context.ts';
import {
  EMPTY_TERM,
  ESEARCH_PROLOG,
  escapeXml,
  esearchErrorXml,
  esearchJson,
  invalidDb,
  JSON_TYPE,
  RETSTART_TOO_LARGE,
  restrictionsAchieved,
  XML_TYPE,
} from './ncbi-bodies.ts';
import { formatDateBound, parseDateBound } from './parse-date-bound.ts';
import { type DateField, type DateWindow, parseTerm, type TermRestrictions } from './parse-term.ts';
import type { Reply } from './reply.ts';

/** PubMed esearch serves at most this many ids per search (since the 2022 back-end change). */
const CAP = 9999;
const DAY_MS = 86_400_000;
const DATE_LABELS: Record<DateField, string> = {
  edat: 'Date - Entry',
  mdat: 'Date - Modification',
  pdat: 'Date - Publication',
};
const CLOSE = '</eSearchResult>\n';

export function handleEsearch(params: Params, ctx: HandlerContext): Reply {
  const json = params.retmode?.toLowerCase() === 'json';
  const reply = (body: string): Reply => ({
    status: 200,
    contentType: json ? JSON_TYPE : XML_TYPE,
    body: [body],
    // A cut lands after the root opens and before it closes, so the body is always broken.
    cutMargins: json ? [1, 2] : [ESEARCH_PROLOG.length + '<eSearchResult>'.length, CLOSE.length],
  });
  const fail = (message: string): Reply =>
    reply(json ? esearchJson({ ERROR: message }) : esearchErrorXml(message));

  // pubmed is NCBI's default database.
  const db = params.db ?? 'pubmed';
  if (db.toLowerCase() !== 'pubmed') return fail(invalidDb(db));
  const term = (params.term ?? '').trim();
  if (term === '') return fail(EMPTY_TERM);

  const restrictions = parseTerm(term);
  const paramWindow = dateParameterWindow(params, ctx.now());
  const countOnly = params.rettype?.toLowerCase() === 'count';
  const notFound = restrictions.phraseNotFound;
  const matched = notFound === null ? ctx.corpus.search((r) => matches(r, restrictions, paramWindow)) : [];

  if (countOnly) {
    const count = String(matched.length);
    return reply(
      json ? esearchJson({ count }) : `${ESEARCH_PROLOG}<eSearchResult>\n\t<Count>${count}</Count>\n${CLOSE}`,
    );
  }

  const retstart = notFound === null ? intParam(params.retstart, 0) : 0;
  const retmax = intParam(params.retmax, 20);
  if (retstart > CAP - 1 && matched.length > CAP) {
    // NCBI's JSON for this one error escapes the apostrophes as \' , which is not valid JSON (seen live by
    // two public clients: the triplea README quotes it, another client's tests call it "malformed").
    return json
      ? reply(esearchJson({ ERROR: RETSTART_TOO_LARGE }).replaceAll("'", "\\'"))
      : fail(RETSTART_TOO_LARGE);
  }
  // A window reaching past position 9,999 is cut there, with a warning naming the adjusted numbers.
  const take = retstart + retmax > CAP ? Math.max(0, CAP - retstart) : retmax;
  const warning = retstart + retmax > CAP && notFound === null ? restrictionsAchieved(retstart, take) : null;
  const ids = matched.slice(retstart, retstart + take);
  const history = params.usehistory?.toLowerCase() === 'y' ? ctx.history.store(matched, params.webenv) : null;
  const translation =
    notFound !== null && term === notFound ? `(${term}[All Fields])` : queryTranslation(term, paramWindow);

  const result: Search = { count: matched.length, retstart, ids, history, translation, warning, notFound };
  return { ...reply(json ? renderJson(result) : renderXml(result)), idCount: ids.length };
}

interface Search {
  count: number;
  retstart: number;
  ids: string[];
  history: { webEnv: string; queryKey: string } | null;
  translation: string;
  warning: string | null;
  notFound: string | null;
}

/** Shape of biopython__esearch1.xml / esearch2.xml; the not-found tail is esearch8.xml's. */
function renderXml(s: Search): string {
  const history = s.history
    ? `<QueryKey>${s.history.queryKey}</QueryKey><WebEnv>${s.history.webEnv}</WebEnv>`
    : '';
  const ids =
    s.ids.length === 0 ? '<IdList/>' : `<IdList>\n${s.ids.map((id) => `<Id>${id}</Id>\n`).join('')}</IdList>`;
  const errors =
    s.notFound === null
      ? ''
      : `<ErrorList><PhraseNotFound>${escapeXml(s.notFound)}</PhraseNotFound></ErrorList>`;
  const message = s.notFound === null ? s.warning : 'No items found.';
  const warnings =
    message === null ? '' : `<WarningList><OutputMessage>${escapeXml(message)}</OutputMessage></WarningList>`;
  return (
    `${ESEARCH_PROLOG}<eSearchResult><Count>${s.count}</Count><RetMax>${s.ids.length}</RetMax>` +
    `<RetStart>${s.retstart}</RetStart>${history}${ids}<TranslationSet/>` +
    `<QueryTranslation>${escapeXml(s.translation)}</QueryTranslation>${errors}${warnings}${CLOSE}`
  );
}

/** NCBI's esearch JSON: every number a string, optional parts present only when they apply. */
function renderJson(s: Search): string {
  const result: Record<string, unknown> = {
    count: String(s.count),
    retmax: String(s.ids.length),
    retstart: String(s.retstart),
  };
  if (s.history) {
    result.querykey = s.history.queryKey;
    result.webenv = s.history.webEnv;
  }
  result.idlist = s.ids;
  result.translationset = [];
  result.querytranslation = s.translation;
  if (s.notFound !== null) result.errorlist = { phrasesnotfound: [s.notFound], fieldsnotfound: [] };
  const message = s.notFound === null ? s.warning : 'No items found.';
  if (message !== null) {
    result.warninglist = { phrasesignored: [], quotedphrasesnotfound: [], outputmessages: [message] };
  }
  return esearchJson(result);
}

function matches(
  record: DatedRecord,
  restrictions: TermRestrictions,
  paramWindow: DateWindow | null,
): boolean {
  for (const [low, high] of restrictions.uidRanges) {
    if (record.num < low || record.num > high) return false;
  }
  for (const window of restrictions.dateWindows) {
    if (!inWindow(record, window)) return false;
  }
  return paramWindow === null || inWindow(record, paramWindow);
}

function inWindow(record: DatedRecord, window: DateWindow): boolean {
  const date = record[window.field];
  return date >= window.min && date <= window.max;
}

/**
 * datetype with mindate and maxdate (both, else NCBI ignores them), or reldate (the last n days, today
 * included). Without datetype PubMed limits by publication date.
 */
function dateParameterWindow(params: Params, nowMs: number): DateWindow | null {
  const type = params.datetype?.toLowerCase();
  const field: DateField = type === 'edat' || type === 'mdat' ? type : 'pdat';
  const min = params.mindate === undefined ? null : parseDateBound(params.mindate, 'min');
  const max = params.maxdate === undefined ? null : parseDateBound(params.maxdate, 'max');
  if (min !== null && max !== null) return { field, min, max };
  const days = intParam(params.reldate, 0);
  if (days <= 0) return null;
  return { field, min: ymdUtc(nowMs - days * DAY_MS), max: ymdUtc(nowMs) };
}

function ymdUtc(ms: number): number {
  const date = new Date(ms);
  return date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

/** As in biopython__esearch2.xml: "(<term>) AND 2025/09/27:2025/11/26[Date - Entry]". */
function queryTranslation(term: string, window: DateWindow | null): string {
  if (window === null) return term;
  return `(${term}) AND ${formatDateBound(window.min)}:${formatDateBound(window.max)}[${DATE_LABELS[window.field]}]`;
}
