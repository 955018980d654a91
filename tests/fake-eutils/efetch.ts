import type { Corpus } from './corpus.ts';
import { type HandlerContext, intParam, type Params } from './handler-context.ts';
import {
  EMPTY_ID_LIST,
  efetchErrorXml,
  HISTORY_RETSTART_TOO_LARGE,
  historyGone,
  historyOutOfRange,
  invalidDb,
  NO_CORRECT_IDS,
  PUBMED_SET_CLOSE,
  PUBMED_SET_OPEN,
  XML_TYPE,
} from './ncbi-bodies.ts';
import type { Reply } from './reply.ts';

/** The history server serves the same 9,999 positions esearch does. */
const CAP = 9999;
const MAX_RETMAX = 10_000;

export interface EfetchOptions {
  /** The fewer-records fault: leave out about 10% of the records found (at least one). */
  fewerRecords?: boolean;
}

export function handleEfetch(params: Params, ctx: HandlerContext, options: EfetchOptions = {}): Reply {
  const db = params.db ?? 'pubmed';
  // efetch reports request errors with HTTP 400 (pubmedR#7, pubmed-mcp-server#155); an empty list is a 200.
  if (db.toLowerCase() !== 'pubmed') return errorReply(400, [invalidDb(db)]);

  const asked = askedIds(params, ctx);
  if (!Array.isArray(asked)) return asked;

  let found = asked.filter((pmid) => ctx.corpus.has(pmid));
  if (options.fewerRecords && found.length > 0) found = dropSome(found, ctx.random);
  return {
    status: 200,
    contentType: XML_TYPE,
    body: articleSet(ctx.corpus, found),
    cutMargins: [PUBMED_SET_OPEN.length, PUBMED_SET_CLOSE.length],
    idCount: asked.length,
  };
}

/** The ids a request asks for, in its order: an id list, or a window of a WebEnv's stored result. */
function askedIds(params: Params, ctx: HandlerContext): string[] | Reply {
  const idParam = params.id?.trim() ?? '';
  if (idParam !== '') {
    const ids = new Set<string>();
    for (const token of idParam.split(/[\s,]+/)) {
      if (/^\d+$/.test(token) && Number(token) > 0) ids.add(String(Number(token)));
    }
    return ids.size === 0 ? errorReply(400, [NO_CORRECT_IDS]) : [...ids];
  }
  const webEnv = params.webenv?.trim() ?? '';
  if (webEnv === '') return errorReply(200, [EMPTY_ID_LIST]);

  const queryKey = params.query_key?.trim() || '1';
  const retstart = intParam(params.retstart, 0);
  const retmax = Math.min(intParam(params.retmax, 20), MAX_RETMAX);
  const stored = ctx.history.get(webEnv, queryKey);
  if (stored === undefined) return errorReply(400, historyGone(queryKey, webEnv, retstart, retmax));
  if (retstart > CAP - 1 && stored.length > CAP) return errorReply(400, [HISTORY_RETSTART_TOO_LARGE]);
  const available = Math.min(stored.length, CAP);
  if (retstart >= available) return errorReply(400, [historyOutOfRange(retstart, retmax, available)]);
  return stored.slice(retstart, Math.min(retstart + retmax, available));
}

/** Records are produced one at a time as the response is written; multiplied copies are built on demand. */
function* articleSet(corpus: Corpus, pmids: readonly string[]): Generator<string> {
  yield PUBMED_SET_OPEN;
  for (const pmid of pmids) {
    const xml = corpus.xml(pmid);
    // A record removed while the response streams is simply absent, as in PubMed.
    if (xml !== undefined) yield xml;
  }
  yield PUBMED_SET_CLOSE;
}

function dropSome(pmids: readonly string[], random: () => number): string[] {
  const drop = Math.max(1, Math.round(pmids.length * 0.1));
  const order = pmids.map((_, i) => i);
  for (let i = 0; i < drop; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const dropped = new Set(order.slice(0, drop));
  return pmids.filter((_, i) => !dropped.has(i));
}

function errorReply(status: number, messages: readonly string[]): Reply {
  const body = efetchErrorXml(messages);
  return {
    status,
    contentType: XML_TYPE,
    body: [body],
    cutMargins: [body.indexOf('<eFetchResult>') + 14, 16],
  };
}
