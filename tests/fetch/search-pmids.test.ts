import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/fetch/classify-response.ts';
import type { EutilsClient } from '../../src/fetch/eutils-client.ts';
import { ESEARCH_CAP, searchPmids } from '../../src/fetch/search-pmids.ts';

interface Row {
  pmid: number;
  edat: string; // YYYY/MM/DD
}

const ok: Classification = {
  kind: 'ok',
  code: null,
  transient: false,
  message: 'ok',
  retryAfterMs: null,
  smallerBatch: false,
};

/** An esearch that behaves like PubMed's: true count, at most 9,999 ids, edat windows and [uid] ranges. */
function fakeClient(rows: Row[]) {
  const calls: Record<string, string | number>[] = [];
  const client: EutilsClient = {
    stats: { requests: 0, retries: 0, rateLimited: 0 },
    close: async () => {},
    async call(_endpoint, params) {
      calls.push(params);
      const term = String(params.term);
      const range = /(\d+):(\d+)\[uid\]/.exec(term);
      const lo = range ? Number(range[1]) : 0;
      const hi = range ? Number(range[2]) : Number.MAX_SAFE_INTEGER;
      const hits = rows.filter(
        (r) =>
          r.edat >= String(params.mindate) &&
          r.edat <= String(params.maxdate) &&
          r.pmid >= lo &&
          r.pmid <= hi,
      );
      const ids = hits.slice(0, ESEARCH_CAP).map((r) => String(r.pmid));
      const body = Buffer.from(
        JSON.stringify({ esearchresult: { count: String(hits.length), idlist: ids } }),
      );
      return { body, classification: ok, attempts: 1 };
    },
  };
  return { client, calls };
}

const window = { from: '1800/01/01', to: '2026/11/26' };

describe('searchPmids', () => {
  it('one request when the whole result fits under the cap', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({ pmid: 1000 + i, edat: '2020/05/05' }));
    const { client, calls } = fakeClient(rows);
    const result = await searchPmids({ client }, 'ketamine', window);
    expect(result.pmids).toEqual(rows.map((r) => String(r.pmid)));
    expect(result.totalCount).toBe(500);
    expect(calls).toHaveLength(1);
  });

  it('bisects entry-date windows until each is under the cap, and the union is complete', async () => {
    const rows: Row[] = [];
    for (let year = 2000; year < 2025; year++) {
      for (let i = 0; i < 1000; i++) rows.push({ pmid: year * 10_000 + i, edat: `${year}/06/15` });
    }
    const { client, calls } = fakeClient(rows);
    const result = await searchPmids({ client }, 'ketamine', window);
    expect(result.pmids).toEqual(rows.map((r) => String(r.pmid)).sort((a, b) => Number(a) - Number(b)));
    expect(result.totalCount).toBe(25_000);
    expect(result.slices.every((slice) => slice.count <= ESEARCH_CAP)).toBe(true);
    expect(result.slices.reduce((sum, slice) => sum + slice.count, 0)).toBe(25_000);
    expect(result.requests).toBe(calls.length);
  });

  it('splits a single day that alone holds more than 9,999 records by PMID range', async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => ({ pmid: 30_000_000 + i * 7, edat: '2021/03/03' }));
    const { client } = fakeClient(rows);
    const result = await searchPmids({ client }, 'ketamine', window);
    expect(result.pmids).toHaveLength(25_000);
    expect(result.pmids).toEqual(rows.map((r) => String(r.pmid)));
    const byUid = result.slices.filter((slice) => slice.uidRange !== null);
    expect(byUid.length).toBeGreaterThanOrEqual(3);
    expect(
      byUid.every((slice) => slice.window.from === '2021/03/03' && slice.window.to === '2021/03/03'),
    ).toBe(true);
  });

  it('refuses a window whose count and id list disagree instead of returning a silent subset', async () => {
    const client: EutilsClient = {
      stats: { requests: 0, retries: 0, rateLimited: 0 },
      close: async () => {},
      async call() {
        const body = Buffer.from(JSON.stringify({ esearchresult: { count: '3', idlist: ['1', '2'] } }));
        return { body, classification: ok, attempts: 1 };
      },
    };
    await expect(searchPmids({ client }, 'ketamine', window)).rejects.toMatchObject({
      code: 'EUTILS_UNEXPECTED_BODY',
      message: 'esearch reported 3 records for entry dates 1800/01/01-2026/11/26 but listed 2',
    });
  });
});
