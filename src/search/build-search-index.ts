import { analyseText } from './analyse-text.ts';
import { type DigestStudy, isRetracted, studyDate } from './digest-study.ts';
import { encodeIndexPart } from './encode-index-part.ts';
import {
  FIRST_PART_FILE,
  FLAG_CONCERN,
  FLAG_OFF_TOPIC,
  FLAG_RETRACTED,
  META_FILE,
  SEARCH_INDEX_VERSION,
  type SearchMeta,
} from './index-format.ts';
import { createVocabulary, labelOf, type SearchVocabulary, topicLabel } from './search-vocabulary.ts';

// Labels only: topic labels fall back to the id, so any topic table analyses the same.
const DEFAULT_VOCABULARY = createVocabulary([]);

export interface SearchIndexFiles {
  /** path (relative to the site root) -> content */
  'search/meta.json': string;
  'search/terms-1.bin': Uint8Array;
  'search/terms-2.bin': Uint8Array;
}

// What the first results need to be good (titles, keywords, MeSH, tags) comes first; authors, journal
// and abstracts come with the second part, to keep the bytes before first results under 1 MB gzip for
// 10,000 distinct studies (bench/RESULTS.md "Search").
const PART_1_FIELDS = ['title', 'subject'];
const PART_2_FIELDS = ['people', 'abstract'];

/**
 * The search index in two stages (PRODUCT.md section 6): meta.json + terms-1.bin hold what the first
 * results need (result rows, facets, and the terms of titles, keywords, MeSH and tags); terms-2.bin holds
 * the authors', journal's and abstracts' terms and is loaded after, in the search worker.
 */
export function buildSearchIndex(studies: DigestStudy[], vocabulary: SearchVocabulary): SearchIndexFiles {
  const docs: SearchMeta['docs'] = {
    pmid: [],
    title: [],
    source: [],
    year: [],
    date: [],
    design: [],
    level: [],
    topic: [],
    route: [],
    substance: [],
    population: [],
    flags: [],
    n: [],
  };
  const part1: string[][][] = [];
  const part2: string[][][] = [];
  const bitsOf = (values: { id: string }[], ids: string[]) =>
    ids.reduce((mask, id) => {
      const bit = values.findIndex((value) => value.id === id);
      return bit < 0 ? mask : mask | (1 << bit);
    }, 0);
  for (const study of studies) {
    const { record, tags } = study;
    docs.pmid.push(record.pmid);
    docs.title.push(record.title);
    docs.source.push(sourceLine(study));
    docs.year.push(record.published?.year ?? 0);
    docs.date.push(studyDate(record));
    docs.design.push(
      Math.max(
        0,
        vocabulary.design.findIndex((value) => value.id === tags.design.id),
      ),
    );
    docs.level.push(tags.evidenceLevel.level ?? 0);
    docs.topic.push(
      bitsOf(
        vocabulary.topic,
        tags.topics.map((t) => t.id),
      ),
    );
    docs.route.push(
      bitsOf(
        vocabulary.route,
        tags.routes.map((t) => t.id),
      ),
    );
    docs.substance.push(
      bitsOf(
        vocabulary.substance,
        tags.substances.map((t) => t.id),
      ),
    );
    docs.population.push(
      bitsOf(
        vocabulary.population,
        tags.populations.map((t) => t.id),
      ),
    );
    const concern = record.retraction.notices.some((notice) => notice.type === 'ExpressionOfConcernIn');
    docs.flags.push(
      (isRetracted(study) ? FLAG_RETRACTED : 0) |
        (tags.relevance.id === 'off-topic' ? FLAG_OFF_TOPIC : 0) |
        (concern ? FLAG_CONCERN : 0),
    );
    docs.n.push(tags.n?.value ?? 0);

    const terms = study.terms ?? studyIndexTerms(study, vocabulary);
    part1.push([split(terms[0]), split(terms[1])]);
    part2.push([split(terms[2]), split(terms[3])]);
  }
  const meta: SearchMeta = {
    version: SEARCH_INDEX_VERSION,
    docCount: studies.length,
    vocabulary,
    parts: [
      { file: FIRST_PART_FILE, fields: PART_1_FIELDS },
      { file: 'search/terms-2.bin', fields: PART_2_FIELDS },
    ],
    docs,
  };
  return {
    [META_FILE]: JSON.stringify(meta),
    [FIRST_PART_FILE]: encodeIndexPart(PART_1_FIELDS, part1),
    'search/terms-2.bin': encodeIndexPart(PART_2_FIELDS, part2),
  };
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
