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
 * The search index (index-format.ts): doc columns for filters, facets and sorting; each part's terms in
 * shards, so a query loads only the shards of its terms; result rows in chunks, loaded for the rows
 * shown. Studies are numbered newest first. Terms are taken study by study and nothing but postings is
 * kept, so the index of 100,000 studies builds in bounded memory.
 */
export function buildSearchIndex(
  studies: DigestStudy[],
  vocabulary: SearchVocabulary,
  options: { shardBytes?: number } = {},
): SearchIndexFiles {
  const ordered = studies
    .map((study) => ({ study, date: studyDate(study.record) }))
    .sort((a, b) => b.date - a.date || Number(a.study.record.pmid) - Number(b.study.record.pmid));
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
  for (const { study, date } of ordered) {
    const { record, tags } = study;
    pmids.push(record.pmid);
    chunk.pmid.push(record.pmid);
    chunk.title.push(record.title);
    chunk.source.push(sourceLine(study));
    if (chunk.pmid.length === ROWS_PER_FILE) {
      files.push([rowsFile(chunks++), JSON.stringify(chunk)]);
      chunk = { pmid: [], title: [], source: [] };
    }
    const concern = record.retraction.notices.some((notice) => notice.type === 'ExpressionOfConcernIn');
    rows.push({
      year: record.published?.year ?? 0,
      date,
      design: Math.max(
        0,
        vocabulary.design.findIndex((value) => value.id === tags.design.id),
      ),
      level: tags.evidenceLevel.level ?? 0,
      topic: bitsOf(
        vocabulary.topic,
        tags.topics.map((t) => t.id),
      ),
      route: bitsOf(
        vocabulary.route,
        tags.routes.map((t) => t.id),
      ),
      substance: bitsOf(
        vocabulary.substance,
        tags.substances.map((t) => t.id),
      ),
      population: bitsOf(
        vocabulary.population,
        tags.populations.map((t) => t.id),
      ),
      flags:
        (isRetracted(study) ? FLAG_RETRACTED : 0) |
        (tags.relevance.id === 'off-topic' ? FLAG_OFF_TOPIC : 0) |
        (concern ? FLAG_CONCERN : 0),
      n: tags.n?.value ?? 0,
    });
    const terms = study.terms ?? studyIndexTerms(study, vocabulary);
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
