import type { BaseRecord } from './load-corpus.ts';
import { withOwnPmid } from './own-pmid-spans.ts';
import { readRecordMeta } from './read-record-meta.ts';

export interface DatedRecord {
  readonly pmid: string;
  readonly num: number;
  readonly edat: number;
  readonly mdat: number;
  readonly pdat: number;
}

interface Entry extends DatedRecord {
  /** A corpus record served as is (copy 0) or with its own PMID rewritten (copies >= 1). */
  readonly base: BaseRecord | null;
  /** A record given through setRecord. */
  readonly xml: string | null;
}

const COPY_BASE = 90_000_000;
const PMID_LIMIT = 100_000_000;

/**
 * The records served, with the dates esearch filters on. Copies of multiplied records keep one object of
 * numbers each and are rewritten only when served: 200 copies of the fixtures would otherwise hold ~1 GB.
 */
export class Corpus {
  private readonly entries = new Map<string, Entry>();
  private byDefaultOrder: Entry[] | null = null;
  private ascending: string[] | null = null;

  constructor(base: readonly BaseRecord[], multiplier: number) {
    const stride = copyStride(base.length, multiplier);
    for (let k = 0; k < multiplier; k++) {
      base.forEach((record, i) => {
        const pmid = k === 0 ? record.pmid : String(COPY_BASE + k * stride + i);
        const { edat, mdat, pdat } = record;
        this.entries.set(pmid, { pmid, num: Number(pmid), edat, mdat, pdat, base: record, xml: null });
      });
    }
  }

  /** Ascending numeric. */
  pmids(): string[] {
    this.ascending ??= [...this.entries.values()].sort((a, b) => a.num - b.num).map((entry) => entry.pmid);
    return [...this.ascending];
  }

  has(pmid: string): boolean {
    return this.entries.has(pmid);
  }

  xml(pmid: string): string | undefined {
    const entry = this.entries.get(pmid);
    if (entry === undefined) return undefined;
    if (entry.xml !== null) return entry.xml;
    if (entry.base === null) return undefined;
    return entry.pmid === entry.base.pmid
      ? entry.base.xml
      : withOwnPmid(entry.base.xml, entry.base.spans, pmid);
  }

  set(pmid: string, xml: string): void {
    const { edat, mdat, pdat } = readRecordMeta(xml);
    this.entries.set(pmid, { pmid, num: Number(pmid), edat, mdat, pdat, base: null, xml });
    this.invalidate();
  }

  /**
   * PubMed deletes the record on `ymd` (YYYYMMDD): its search index still lists it, with that day as its
   * modification date, and efetch answers for it with a DeleteCitation element instead of the record.
   */
  markDeleted(pmid: string, ymd: number): void {
    const entry = this.entries.get(pmid);
    if (entry === undefined) throw new Error(`no record ${pmid} to delete`);
    const xml = `<DeleteCitation><PMID Version="1">${pmid}</PMID></DeleteCitation>`;
    this.entries.set(pmid, { ...entry, mdat: ymd, base: null, xml });
    this.invalidate();
  }

  remove(pmid: string): void {
    if (this.entries.delete(pmid)) this.invalidate();
  }

  /** Matching PMIDs in PubMed's default order, most recent first: entry date descending, then PMID. */
  search(matches: (record: DatedRecord) => boolean): string[] {
    this.byDefaultOrder ??= [...this.entries.values()].sort((a, b) => b.edat - a.edat || b.num - a.num);
    const out: string[] = [];
    for (const entry of this.byDefaultOrder) if (matches(entry)) out.push(entry.pmid);
    return out;
  }

  private invalidate(): void {
    this.byDefaultOrder = null;
    this.ascending = null;
  }
}

/**
 * Copy k of record i is PMID 90,000,000 + k * stride + i. The stride is 100,000 as agreed; beyond 100
 * copies that would pass 100,000,000 (nine digits, which clients reasonably reject), so larger
 * multipliers pack copies at the smallest power of ten that holds the corpus.
 */
function copyStride(corpusSize: number, multiplier: number): number {
  if (!Number.isInteger(multiplier) || multiplier < 1) {
    throw new Error(`fake E-utilities: multiplier must be a positive integer, got ${multiplier}`);
  }
  const stride = multiplier <= 100 ? 100_000 : 10 ** Math.ceil(Math.log10(Math.max(corpusSize, 1)));
  const highest = COPY_BASE + (multiplier - 1) * stride + corpusSize - 1;
  if (stride < corpusSize || (multiplier > 1 && highest >= PMID_LIMIT)) {
    throw new Error(
      `fake E-utilities: multiplier ${multiplier} x ${corpusSize} records does not fit below PMID ${PMID_LIMIT}`,
    );
  }
  return stride;
}
