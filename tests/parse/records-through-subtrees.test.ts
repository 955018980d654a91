/**
 * Whole records whose lists (authors, MeSH, keywords, history, ids, comments and corrections) are read by
 * read-subtree.ts: hostile text stays text, mixed content keeps its order, faults are reported.
 */
import { describe, expect, it } from 'vitest';
import { parseRecordXml } from '../../src/parse/index.ts';
import type { StudyRecord } from '../../src/records.ts';

/** A list element in a minimal article, as a record parser sees it. */
const article = (inside: string, pubmedData = '') =>
  `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">1</PMID><Article><ArticleTitle>T</ArticleTitle>${inside}</Article></MedlineCitation><PubmedData>${pubmedData}</PubmedData></PubmedArticle>`;

describe('records read through subtrees', () => {
  const record = (xml: string) => parseRecordXml(xml) as StudyRecord;

  it('keep hostile text as text and decode entities once (keywords, affiliations, MeSH)', () => {
    const parsed = record(
      article(
        '<AuthorList><Author><LastName>O&apos;Brien &amp;#x41;</LastName><AffiliationInfo><Affiliation>Dept &lt;script&gt;alert(1)&lt;/script&gt; <b onclick="x()">B</b> &#x3c;i&#x3e;</Affiliation></AffiliationInfo></Author></AuthorList>',
        '',
      ).replace(
        '</Article>',
        '</Article><MeshHeadingList><MeshHeading><DescriptorName UI="D1" MajorTopicYN="Y">A &amp;amp; B</DescriptorName><QualifierName UI="Q1" MajorTopicYN="N">q</QualifierName></MeshHeading></MeshHeadingList><KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N">javascript:alert(1) <i>in</i> vivo</Keyword><Keyword>&lt;img src=x onerror=alert(1)&gt;</Keyword></KeywordList>',
      ),
    );
    expect(parsed.authors).toEqual([
      {
        lastName: "O'Brien &#x41;",
        foreName: null,
        initials: null,
        suffix: null,
        collectiveName: null,
        orcid: null,
        affiliations: ['Dept <script>alert(1)</script> <b onclick="x()">B</b> <i>'],
      },
    ]);
    expect(parsed.mesh).toEqual([
      { descriptor: 'A &amp; B', ui: 'D1', major: true, qualifiers: [{ name: 'q', ui: 'Q1', major: false }] },
    ]);
    expect(parsed.keywords).toEqual(['javascript:alert(1) in vivo', '<img src=x onerror=alert(1)>']);
  });

  it('keep the order of mixed content inside a list (a CollectiveName with markup)', () => {
    const parsed = record(
      article(
        '<AuthorList><Author><CollectiveName>The <i>TERT</i> group, Na<sup>+</sup> study &amp; others</CollectiveName></Author></AuthorList>',
      ),
    );
    expect(parsed.authors[0]?.collectiveName).toBe('The TERT group, Na+ study & others');
  });

  it('read history dates, ids and notices from their lists', () => {
    const parsed = record(
      article(
        '<PublicationTypeList><PublicationType UI="D016441">Retracted Publication</PublicationType></PublicationTypeList>',
        '<History><PubMedPubDate PubStatus="entrez"><Year>2020</Year><Month>3</Month><Day>4</Day><Hour>1</Hour></PubMedPubDate></History><PublicationStatus>ppublish</PublicationStatus><ArticleIdList><ArticleId IdType="doi">10.1/&lt;x&gt;</ArticleId><ArticleId IdType="pmc">PMC1</ArticleId></ArticleIdList>',
      ).replace(
        '</Article>',
        '</Article><CommentsCorrectionsList><CommentsCorrections RefType="RetractionIn"><RefSource>R</RefSource><PMID Version="1">2</PMID></CommentsCorrections></CommentsCorrectionsList>',
      ),
    );
    expect(parsed.dates.history).toEqual([{ status: 'entrez', date: '2020-03-04' }]);
    expect(parsed.doi).toBe('10.1/<x>');
    expect(parsed.pmcid).toBe('PMC1');
    expect(parsed.retraction).toEqual({
      retracted: true,
      notices: [
        { type: 'RetractedPublication', pmid: null },
        { type: 'RetractionIn', pmid: '2' },
      ],
    });
  });

  it('report a tag name holding a space character XML does not allow (the parser would end the name there)', () => {
    for (const space of ['\u00a0', '\f', '\v', '\u2003', '\u3000', '\ufeff']) {
      expect(() =>
        parseRecordXml(
          article(`<AuthorList${space}CompleteYN="Y"><Author/></AuthorList${space}CompleteYN="Y">`),
        ),
      ).toThrow(/malformed record: a tag name holds a space character XML does not allow/);
    }
  });

  it('report a record whose list holds a refused name as malformed, as before', () => {
    expect(() => parseRecordXml(article('<AuthorList><__proto__/></AuthorList>'))).toThrow(
      /malformed record: .*__proto__/,
    );
  });
});
