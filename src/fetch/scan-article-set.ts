/**
 * Finds the records in an efetch body without parsing it: their PMID, version and byte range. This is
 * the completeness check (closing tag, PMIDs asked vs received) and what the manifest points into, so
 * a later stage can read one record without reading its whole batch.
 */
import { createHash } from 'node:crypto';

export interface ScannedRecord {
  pmid: string;
  version: string;
  /** Byte offset of `<PubmedArticle` / `<PubmedBookArticle` in the body. */
  offset: number;
  /** Bytes up to and including the closing tag. */
  length: number;
  /** SHA-256 of those bytes (hex): how a later fetch tells a changed record from the same one. */
  sha256: string;
}

export interface ScanResult {
  records: ScannedRecord[];
  /** PMIDs named by DeleteCitation elements: PubMed removed these records. */
  deleted: string[];
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
  // Next start of each kind, found once and reused: searching for a kind absent from the body again for
  // every record would rescan the rest of a multi-megabyte batch per record.
  const nextOf = KINDS.map((kind) => findOpen(body, kind.open, 0));
  let position = 0;
  for (;;) {
    let pick = -1;
    for (let k = 0; k < KINDS.length; k++) {
      if ((nextOf[k] ?? -1) >= 0 && (nextOf[k] ?? 0) < position)
        nextOf[k] = findOpen(body, KINDS[k]?.open, position);
      const at = nextOf[k] ?? -1;
      if (at >= 0 && (pick < 0 || at < (nextOf[pick] ?? 0))) pick = k;
    }
    if (pick < 0) break;
    const kind = KINDS[pick] as (typeof KINDS)[number];
    const offset = nextOf[pick] ?? 0;
    const end = body.indexOf(kind.close, offset);
    if (end < 0) return { records, deleted: [], problem: `record at byte ${offset} is not closed` };
    const stop = end + kind.close.length;
    const pmid = readPmid(body, offset, end);
    if (pmid === null) return { records, deleted: [], problem: `record at byte ${offset} has no PMID` };
    const sha256 = createHash('sha256').update(body.subarray(offset, stop)).digest('hex');
    records.push({ ...pmid, offset, length: stop - offset, sha256 });
    position = stop;
    nextOf[pick] = findOpen(body, kind.open, stop);
  }
  return { records, ...scanDeletions(body) };
}

const DELETE_OPEN = Buffer.from('<DeleteCitation>');
const DELETE_CLOSE = Buffer.from('</DeleteCitation>');

/** `<DeleteCitation><PMID Version="1">…</PMID>…</DeleteCitation>`: the records PubMed withdrew. */
function scanDeletions(body: Buffer): { deleted: string[]; problem: string | null } {
  const deleted: string[] = [];
  let at = body.indexOf(DELETE_OPEN);
  while (at >= 0) {
    const end = body.indexOf(DELETE_CLOSE, at);
    if (end < 0) return { deleted, problem: `DeleteCitation at byte ${at} is not closed` };
    const inner = body.subarray(at + DELETE_OPEN.length, end).toString('latin1');
    for (const match of inner.matchAll(/<PMID[^>]*>\s*(\d+)\s*<\/PMID>/g)) deleted.push(match[1] ?? '');
    at = body.indexOf(DELETE_OPEN, end);
  }
  return { deleted, problem: null };
}

/** `<PubmedArticleSet` also starts with `<PubmedArticle`: only `>` or whitespace may follow the name. */
function findOpen(body: Buffer, open: Buffer | undefined, from: number): number {
  if (open === undefined) return -1;
  let at = body.indexOf(open, from);
  while (at >= 0 && !isNameEnd(body[at + open.length])) at = body.indexOf(open, at + 1);
  return at;
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
