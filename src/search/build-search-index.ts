import { analyseText } from './analyse-text.ts';
import type { DigestEntry } from './digest-entry.ts';
import type { DigestStudy } from './digest-study.ts';
import { encodeDocColumns, encodePmids } from './doc-columns.ts';
import { PartPostings } from './encode-index-shards.ts';
import {
  DOCS_FILE,
  FLAG_CONCERN,
  FLAG_OFF_TOPIC,
  FLAG_RETRACTED,
  META_FILE,
  PMIDS_FILE,
  type RowsChunk,
  rowSlots,
  rowsFile,
  SEARCH_INDEX_VERSION,
  type SearchMeta,
  shardFile,
} from './index-format.ts';
import { createVocabulary, labelOf, type SearchVocabulary, topicLabel } from './search-vocabulary.ts';
import { ByteReader, ByteWriter } from './varint.ts';

// Labels only: topic labels fall back to the id, so any topic table analyses the same.
const DEFAULT_VOCABULARY = createVocabulary([]);

/** path (relative to the site root) -> content, in the order to write them. */
export type SearchIndexFiles = [path: string, content: string | Uint8Array][];

// What the first results need to be good (titles, keywords, MeSH, tags) is the first part; authors,
// journal and abstracts the second, which the page loads after its first answer.
const PART_FIELDS = [
  ['title', 'subject'],
  ['people', 'abstract'],
];
/** Result rows a rows file holds: the 20 rows of a result page touch at most 20 files of ~8 KB gzip. */
const ROWS_PER_FILE = 100;

/**
 * The search index (index-format.ts): doc columns for filters, facets and sorting; each part's terms in
 * shards, so a query loads only the shards of its terms; result rows in chunks, loaded for the rows
 * shown. Studies (their entries, digest-entry.ts) are numbered newest first. Terms are taken study by
 * study and nothing but postings is kept, so the index of 100,000 studies builds in bounded memory.
 * `termsOf` gives a study's analysed terms (studyIndexTerms). The streaming build makes the same files
 * from the same functions, with the postings gathered on a thread of its own (search-index-thread.ts).
 */
export function buildSearchIndex(
  entries: DigestEntry[],
  vocabulary: SearchVocabulary,
  termsOf: (entry: DigestEntry) => string[],
  options: { shardBytes?: number } = {},
): SearchIndexFiles {
  const ordered = searchDocOrder(entries);
  const files = searchDocFiles(ordered, vocabulary);
  const parts = searchPostings();
  for (const [doc, entry] of ordered.entries()) addStudyTerms(parts, doc, termsOf(entry));
  const shards = searchShardFiles(parts, options.shardBytes);
  files.push(...shards.files, searchMetaFile(ordered.length, vocabulary, shards.parts));
  return files;
}

/** The order studies are numbered in: newest first, then by PMID. */
export function searchDocOrder<Entry extends Pick<DigestEntry, 'date' | 'pmid'>>(entries: Entry[]): Entry[] {
  return [...entries].sort((a, b) => b.date - a.date || Number(a.pmid) - Number(b.pmid));
}

/** The files of the index besides its terms: result rows, doc columns and PMIDs, of `ordered` studies. */
export function searchDocFiles(ordered: DigestEntry[], vocabulary: SearchVocabulary): SearchIndexFiles {
  const files: SearchIndexFiles = [];
  const rows: Parameters<typeof encodeDocColumns>[0] = [];
  const pmids: string[] = [];
  const bitsOf = (values: { id: string }[], ids: string[]) =>
    ids.reduce((mask, id) => {
      const bit = values.findIndex((value) => value.id === id);
      return bit < 0 ? mask : mask | (1 << bit);
    }, 0);
  for (const entry of ordered) {
    pmids.push(entry.pmid);
    rows.push({
      year: entry.year,
      date: entry.date,
      design: Math.max(
        0,
        vocabulary.design.findIndex((value) => value.id === entry.design),
      ),
      level: entry.level ?? 0,
      topic: bitsOf(vocabulary.topic, entry.topics),
      route: bitsOf(vocabulary.route, entry.routes),
      substance: bitsOf(vocabulary.substance, entry.substances),
      population: bitsOf(vocabulary.population, entry.populations),
      flags:
        (entry.retracted ? FLAG_RETRACTED : 0) |
        (entry.onTopic ? 0 : FLAG_OFF_TOPIC) |
        (entry.concern ? FLAG_CONCERN : 0),
      n: entry.n ?? 0,
    });
  }
  // The row files: the digest's studies first (rowSlots).
  const slots = rowSlots(rows.map((row) => row.flags));
  const bySlot = new Array<DigestEntry>(ordered.length);
  for (const [doc, entry] of ordered.entries()) bySlot[slots[doc] as number] = entry;
  for (let first = 0; first < bySlot.length; first += ROWS_PER_FILE) {
    const chunk: RowsChunk = { pmid: [], title: [], source: [] };
    for (const entry of bySlot.slice(first, first + ROWS_PER_FILE)) {
      chunk.pmid.push(entry.pmid);
      chunk.title.push(entry.title);
      chunk.source.push(entry.source);
    }
    files.push([rowsFile(first / ROWS_PER_FILE), JSON.stringify(chunk)]);
  }
  files.push([DOCS_FILE, encodeDocColumns(rows)], [PMIDS_FILE, encodePmids(pmids)]);
  return files;
}

