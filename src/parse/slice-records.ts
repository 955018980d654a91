/**
 * Finds the top-level records of a PubmedArticleSet (or MedlineCitationSet) in bytes, incrementally: a
 * stream feeds it chunk after chunk and it reports the byte range of every complete record, how far it
 * got, and the faults it found between records. It never parses a record; it only looks for the record's
 * own end tag with indexOf, which is why slicing costs little next to parsing.
 */
export type RecordTag = 'PubmedArticle' | 'PubmedBookArticle' | 'MedlineCitation' | 'DeleteCitation';

export const RECORD_TAGS: readonly RecordTag[] = [
  'PubmedArticle',
  'PubmedBookArticle',
  'MedlineCitation',
  'DeleteCitation',
];
const ROOT_TAGS = new Set(['PubmedArticleSet', 'MedlineCitationSet', 'PubmedBookArticleSet']);

export interface RecordSlice {
  tag: RecordTag;
  /** Byte range in the buffer given to sliceRecords: start at `<`, end after the end tag. */
  start: number;
  end: number;
}

export interface SliceFault {
  code: 'PARSE_MALFORMED_RECORD' | 'PARSE_TRUNCATED';
  at: number;
  reason: string;
  /** The PMID of a broken record, when its first PMID element is readable. */
  pmid?: string;
}

export interface SlicerState {
  /** The open set element (PubmedArticleSet ...), null outside one. */
  root: string | null;
}

export interface SliceResult {
  slices: RecordSlice[];
  faults: SliceFault[];
  /** Bytes fully handled; the caller keeps the rest and prepends it to the next chunk. */
  consumed: number;
  state: SlicerState;
}

/** A record without its end tag after this many bytes is given up on, so memory stays bounded. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

const CLOSE_TAGS = new Map(RECORD_TAGS.map((tag) => [tag, Buffer.from(`</${tag}>`)]));
const OPEN_TAGS = new Map(RECORD_TAGS.map((tag) => [tag, Buffer.from(`<${tag}`)]));

export function initialSlicerState(): SlicerState {
  return { root: null };
}

/**
 * Slices `buffer` from its start. With `final` false, an incomplete record (or tag) at the end is left
 * unconsumed for the next call; with `final` true it is a fault (the input was cut off).
 */
export function sliceRecords(buffer: Uint8Array, state: SlicerState, final: boolean): SliceResult {
  const buf = Buffer.isBuffer(buffer)
    ? buffer
    : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const slices: RecordSlice[] = [];
  const faults: SliceFault[] = [];
  let root = state.root;
  let pos = 0;
  const done = (consumed: number): SliceResult => {
    if (final && root !== null) {
      faults.push({
        code: 'PARSE_TRUNCATED',
        at: buf.length,
        reason: `input ends before </${root}> (cut off?)`,
      });
      root = null;
    }
    return { slices, faults, consumed, state: { root } };
  };

  while (pos < buf.length) {
    pos = skipWhitespace(buf, pos);
    if (pos >= buf.length) break;
    if (buf[pos] !== 0x3c) {
      const lt = buf.indexOf(0x3c, pos);
      if (lt < 0 && !final) return done(pos);
      faults.push({ code: 'PARSE_MALFORMED_RECORD', at: pos, reason: 'text outside any record' });
      if (lt < 0) return done(buf.length);
      pos = lt;
      continue;
    }
    const second = buf[pos + 1];
    if (second === undefined) {
      if (!final) return done(pos);
      faults.push({ code: 'PARSE_TRUNCATED', at: pos, reason: 'input ends inside a tag (cut off?)' });
      return done(buf.length);
    }
    if (second === 0x3f /* ? */ || second === 0x21 /* ! */) {
      const end = declarationEnd(buf, pos);
      if (end < 0) {
        if (!final) return done(pos);
        faults.push({ code: 'PARSE_TRUNCATED', at: pos, reason: 'declaration or comment is not closed' });
        return done(buf.length);
      }
      pos = end;
      continue;
    }
    const nameEnd = scanName(buf, pos + (second === 0x2f ? 2 : 1));
    if (nameEnd >= buf.length) {
      if (!final) return done(pos);
      faults.push({ code: 'PARSE_TRUNCATED', at: pos, reason: 'input ends inside a tag (cut off?)' });
      return done(buf.length);
    }
    const name = buf.toString('latin1', pos + (second === 0x2f ? 2 : 1), nameEnd);
    const tagClose = buf.indexOf(0x3e, nameEnd);
    if (tagClose < 0) {
      if (!final) return done(pos);
      faults.push({ code: 'PARSE_TRUNCATED', at: pos, reason: `tag <${name}> is not closed` });
      return done(buf.length);
    }
    if (second === 0x2f) {
      if (name === root) root = null;
      else faults.push({ code: 'PARSE_MALFORMED_RECORD', at: pos, reason: `unexpected end tag </${name}>` });
      pos = tagClose + 1;
      continue;
    }
    if (ROOT_TAGS.has(name)) {
      root = buf[tagClose - 1] === 0x2f ? null : name;
      pos = tagClose + 1;
      continue;
    }
    const closeTag = CLOSE_TAGS.get(name as RecordTag);
    if (closeTag === undefined) {
      faults.push({
        code: 'PARSE_MALFORMED_RECORD',
        at: pos,
        reason: `unexpected element <${name}> between records`,
      });
      const skipTo = buf[tagClose - 1] === 0x2f ? -1 : buf.indexOf(`</${name}>`, tagClose);
      pos = skipTo < 0 ? tagClose + 1 : skipTo + name.length + 3;
      continue;
    }
    const tag = name as RecordTag;
    // A record that lost its end tag runs on to the next record's: parseSlices splits such a slice when
    // it fails to parse (see nestedRecordStart), so the common case pays for one scan, not two.
    const closeAt = buf.indexOf(closeTag, tagClose);
    if (closeAt < 0) {
      if (!final && buf.length - pos <= MAX_RECORD_BYTES) return done(pos);
      const reason = final
        ? `<${tag}> is not closed: the input ends inside it (cut off?)`
        : `<${tag}> too large`;
      faults.push({
        ...brokenRecord(buf, pos, buf.length, reason),
        code: final ? 'PARSE_TRUNCATED' : 'PARSE_MALFORMED_RECORD',
      });
      return done(buf.length);
    }
    const end = closeAt + closeTag.length;
    slices.push({ tag, start: pos, end });
    pos = end;
  }
  return done(pos);
}

