import { analyseText } from './analyse-text.ts';
import { type DigestStudy, isRetracted, studyDate } from './digest-study.ts';
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
  rowsFile,
  SEARCH_INDEX_VERSION,
  type SearchMeta,
  shardFile,
} from './index-format.ts';
import { createVocabulary, labelOf, type SearchVocabulary, topicLabel } from './search-vocabulary.ts';

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
 * What the search index needs of one study: its row, its facet values (ids, mapped to the vocabulary when
 * the index is built) and its analysed terms. A function of the study alone, so a build thread makes it
 * where the study is and the main thread never holds the terms (build-site-from-cache.ts).
 */
export interface SearchEntry {
  pmid: string;
  date: number;
  year: number;
  title: string;
  source: string;
  design: string;
  level: number;
  topic: string[];
  route: string[];
  substance: string[];
  population: string[];
  retracted: boolean;
  offTopic: boolean;
  concern: boolean;
  n: number;
  terms: string[];
}

export function searchEntry(study: DigestStudy): SearchEntry {
  const { record, tags } = study;
  return {
    pmid: record.pmid,
    date: studyDate(record),
    year: record.published?.year ?? 0,
    title: record.title,
    source: sourceLine(study),
    design: tags.design.id,
    level: tags.evidenceLevel.level ?? 0,
    topic: tags.topics.map((t) => t.id),
    route: tags.routes.map((t) => t.id),
    substance: tags.substances.map((t) => t.id),
    population: tags.populations.map((t) => t.id),
    retracted: isRetracted(study),
    offTopic: tags.relevance.id === 'off-topic',
    concern: record.retraction.notices.some((notice) => notice.type === 'ExpressionOfConcernIn'),
    n: tags.n?.value ?? 0,
    terms: study.terms ?? studyIndexTerms(study),
  };
}

/**
 * The search index (index-format.ts): doc columns for filters, facets and sorting; each part's terms in
 * shards, so a query loads only the shards of its terms; result rows in chunks, loaded for the rows
 * shown. Studies are numbered newest first.
 */
export function buildSearchIndex(
  studies: DigestStudy[],
  vocabulary: SearchVocabulary,
  options: { shardBytes?: number } = {},
): SearchIndexFiles {
  return buildSearchIndexFromEntries(studies.map(searchEntry), vocabulary, options);
}

/**
 * The index from the studies' entries. Terms are taken entry by entry and nothing but postings is kept,
 * so the index of 100,000 studies builds in bounded memory.
 */
export function buildSearchIndexFromEntries(
  entries: SearchEntry[],
  vocabulary: SearchVocabulary,
  options: { shardBytes?: number } = {},
): SearchIndexFiles {
  const ordered = [...entries].sort((a, b) => b.date - a.date || Number(a.pmid) - Number(b.pmid));
  const files: SearchIndexFiles = [];
  const parts = PART_FIELDS.map((fields) => new PartPostings(fields));
  const rows: Parameters<typeof encodeDocColumns>[0] = [];
  const pmids: string[] = [];
  let chunks = 0;
  let chunk: RowsChunk = { pmid: [], title: [], source: [] };
  const bitsOf = (values: { id: string }[], ids: string[]) =>
    ids.reduce((mask, id) => {
      const bit = values.findIndex((value) => value.id === id);
      return bit < 0 ? mask : mask | (1 << bit);
    }, 0);
  for (const entry of ordered) {
    pmids.push(entry.pmid);
    chunk.pmid.push(entry.pmid);
    chunk.title.push(entry.title);
    chunk.source.push(entry.source);
    if (chunk.pmid.length === ROWS_PER_FILE) {
      files.push([rowsFile(chunks++), JSON.stringify(chunk)]);
      chunk = { pmid: [], title: [], source: [] };
    }
    rows.push({
      year: entry.year,
      date: entry.date,
      design: Math.max(
        0,
        vocabulary.design.findIndex((value) => value.id === entry.design),
      ),
      level: entry.level,
      topic: bitsOf(vocabulary.topic, entry.topic),
      route: bitsOf(vocabulary.route, entry.route),
      substance: bitsOf(vocabulary.substance, entry.substance),
      population: bitsOf(vocabulary.population, entry.population),
      flags:
        (entry.retracted ? FLAG_RETRACTED : 0) |
        (entry.offTopic ? FLAG_OFF_TOPIC : 0) |
        (entry.concern ? FLAG_CONCERN : 0),
      n: entry.n,
    });
    const { terms } = entry;
    (parts[0] as PartPostings).add([split(terms[0]), split(terms[1])]);
    (parts[1] as PartPostings).add([split(terms[2]), split(terms[3])]);
  }
  if (chunk.pmid.length > 0) files.push([rowsFile(chunks++), JSON.stringify(chunk)]);
  files.push([DOCS_FILE, encodeDocColumns(rows)], [PMIDS_FILE, encodePmids(pmids)]);
  const meta: SearchMeta = {
    version: SEARCH_INDEX_VERSION,
    docCount: ordered.length,
    vocabulary,
    rowsPerFile: ROWS_PER_FILE,
    parts: parts.map((postings, part) => {
      const shards: SearchMeta['parts'][number]['shards'] = [];
      for (const shard of postings.shards(options.shardBytes)) {
        files.push([shardFile(part, shards.length), shard.bytes]);
        shards.push({ first: shard.first, bytes: shard.bytes.length });
      }
      return { fields: postings.fields, shards };
    }),
  };
  files.push([META_FILE, JSON.stringify(meta)]);
  return files;
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

/** "Daly EJ, et al. JAMA Psychiatry. 2018" for a result row. */
function sourceLine(study: DigestStudy): string {
  const { record } = study;
  const first = record.authors[0];
  const author = first
    ? (first.collectiveName ?? [first.lastName, first.initials].filter(Boolean).join(' '))
    : '';
  const authors = author === '' ? '' : `${author}${record.authors.length > 1 ? ', et al.' : '.'}`;
  const journal = record.journal?.isoAbbreviation ?? record.journal?.title ?? record.book?.title ?? '';
  const year = record.published?.year ?? record.published?.text ?? '';
  return [authors, journal ? `${journal}.` : '', year ? `${year}.` : ''].filter(Boolean).join(' ');
}
