import { stringify } from 'csv-stringify/sync';
import { formatBibtex, formatRis } from '../cite/index.ts';
import type { StudyRecord } from '../records.ts';
import { type DigestStudy, isRetracted } from '../search/index.ts';
import type { StudyTags } from '../tag/index.ts';
import { utf8Parts } from './utf8-parts.ts';

/** One study's share of each data export: made where its full record is (a build worker), then appended in order. */
export interface StudyExportLines {
  /** JSON of the record, its tags and what the runs said about it, without the newline. */
  jsonl: string;
  /** The study's CSV row, CRLF-terminated. */
  csv: string;
  /** The study's RIS record and BibTeX entry (the same as its citation.ris / citation.bib downloads). */
  ris: string;
  bib: string;
}

/**
 * A study's export lines as the UTF-8 bytes the exports are made of, one after the other: its JSONL line
 * with the newline, CSV row, RIS record, BibTeX entry; `sizes` their byte lengths. What build threads hand
 * the main thread (in one transferred buffer per batch) and the prepared-study store keeps.
 */
export interface ExportBytes {
  bytes: Uint8Array;
  sizes: number[];
}

export function exportBytes(lines: StudyExportLines): ExportBytes {
  return utf8Parts([`${lines.jsonl}\n`, lines.csv, lines.ris, lines.bib]);
}

/**
 * A study's export lines left where the published site's exports hold them: `from` is its place in the
 * list of studies that site was built from (site-state.ts), `sizes` as in ExportBytes. The writer is
 * handed a CopiedChunk for each, which it resolves to a byte range of the published file.
 */
export interface ExportCopy {
  from: number;
  sizes: number[];
}

/** One study's chunk of an export, to be copied from the published site's file of the same path. */
export interface CopiedChunk {
  from: number;
  size: number;
}

type ExportChunk = string | Uint8Array | CopiedChunk;
type ExportChunks = Record<keyof StudyExportLines, ExportChunk>;

function chunksOf(lines: StudyExportLines | ExportBytes | ExportCopy): ExportChunks {
  if ('from' in lines) {
    const [jsonl = 0, csv = 0, ris = 0, bib = 0] = lines.sizes;
    const from = lines.from;
    return {
      jsonl: { from, size: jsonl },
      csv: { from, size: csv },
      ris: { from, size: ris },
      bib: { from, size: bib },
    };
  }
  if (!('bytes' in lines)) return { ...lines, jsonl: `${lines.jsonl}\n` };
  const [jsonl = 0, csv = 0, ris = 0, bib = 0] = lines.sizes;
  const at = (from: number, size: number) => lines.bytes.subarray(from, from + size);
  return {
    jsonl: at(0, jsonl),
    csv: at(jsonl, csv),
    ris: at(jsonl + csv, ris),
    bib: at(jsonl + csv + ris, bib),
  };
}

const CSV_OPTIONS = { record_delimiter: 'windows' } as const;

const CSV_HEADER = [
  'pmid',
  'title',
  'journal',
  'year',
  'doi',
  'pmcid',
  'relevance',
  'relevance_reason',
  'design',
  'evidence_level',
  'topics',
  'routes',
  'substances',
  'populations',
  'comparator',
  'n',
  'regimen',
  'retracted',
  'trial_ids',
  'publication_types',
  'url',
];

/** The first bytes of data/studies.csv: a BOM (so spreadsheets read UTF-8) and the header row. */
export const CSV_HEAD = `\ufeff${stringify([CSV_HEADER], CSV_OPTIONS)}`;

/** A record's and its tags' JSON, made once for the prepared-study store and the JSONL export. */
export interface MadeJson {
  record: StudyRecord;
  tags: StudyTags;
  recordJson: string;
  tagsJson: string;
}

/**
 * A study's lines of the full data exports (PRODUCT.md section 3): JSONL is the record and tag objects as
 * they are; CSV flattens them for spreadsheets, with cells that a spreadsheet would run as a formula
 * (=, +, -, @) prefixed by an apostrophe. `cited` are the study's citation downloads when already made.
 */
