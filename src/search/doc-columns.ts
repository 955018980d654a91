import { DOC_COLUMNS, type DocColumns } from './index-format.ts';
import { ByteReader, ByteWriter } from './varint.ts';

const DOCS_MAGIC = 'EDD2';
const PMIDS_MAGIC = 'EDP2';
const text = new TextEncoder();

type DocRow = { [K in keyof DocColumns]: number };

const COLUMN_TYPES: { [K in keyof DocColumns]: new (n: number) => DocColumns[K] } = {
  year: Uint16Array,
  date: Uint32Array,
  design: Uint8Array,
  level: Uint8Array,
  topic: Uint32Array,
  route: Uint32Array,
  substance: Uint32Array,
  population: Uint32Array,
  flags: Uint8Array,
  n: Uint32Array,
};

/**
 * docs.bin: a column after column of varints, so each column's run of similar small numbers gzips well.
 * Dates are the change from the previous doc's (docs come newest first: small numbers), years the
 * difference from the date's year (nearly always 0).
 */
export function encodeDocColumns(rows: DocRow[]): Uint8Array {
  const out = new ByteWriter();
  out.raw(text.encode(DOCS_MAGIC));
  out.varint(rows.length);
  for (const column of DOC_COLUMNS) {
    let previous = 0;
    for (const row of rows) {
      if (column === 'date') {
        out.signed(row.date - previous);
        previous = row.date;
      } else if (column === 'year') out.signed(row.year - Math.floor(row.date / 10_000));
      else out.varint(row[column]);
    }
  }
  return out.finish();
}

export function decodeDocColumns(bytes: Uint8Array): DocColumns {
  checkMagic(bytes, DOCS_MAGIC, 'search/docs.bin');
  const reader = new ByteReader(bytes);
  reader.position = 4;
  const count = reader.varint();
  const columns = {} as Record<keyof DocColumns, Uint32Array | Uint16Array | Uint8Array>;
  for (const column of DOC_COLUMNS) columns[column] = new COLUMN_TYPES[column](count);
  // Columns in file order; year needs the dates, which come after it: keep its deltas until then.
  const yearDelta = new Float64Array(count);
  // Each column is read into one array of doubles, then copied into its own type (a native copy): the
  // loop then sees one kind of array.
  const values = new Float64Array(count);
  let at = reader.position;
  for (const column of DOC_COLUMNS) {
    if (column === 'year') at = readColumn(bytes, at, yearDelta, true, false);
    else {
      at = readColumn(bytes, at, values, column === 'date', column === 'date');
      columns[column].set(values);
    }
  }
  for (let d = 0; d < count; d++) {
    columns.year[d] = Math.floor((columns.date[d] as number) / 10_000) + (yearDelta[d] as number);
  }
  if (at !== bytes.length) throw new Error('search index: search/docs.bin has trailing bytes');
  return columns as DocColumns;
}

/**
 * Fills `out` with a column's varints from `at` (zigzag-signed, and running sums of them, when asked) and
 * returns where the column ends. One tight loop a column: the search page decodes 100,000 studies' ten
 * columns before its first answer, before the JIT has warmed to anything slower.
 */
function readColumn(
  bytes: Uint8Array,
  from: number,
  out: Float64Array,
  zigzag: boolean,
  delta: boolean,
): number {
  let at = from;
  let previous = 0;
  for (let d = 0; d < out.length; d++) {
    let byte = bytes[at++] ?? 0;
    let value = byte & 0x7f;
    let scale = 128;
    while (byte >= 0x80) {
      byte = bytes[at++] ?? 0;
      value += (byte & 0x7f) * scale;
      scale *= 128;
    }
    if (zigzag) value = value % 2 === 1 ? -(value + 1) / 2 : value / 2;
    if (delta) {
      previous += value;
      value = previous;
    }
    out[d] = value;
  }
  if (at > bytes.length) throw new Error('search index: unexpected end of data');
  return at;
}

/** pmids.bin: each PMID as the change from the previous one. */
export function encodePmids(pmids: string[]): Uint8Array {
  const out = new ByteWriter();
  out.raw(text.encode(PMIDS_MAGIC));
  out.varint(pmids.length);
  let previous = 0;
  for (const pmid of pmids) {
    if (!/^[1-9]\d{0,14}$/.test(pmid)) throw new Error(`search index: PMID "${pmid}" is not a PubMed id`);
    out.signed(Number(pmid) - previous);
    previous = Number(pmid);
  }
  return out.finish();
}

export function decodePmids(bytes: Uint8Array): string[] {
  checkMagic(bytes, PMIDS_MAGIC, 'search/pmids.bin');
  const reader = new ByteReader(bytes);
  reader.position = 4;
  const pmids = new Array<string>(reader.varint());
  let previous = 0;
  for (let d = 0; d < pmids.length; d++) {
    previous += reader.signed();
    pmids[d] = String(previous);
  }
  return pmids;
}

function checkMagic(bytes: Uint8Array, magic: string, file: string): void {
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== magic) {
    throw new Error(`search index: ${file} is not an evidence-digest index file (bad magic)`);
  }
}