/** Empty postings of the index's parts. */
export const searchPostings = () => PART_FIELDS.map((fields) => new PartPostings(fields));

/** A study's terms (per field, space-joined: studyIndexTerms) as doc `doc` of the parts' postings. */
const POSTINGS_MAGIC = 'EDP1';

/** The parts' postings before renumbering (PartPostings.save), in one file for the next build to carry. */
export function savePostings(parts: PartPostings[]): Uint8Array {
  const out = new ByteWriter();
  out.raw(new TextEncoder().encode(POSTINGS_MAGIC));
  out.varint(parts.length);
  const saved = parts.map((part) => part.save());
  for (const bytes of saved) out.varint(bytes.length);
  for (const bytes of saved) out.raw(bytes);
  return out.finish();
}

/**
 * Adds the postings of savePostings' file to `parts`, each doc under `numberOf[its number there]`;
 * throws when the bytes are not such a file.
 */
export function carryPostings(parts: PartPostings[], file: Uint8Array, numberOf: Int32Array): void {
  const read = new ByteReader(file);
  if (new TextDecoder().decode(read.take(4)) !== POSTINGS_MAGIC || read.varint() !== parts.length)
    throw new Error('not a file of search postings');
  const sizes = parts.map(() => read.varint());
  for (const [i, part] of parts.entries()) part.carry(read.take(sizes[i] as number), numberOf);
  if (!read.done) throw new Error('search postings: bytes left over after the last part');
}

export function addStudyTerms(parts: PartPostings[], doc: number, terms: string[]): void {
  (parts[0] as PartPostings).add(doc, [split(terms[0]), split(terms[1])]);
  (parts[1] as PartPostings).add(doc, [split(terms[2]), split(terms[3])]);
}

/** The shard files of the parts' postings (which this empties), and what meta.json says of them. */
export function searchShardFiles(
  parts: PartPostings[],
  shardBytes?: number,
): { files: SearchIndexFiles; parts: SearchMeta['parts'] } {
  const files: SearchIndexFiles = [];
  return {
    files,
    parts: parts.map((postings, part) => {
      const shards: SearchMeta['parts'][number]['shards'] = [];
      for (const shard of postings.shards(shardBytes)) {
        files.push([shardFile(part, shards.length), shard.bytes]);
        shards.push({ first: shard.first, bytes: shard.bytes.length });
      }
      return { fields: postings.fields, shards };
    }),
  };
}

export function searchMetaFile(
  docCount: number,
  vocabulary: SearchVocabulary,
  parts: SearchMeta['parts'],
): [string, string] {
  const meta: SearchMeta = {
    version: SEARCH_INDEX_VERSION,
    docCount,
    vocabulary,
    rowsPerFile: ROWS_PER_FILE,
    parts,
  };
  return [META_FILE, JSON.stringify(meta)];
}

const split = (terms: string | undefined) => (terms ? terms.split(' ') : []);

/**
 * A study's analysed terms per index field (title, subject, people, abstract), each space-joined: cheap
 * to send from a build worker, where this runs alongside tagging.
 */
export function studyIndexTerms(
  study: DigestStudy,
  vocabulary: SearchVocabulary = DEFAULT_VOCABULARY,
): string[] {
  const { record, tags } = study;
  const subject = [
    ...record.keywords,
    ...record.mesh.map((heading) => heading.descriptor),
    ...record.publicationTypes.map((type) => type.name),
    ...tags.topics.map((t) => topicLabel(t.id)),
    labelOf(vocabulary.design, tags.design.id),
    ...tags.routes.filter((t) => t.id !== 'not-stated').map((t) => labelOf(vocabulary.route, t.id)),
    ...tags.substances.map((t) => labelOf(vocabulary.substance, t.id)),
    ...tags.populations.map((t) => labelOf(vocabulary.population, t.id)),
    ...record.trialIds.map((trial) => trial.id),
  ].join(' \n ');
  const people = [
    ...record.authors.map((author) => author.lastName ?? author.collectiveName ?? ''),
    record.journal?.title ?? '',
    record.journal?.isoAbbreviation ?? '',
    record.doi ?? '',
  ].join(' \n ');
  return [
    analyseText(record.title).join(' '),
    analyseText(subject).join(' '),
    analyseText(people).join(' '),
    analyseText(record.abstract.map((section) => section.text).join(' \n ')).join(' '),
  ];
}
