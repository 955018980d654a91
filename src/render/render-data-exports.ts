import { stringify } from 'csv-stringify/sync';
import { formatBibtex, formatRis } from '../cite/index.ts';
import { type DigestStudy, isRetracted } from '../search/index.ts';

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

/**
 * A study's lines of the full data exports (PRODUCT.md section 3): JSONL is the record and tag objects as
 * they are; CSV flattens them for spreadsheets, with cells that a spreadsheet would run as a formula
 * (=, +, -, @) prefixed by an apostrophe. `cited` are the study's citation downloads when already made.
 */
export function studyExportLines(
  study: DigestStudy,
  cited?: { 'citation.ris': string; 'citation.bib': string },
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
  return {
    jsonl: JSON.stringify({
      ...record,
      tags,
      fetchedAt: study.fetchedAt,
      withdrawn: study.withdrawn ?? null,
      retractionNoticedAt: study.retractionNoticedAt ?? null,
    }),
    csv: stringify([row], CSV_OPTIONS),
    ris: cited?.['citation.ris'] ?? formatRis([record]),
    bib: cited?.['citation.bib'] ?? formatBibtex([record]),
  };
}

/**
 * Appends studies' export lines, in order, to the four data exports (and to any citation lists, such as a
 * topic's), without holding any study's record: the streaming build feeds it what its workers made.
 */
export class DataExportWriter {
  readonly #write: (path: string, chunk: string) => void;
  #started = new Set<string>();

  constructor(write: (path: string, chunk: string) => void) {
    this.#write = write;
    write('data/studies.jsonl', '');
    write('data/studies.csv', CSV_HEAD);
    write('data/citations.ris', '');
    write('data/citations.bib', '');
  }

  /** The full exports hold every study; the citation lists only the on-topic ones (and `lists`, e.g. topics). */
  add(study: Pick<DigestStudy, 'tags'>, lines: StudyExportLines, lists: string[] = []): void {
    this.#write('data/studies.jsonl', `${lines.jsonl}\n`);
    this.#write('data/studies.csv', lines.csv);
    if (study.tags.relevance.id === 'on-topic') this.cite('data/citations', lines);
    for (const list of lists) this.cite(list, lines);
  }

  /** Starts `base`.ris and `base`.bib empty, so a list no study belongs in still exists. */
  touch(base: string): void {
    if (this.#started.has(base)) return;
    this.#write(`${base}.ris`, '');
    this.#write(`${base}.bib`, '');
  }

  /** `base`.ris and `base`.bib: RIS records follow each other, BibTeX entries are a line apart. */
  cite(base: string, lines: Pick<StudyExportLines, 'ris' | 'bib'>): void {
    const first = !this.#started.has(base);
    this.#started.add(base);
    this.#write(`${base}.ris`, lines.ris);
    this.#write(`${base}.bib`, first ? lines.bib : `\n${lines.bib}`);
  }
}

/** The full data exports of `studies`, in memory (buildSite): the same bytes the streaming build appends. */
export function renderDataExports(studies: DigestStudy[]): Record<string, string> {
  const files: Record<string, string> = {};
  const writer = new DataExportWriter((path, chunk) => {
    files[path] = (files[path] ?? '') + chunk;
  });
  for (const study of studies) writer.add(study, studyExportLines(study));
  return files;
}

function defuseFormula(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