export function studyExportLines(
  study: DigestStudy,
  cited?: { 'citation.ris': string; 'citation.bib': string },
  json?: MadeJson,
): StudyExportLines {
  const { record, tags } = study;
  const row = [
    record.pmid,
    record.title,
    record.journal?.title ?? '',
    record.published?.year ?? '',
    record.doi ?? '',
    record.pmcid ?? '',
    tags.relevance.id,
    tags.relevance.reason,
    tags.design.id,
    tags.evidenceLevel.level ?? '',
    tags.topics.map((t) => t.id).join(';'),
    tags.routes.map((t) => t.id).join(';'),
    tags.substances.map((t) => t.id).join(';'),
    tags.populations.map((t) => t.id).join(';'),
    tags.comparator.id,
    tags.n?.value ?? '',
    tags.regimen.id,
    isRetracted(study) ? 'yes' : 'no',
    record.trialIds.map((t) => t.id).join(';'),
    record.publicationTypes.map((t) => t.name).join(';'),
    `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/`,
  ].map(defuseFormula);
  const runs = {
    fetchedAt: study.fetchedAt,
    withdrawn: study.withdrawn ?? null,
    retractionNoticedAt: study.retractionNoticedAt ?? null,
  };
  return {
    // The record's own keys, then these (a record has none of theirs): its JSON made once, when given.
    jsonl:
      json?.record === record && json.tags === tags
        ? `${json.recordJson.slice(0, -1)},"tags":${json.tagsJson},${JSON.stringify(runs).slice(1)}`
        : JSON.stringify({ ...record, tags, ...runs }),
    csv: stringify([row], CSV_OPTIONS),
    ris: cited?.['citation.ris'] ?? formatRis([record]),
    bib: cited?.['citation.bib'] ?? formatBibtex([record]),
  };
}

/**
 * What a writer is handed: strings when it is fed strings, strings and bytes when it is fed bytes, and
 * copied chunks too when it is fed copies.
 */
type ChunkOf<Lines> = Lines extends ExportCopy
  ? ExportChunk
  : Lines extends ExportBytes
    ? string | Uint8Array
    : string;

/**
 * Appends studies' export lines, in order, to the four data exports (and to any citation lists, such as a
 * topic's), without holding any study's record: the streaming build feeds it what its workers made, as
 * bytes; the in-memory build as strings.
 */
export class DataExportWriter<Lines extends StudyExportLines | ExportBytes | ExportCopy = StudyExportLines> {
  readonly #write: (path: string, chunk: ExportChunk) => void;
  #started = new Set<string>();

  constructor(write: (path: string, chunk: ChunkOf<Lines>) => void) {
    // Only chunks of the lines given (and strings) are ever written: ChunkOf<Lines> holds.
    this.#write = write as (path: string, chunk: ExportChunk) => void;
    this.#write('data/studies.jsonl', '');
    this.#write('data/studies.csv', CSV_HEAD);
    this.#write('data/citations.ris', '');
    this.#write('data/citations.bib', '');
  }

  /** The full exports hold every study; the citation lists only the on-topic ones (and `lists`, e.g. topics). */
  add(onTopic: boolean, lines: Lines, lists: string[] = []): void {
    const chunks = chunksOf(lines);
    this.#write('data/studies.jsonl', chunks.jsonl);
    this.#write('data/studies.csv', chunks.csv);
    if (onTopic) this.#cite('data/citations', chunks);
    for (const list of lists) this.#cite(list, chunks);
  }

  /** Starts `base`.ris and `base`.bib empty, so a list no study belongs in still exists. */
  touch(base: string): void {
    if (this.#started.has(base)) return;
    this.#write(`${base}.ris`, '');
    this.#write(`${base}.bib`, '');
  }

  /** `base`.ris and `base`.bib: RIS records follow each other, BibTeX entries are a line apart. */
  #cite(base: string, chunks: Pick<ExportChunks, 'ris' | 'bib'>): void {
    const first = !this.#started.has(base);
    this.#started.add(base);
    this.#write(`${base}.ris`, chunks.ris);
    if (!first) this.#write(`${base}.bib`, '\n');
    this.#write(`${base}.bib`, chunks.bib);
  }
}

function defuseFormula(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