/**
 * The end tags a set's records can be cut after. Inside a PubmedArticle `</MedlineCitation>` is not a
 * record end; only a legacy MedlineCitationSet (or a bare MedlineCitation) has it at the top level.
 */
function cutTags(legacySet: boolean): RecordTag[] {
  return legacySet
    ? ['MedlineCitation', 'PubmedArticle', 'PubmedBookArticle', 'DeleteCitation']
    : ['PubmedArticle', 'PubmedBookArticle', 'DeleteCitation'];
}

/**
 * Where the records of a buffer can be cut without splitting one: after the last record end tag. -1 when
 * the buffer holds no complete record. Used to hand whole-record chunks to worker threads.
 */
export function lastRecordEnd(buffer: Buffer, legacySet: boolean): number {
  let best = -1;
  for (const tag of cutTags(legacySet)) {
    const closeTag = CLOSE_TAGS.get(tag) as Buffer;
    // Once one end tag is found, rarer ones are only looked for after it (no full backward scan).
    let at = best < 0 ? buffer.lastIndexOf(closeTag) : buffer.indexOf(closeTag, best);
    while (best >= 0 && at >= 0) {
      const later = buffer.indexOf(closeTag, at + 1);
      if (later < 0) break;
      at = later;
    }
    if (at >= 0) best = Math.max(best, at + closeTag.length);
  }
  return best;
}

/**
 * The end of the first record end tag that starts at or after `from`, or -1 when `buffer` holds none
 * complete. Byte ranges of a file are cut here: a function of the bytes alone, so the two workers reading
 * either side of a range boundary agree on it without talking to each other.
 */
export function firstRecordEnd(buffer: Buffer, from: number, legacySet: boolean): number {
  let best = -1;
  for (const tag of cutTags(legacySet)) {
    const closeTag = CLOSE_TAGS.get(tag) as Buffer;
    // Once one end tag is found, rarer ones are only looked for before it.
    const at = (best < 0 ? buffer : buffer.subarray(0, best)).indexOf(closeTag, from);
    if (at >= 0) best = at + closeTag.length;
  }
  return best;
}

/** A fault for a broken record, with its PMID when the first PMID element is readable. */
export function brokenRecord(buf: Buffer, start: number, end: number, reason: string): SliceFault {
  const head = buf.toString('utf8', start, Math.min(end, start + 4096));
  const pmid = /<PMID[^>]*>\s*(\d+)\s*<\/PMID>/.exec(head)?.[1];
  return { code: 'PARSE_MALFORMED_RECORD', at: start, reason, ...(pmid === undefined ? {} : { pmid }) };
}

/** Where another record of the same kind starts inside a slice (its first one lost its end tag), or -1. */
export function nestedRecordStart(buf: Buffer, slice: RecordSlice): number {
  const open = OPEN_TAGS.get(slice.tag) as Buffer;
  let at = buf.indexOf(open, slice.start + 1);
  while (at >= 0 && at < slice.end) {
    if (isNameStop(buf[at + open.length])) return at;
    at = buf.indexOf(open, at + 1);
  }
  return -1;
}

function declarationEnd(buf: Buffer, pos: number): number {
  if (buf[pos + 1] === 0x3f) return endAfter(buf, '?>', pos);
  if (buf.toString('latin1', pos, pos + 4) === '<!--') return endAfter(buf, '-->', pos);
  // <!DOCTYPE ...>, possibly with an internal subset [...] that holds `>` of its own.
  const close = buf.indexOf(0x3e, pos);
  const bracket = buf.indexOf(0x5b, pos);
  if (close < 0) return -1;
  if (bracket < 0 || bracket > close) return close + 1;
  const subsetEnd = buf.indexOf(']', bracket);
  if (subsetEnd < 0) return -1;
  const end = buf.indexOf(0x3e, subsetEnd);
  return end < 0 ? -1 : end + 1;
}

function endAfter(buf: Buffer, marker: string, pos: number): number {
  const at = buf.indexOf(marker, pos + 2);
  return at < 0 ? -1 : at + marker.length;
}

function skipWhitespace(buf: Buffer, pos: number): number {
  let at = pos;
  while (at < buf.length && isSpace(buf[at])) at++;
  return at;
}

function scanName(buf: Buffer, from: number): number {
  let at = from;
  while (at < buf.length && !isNameStop(buf[at])) at++;
  return at;
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function isNameStop(byte: number | undefined): boolean {
  return byte === undefined || isSpace(byte) || byte === 0x3e || byte === 0x2f;
}
