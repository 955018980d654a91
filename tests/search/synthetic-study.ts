/** Small made-up records for search tests: only the fields the index reads, run through parse and tag. */
import { parseRecordXml } from '../../src/parse/index.ts';
import type { StudyRecord } from '../../src/records.ts';
import {
  buildSearchIndex,
  type DigestStudy,
  digestEntry,
  type SearchIndexFiles,
  type SearchVocabulary,
  studyIndexTerms,
} from '../../src/search/index.ts';
import { tagStudy } from '../../src/tag/index.ts';

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function syntheticStudy(options: {
  pmid: string;
  title: string;
  abstract?: string;
  year?: number;
  publicationTypes?: string[];
  keywords?: string[];
  retracted?: boolean;
}): DigestStudy {
  const types = [
    ...(options.publicationTypes ?? ['Journal Article']),
    ...(options.retracted ? ['Retracted Publication'] : []),
  ];
  const record =
    parseRecordXml(`<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">${options.pmid}</PMID>
<Article PubModel="Print"><Journal><JournalIssue><Volume>1</Volume><PubDate><Year>${options.year ?? 2020}</Year></PubDate></JournalIssue><Title>Test journal</Title><ISOAbbreviation>Test J</ISOAbbreviation></Journal>
<ArticleTitle>${xml(options.title)}</ArticleTitle><Abstract><AbstractText>${xml(options.abstract ?? '')}</AbstractText></Abstract>
<AuthorList><Author><LastName>Tester</LastName><ForeName>Ann</ForeName><Initials>A</Initials></Author></AuthorList>
<PublicationTypeList>${types.map((t) => `<PublicationType>${xml(t)}</PublicationType>`).join('')}</PublicationTypeList></Article>
${options.keywords ? `<KeywordList>${options.keywords.map((k) => `<Keyword>${xml(k)}</Keyword>`).join('')}</KeywordList>` : ''}
</MedlineCitation><PubmedData><History><PubMedPubDate PubStatus="entrez"><Year>${options.year ?? 2020}</Year><Month>1</Month><Day>1</Day></PubMedPubDate></History>
<ArticleIdList><ArticleId IdType="pubmed">${options.pmid}</ArticleId></ArticleIdList></PubmedData></PubmedArticle>`) as StudyRecord;
  return { record, tags: tagStudy(record), fetchedAt: '2025-01-01T00:00:00.000Z' };
}

/** The search index of whole studies, as buildSite makes it: their entries, their terms analysed here. */
export function indexOfStudies(
  studies: DigestStudy[],
  vocabulary: SearchVocabulary,
  options: { shardBytes?: number } = {},
): SearchIndexFiles {
  const byPmid = new Map(studies.map((study) => [study.record.pmid, study]));
  return buildSearchIndex(
    studies.map(digestEntry),
    vocabulary,
    (entry) => studyIndexTerms(byPmid.get(entry.pmid) as DigestStudy),
    options,
  );
}
