/**
 * A PubMed record with hostile text in every field a page, feed or export shows: script tags, event
 * handlers, javascript: URLs, `</script>` and quote breaks. It is valid PubMed XML (the payloads are
 * XML-escaped text, as a malicious or careless publisher would deliver them) and is about ketamine for
 * depression, so it reaches every page kind: digest, topics, study, search, about, feed, exports.
 */
export const HOSTILE = {
  script: '<script>alert("xss-title")</script>',
  img: '<img src=x onerror=alert("xss-img")>',
  svg: '"><svg onload=alert("xss-svg")>',
  js: 'javascript:alert("xss-url")',
  endScript: '</script><script>alert("xss-json")</script>',
  ris: 'evil\nER  - \nTY  - JOUR\nTI  - forged',
  bib: 'evil}, title = {forged',
} as const;

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function hostileRecordXml(pmid = '99999901'): string {
  const h = HOSTILE;
  return `<PubmedArticle>
<MedlineCitation Status="MEDLINE" Owner="NLM">
<PMID Version="1">${pmid}</PMID>
<DateRevised><Year>2025</Year><Month>01</Month><Day>02</Day></DateRevised>
<Article PubModel="Print">
<Journal>
<ISSN IssnType="Electronic">${xml(h.svg)}</ISSN>
<JournalIssue CitedMedium="Internet"><Volume>${xml(h.img)}</Volume><Issue>${xml(h.bib)}</Issue><PubDate><Year>2024</Year><Month>Mar</Month></PubDate></JournalIssue>
<Title>${xml(h.endScript)} Journal of Ketamine</Title>
<ISOAbbreviation>${xml(h.script)} J Ket</ISOAbbreviation>
</Journal>
<ArticleTitle>Esketamine for treatment-resistant depression ${xml(h.script)} ${xml(h.img)}: a randomized controlled trial ${xml(h.endScript)}</ArticleTitle>
<Pagination><MedlinePgn>${xml(h.ris)}</MedlinePgn></Pagination>
<ELocationID EIdType="doi" ValidYN="Y">${xml(h.js)}</ELocationID>
<Abstract>
<AbstractText Label="${xml(h.svg)}" NlmCategory="BACKGROUND">Intranasal esketamine in depression ${xml(h.img)} ${xml(h.svg)}.</AbstractText>
<AbstractText Label="METHODS" NlmCategory="METHODS">In this randomized, double-blind, placebo-controlled trial, 120 patients with treatment-resistant depression received esketamine ${xml(h.endScript)} ${xml(h.js)}.</AbstractText>
<AbstractText Label="RESULTS" NlmCategory="RESULTS">Response and remission rates improved; MADRS scores fell ${xml(h.ris)} ${xml(h.bib)}.</AbstractText>
</Abstract>
<AuthorList CompleteYN="Y">
<Author ValidYN="Y"><LastName>${xml(h.script)}</LastName><ForeName>${xml(h.svg)}</ForeName><Initials>X</Initials><Identifier Source="ORCID">${xml(h.js)}</Identifier><AffiliationInfo><Affiliation>${xml(h.img)}</Affiliation></AffiliationInfo></Author>
<Author ValidYN="Y"><CollectiveName>${xml(h.endScript)} Group</CollectiveName></Author>
</AuthorList>
<Language>eng</Language>
<DataBankList CompleteYN="Y"><DataBank><DataBankName>ClinicalTrials.gov</DataBankName><AccessionNumberList><AccessionNumber>${xml(h.js)}</AccessionNumber></AccessionNumberList></DataBank></DataBankList>
<PublicationTypeList><PublicationType UI="D016449">Randomized Controlled Trial</PublicationType><PublicationType UI="D000000">${xml(h.script)}</PublicationType></PublicationTypeList>
</Article>
<MedlineJournalInfo><Country>United States</Country><MedlineTA>${xml(h.svg)}</MedlineTA></MedlineJournalInfo>
<MeshHeadingList>
<MeshHeading><DescriptorName UI="D007649" MajorTopicYN="Y">Ketamine</DescriptorName></MeshHeading>
<MeshHeading><DescriptorName UI="D000001" MajorTopicYN="N">${xml(h.img)}</DescriptorName><QualifierName UI="Q000001" MajorTopicYN="N">${xml(h.script)}</QualifierName></MeshHeading>
</MeshHeadingList>
<KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N">${xml(h.js)}</Keyword><Keyword MajorTopicYN="N">${xml(h.endScript)}</Keyword></KeywordList>
</MedlineCitation>
<PubmedData>
<History><PubMedPubDate PubStatus="entrez"><Year>2024</Year><Month>3</Month><Day>5</Day></PubMedPubDate></History>
<PublicationStatus>ppublish</PublicationStatus>
<ArticleIdList><ArticleId IdType="pubmed">${pmid}</ArticleId><ArticleId IdType="doi">${xml(h.js)}</ArticleId><ArticleId IdType="pmc">${xml(h.svg)}</ArticleId></ArticleIdList>
</PubmedData>
</PubmedArticle>`;
}
