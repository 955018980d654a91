/**
 * Finds the records in an efetch body without parsing it: their PMID, version and byte range. This is
 * the completeness check (closing tag, PMIDs asked vs received) and what the manifest points into, so
 * a later stage can read one record without reading its whole batch.
 */
export interface ScannedRecord {
  pmid: string;
  version: string;
  /** Byte offset of `<PubmedArticle` / `<PubmedBookArticle` in the body. */
  offset: number;
  /** Bytes up to and including the closing tag. */
  length: number;
}

export interface ScanResult {
  records: ScannedRecord[];
  /** A record opened but never closed, or a record without a PMID: the body is damaged. */
  problem: string | null;
}

const KINDS = [
  { open: Buffer.from('<PubmedArticle'), close: Buffer.from('</PubmedArticle>') },
  { open: Buffer.from('<PubmedBookArticle'), close: Buffer.from('</PubmedBookArticle>') },
] as const;
const PMID_OPEN = Buffer.from('<PMID');

export function scanArticleSet(body: Buffer): ScanResult {
  const records: ScannedRecord[] = [];
  let position = 0;
  for (;;) {
    const next = nextRecordStart(body, position);
    if (next === null) break;
    const end = body.indexOf(next.kind.close, next.offset);
    if (end < 0) return { records, problem: `record at byte ${next.offset} is not closed` };
    const stop = end + next.kind.close.length;
    const pmid = readPmid(body, next.offset, end);
    if (pmid === null) return { records, problem: `record at byte ${next.offset} has no PMID` };
    records.push({ ...pmid, offset: next.offset, length: stop - next.offset });
    position = stop;
  }
  return { records, problem: null };
}

function nextRecordStart(
  body: Buffer,
  from: number,
): { offset: number; kind: (typeof KINDS)[number] } | null {
  let best: { offset: number; kind: (typeof KINDS)[number] } | null = null;
  for (const kind of KINDS) {
    let at = body.indexOf(kind.open, from);
    // `<PubmedArticleSet` also starts with `<PubmedArticle`: only `>` or whitespace may follow the name.
    while (at >= 0 && !isNameEnd(body[at + kind.open.length])) at = body.indexOf(kind.open, at + 1);
    if (at >= 0 && (best === null || at < best.offset)) best = { offset: at, kind };
  }
  return best;
}

function isNameEnd(byte: number | undefined): boolean {
  return byte === 0x3e || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The first <PMID> of a record is its own (MedlineCitation or BookDocument); later ones are references. */
function readPmid(body: Buffer, from: number, to: number): { pmid: string; version: string } | null {
  const at = body.indexOf(PMID_OPEN, from);
  if (at < 0 || at > to) return null;
  const tagEnd = body.indexOf(0x3e, at);
  const close = body.indexOf('</PMID>', tagEnd);
  if (tagEnd < 0 || close < 0 || close > to) return null;
  const tag = body.subarray(at, tagEnd).toString('latin1');
  const pmid = body
    .subarray(tagEnd + 1, close)
    .toString('latin1')
    .trim();
  if (!/^\d+$/.test(pmid)) return null;
  const version = /Version="(\d+)"/.exec(tag)?.[1] ?? '1';
  return { pmid, version };
}
