/**
 * Lists every PMID matching a query despite the 9,999 cap: PubMed's esearch returns at most 9,999 ids
 * for one search (retstart may not pass 9,998). The date range (entry or modification date) is bisected
 * until every window holds at most 9,999 records; a single day that still holds more is bisected by PMID range (EDirect's
 * approach). Windows are disjoint and cover the whole range, so their union is the complete result set.
 */
import { DigestError } from '../errors.ts';
import type { EutilsClient } from './eutils-client.ts';
import { runAll } from './run-all.ts';

/** PubMed's esearch cap since the 2022 back-end change. */
export const ESEARCH_CAP = 9_999;
/** Generous upper bound of the PMID space for range bisection (PMIDs are around 41 million in 2026). */
const MAX_PMID = 999_999_999;

export interface DateWindow {
  /** Inclusive, YYYY/MM/DD. */
  from: string;
  to: string;
}

export interface SearchSlice {
  window: DateWindow;
  uidRange: [number, number] | null;
  count: number;
}

export interface SearchResult {
  pmids: string[];
  /** What the unsplit search reported; may differ from pmids.length if PubMed changed during the run. */
  totalCount: number;
  slices: SearchSlice[];
  requests: number;
}

export interface SearchDeps {
  client: EutilsClient;
  /** Keeps each raw esearch response as received. */
  saveResponse?: (body: Buffer) => Promise<void>;
  onSlice?: (slice: SearchSlice) => void;
  /** After each finished window: PMIDs listed so far against the unsplit search's count. */
  onProgress?: (progress: { listed: number; total: number; windows: number; requests: number }) => void;
}

interface EsearchPage {
  count: number;
  ids: string[];
}

/** Entry date (when PubMed added the record) or modification date (when it last changed). */
export type DateType = 'edat' | 'mdat';

export async function searchPmids(
  deps: SearchDeps,
  term: string,
  window: DateWindow,
  datetype: DateType = 'edat',
): Promise<SearchResult> {
  const slices: SearchSlice[] = [];
  let requests = 0;
  let listed = 0;
  let first: EsearchPage | undefined;

  async function esearch(
    window: DateWindow,
    uidRange: [number, number] | null,
    signal?: AbortSignal,
  ): Promise<EsearchPage> {
    const sliceTerm = uidRange ? `(${term}) AND ${uidRange[0]}:${uidRange[1]}[uid]` : term;
    requests++;
    const response = await deps.client.call(
      'esearch',
      {
        term: sliceTerm,
        retmode: 'json',
        retmax: ESEARCH_CAP,
        datetype,
        mindate: window.from,
        maxdate: window.to,
      },
      signal ? { signal } : {},
    );
    await deps.saveResponse?.(response.body);
    return readPage(response.body, response.classification.kind === 'no-results');
  }

  async function collect(
    window: DateWindow,
    uidRange: [number, number] | null,
    signal?: AbortSignal,
    page?: EsearchPage,
  ): Promise<string[]> {
    const result = page ?? (await esearch(window, uidRange, signal));
    if (result.count <= ESEARCH_CAP) {
      if (result.ids.length !== result.count) {
        throw new DigestError(
          'EUTILS_UNEXPECTED_BODY',
          `esearch reported ${result.count} records for ${describe(window, uidRange, datetype)} but listed ${result.ids.length}`,
        );
      }
      const slice = { window, uidRange, count: result.count };
      slices.push(slice);
      listed += result.count;
      deps.onSlice?.(slice);
      deps.onProgress?.({ listed, total: first?.count ?? result.count, windows: slices.length, requests });
      return result.ids;
    }
    const halves = uidRange ? splitRange(uidRange) : splitWindow(window);
    if (halves === null && uidRange === null) {
      return collect(window, [1, MAX_PMID], signal);
    }
    if (halves === null) {
      throw new DigestError(
        'EUTILS_CAP_UNSPLITTABLE',
        `${describe(window, uidRange, datetype)} holds ${result.count} records and cannot be split further`,
      );
    }
    const parts = await runAll(
      halves.map(
        (half) => (inner: AbortSignal) =>
          uidRange
            ? collect(window, half as [number, number], inner)
            : collect(half as DateWindow, null, inner),
      ),
      signal,
    );
    return parts.flat();
  }

  first = await esearch(window, null);
  deps.onProgress?.({ listed: 0, total: first.count, windows: 0, requests });
  const ids = await collect(window, null, undefined, first);
  const pmids = [...new Set(ids)].sort((a, b) => Number(a) - Number(b));
  return { pmids, totalCount: first.count, slices, requests };
}

function readPage(body: Buffer, noResults: boolean): EsearchPage {
  const json = JSON.parse(body.toString('utf8')) as { esearchresult: { count: string; idlist?: string[] } };
  const count = Number(json.esearchresult.count);
  if (noResults) return { count: 0, ids: [] };
  return { count, ids: json.esearchresult.idlist ?? [] };
}

/** Splits an inclusive date window in two at its middle day; null for a single day. */
export function splitWindow(window: DateWindow): [DateWindow, DateWindow] | null {
  const from = toDay(window.from);
  const to = toDay(window.to);
  if (to <= from) return null;
  const middle = Math.floor((from + to) / 2);
  return [
    { from: window.from, to: fromDay(middle) },
    { from: fromDay(middle + 1), to: window.to },
  ];
}

function splitRange([lo, hi]: [number, number]): [[number, number], [number, number]] | null {
  if (hi <= lo) return null;
  const middle = Math.floor((lo + hi) / 2);
  return [
    [lo, middle],
    [middle + 1, hi],
  ];
}

const DAY_MS = 86_400_000;

function toDay(ymd: string): number {
  const [y, m, d] = ymd.split('/').map(Number);
  return Math.floor(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

function fromDay(day: number): string {
  const date = new Date(day * DAY_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}`;
}

/** Today's date as E-utilities expects it, from an injected clock. */
export function formatYmd(date: Date): string {
  return fromDay(Math.floor(date.getTime() / DAY_MS));
}

function describe(window: DateWindow, uidRange: [number, number] | null, datetype: DateType): string {
  return `${datetype === 'edat' ? 'entry' : 'modification'} dates ${window.from}-${window.to}${uidRange ? ` and PMIDs ${uidRange[0]}-${uidRange[1]}` : ''}`;
}
