/**
 * Field-level rules the whole-record tests cannot cover one by one: date shapes, ORCID spellings, trial
 * registry ids, notices no fixture holds (ExpressionOfConcernIn is synthesised from the DTD).
 */
import { describe, expect, it } from 'vitest';
import { parseArticleSet } from '../../src/parse/index.ts';
import { normalizeOrcid } from '../../src/parse/map-authors.ts';
import { isoDate, monthNumber, pubDate } from '../../src/parse/map-dates.ts';

const date = (inner: string) =>
  pubDate({ ...Object.fromEntries([...inner.matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map((m) => [m[1], m[2]])) });

function article(body: string, pmid = '5'): string {
  return `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="2">${pmid}</PMID><Article><Journal><Title>J</Title></Journal><ArticleTitle>T</ArticleTitle>${body}<Language>eng</Language></Article></MedlineCitation></PubmedArticle>`;
}

describe('field rules', () => {
  it('PubDate: MedlineDate ranges start the range, text keeps what PubMed wrote', () => {
    expect(date('<MedlineDate>1998 Dec-1999 Jan</MedlineDate>')).toEqual({
      year: 1998,
      month: 12,
      day: null,
      season: null,
      text: '1998 Dec-1999 Jan',
    });
    expect(date('<MedlineDate>2019 Sep/Oct</MedlineDate>')).toEqual({
      year: 2019,
      month: 9,
      day: null,
      season: null,
      text: '2019 Sep/Oct',
    });
    expect(date('<MedlineDate>2000 Spring-Summer</MedlineDate>')).toMatchObject({
      year: 2000,
      month: null,
      season: 'Spring',
    });
    expect(date('<MedlineDate>Winter 2019</MedlineDate>')).toMatchObject({ year: 2019, season: 'Winter' });
    expect(date('<MedlineDate>2015 Mar 3-10</MedlineDate>')).toMatchObject({ year: 2015, month: 3, day: 3 });
    expect(date('<Year>2020</Year><Month>09</Month><Day>04</Day>')).toEqual({
      year: 2020,
      month: 9,
      day: 4,
      season: null,
      text: '2020 Sep 4',
    });
    expect(date('<Year>2021</Year><Season>Apr-Jun</Season>')).toEqual({
      year: 2021,
      month: null,
      day: null,
      season: 'Apr-Jun',
      text: '2021 Apr-Jun',
    });
    expect(date('<Year>2021</Year><Month>Sept</Month><Day>41</Day>')).toEqual({
      year: 2021,
      month: 9,
      day: null,
      season: null,
      text: '2021 Sep',
    });
    expect(pubDate(undefined)).toBeNull();
  });

  it('ISO dates keep only the precision PubMed gives', () => {
    expect(isoDate({ Year: '2019', Month: '3', Day: '8' })).toBe('2019-03-08');
    expect(isoDate({ Year: '2019', Month: 'Mar' })).toBe('2019-03');
    expect(isoDate({ Year: '2019' })).toBe('2019');
    expect(isoDate({ Month: '3' })).toBeNull();
    expect(['Jan', 'february', '7', '12', '13', 'x'].map(monthNumber)).toEqual([1, 2, 7, 12, null, null]);
  });

  it('ORCIDs in every spelling PubMed uses become the bare iD', () => {
    expect(normalizeOrcid('https://orcid.org/0000-0002-4590-7461')).toBe('0000-0002-4590-7461');
    expect(normalizeOrcid('http://orcid.org/0000-0001-5109-393x')).toBe('0000-0001-5109-393X');
    expect(normalizeOrcid('000000021234567X')).toBe('0000-0002-1234-567X');
    expect(normalizeOrcid('not an orcid')).toBe('not an orcid');
  });

  it('trial ids: registries from DataBankList (not GEO/PDB), ids stated in the abstract, no duplicates', () => {
    const banks =
      '<DataBankList><DataBank><DataBankName>ClinicalTrials.gov</DataBankName><AccessionNumberList><AccessionNumber>NCT01234567</AccessionNumber></AccessionNumberList></DataBank><DataBank><DataBankName>GEO</DataBankName><AccessionNumberList><AccessionNumber>GSE12345</AccessionNumber></AccessionNumberList></DataBank></DataBankList>';
    const abstract =
      '<Abstract><AbstractText>Registered as NCT01234567, nct 07654321 and NCT 01111111; ISRCTN12345678; EudraCT number: 2015-001234-56; ChiCTR-IOR-17013175; ACTRN12623000486628; ChiCTR1800018230. Not an id: NCT123.</AbstractText></Abstract>';
    const [record] = parseArticleSet(article(abstract + banks), { file: 'x' }).records;
    expect(record?.trialIds).toEqual([
      { registry: 'ClinicalTrials.gov', id: 'NCT01234567' },
      { registry: 'abstract', id: 'NCT07654321' },
      { registry: 'abstract', id: 'NCT01111111' },
      { registry: 'abstract', id: 'ISRCTN12345678' },
      { registry: 'abstract', id: 'ACTRN12623000486628' },
      { registry: 'abstract', id: 'ChiCTR-IOR-17013175' },
      { registry: 'abstract', id: 'ChiCTR1800018230' },
      { registry: 'abstract', id: '2015-001234-56' },
    ]);
  });

  it('trial ids: each registry pattern is found in an abstract that names only it (the one-pass prefix check)', () => {
    const stated: [string, string][] = [
      ['isrctn 12345678', 'ISRCTN12345678'],
      ['DRKS00012345', 'DRKS00012345'],
      ['CTRI/2019/05/019123', 'CTRI/2019/05/019123'],
      ['IRCT20190101042342N1', 'IRCT20190101042342N1'],
      ['UMIN000012345', 'UMIN000012345'],
      ['jRCTs031180123', 'jRCTs031180123'],
      ['TCTR20190101001', 'TCTR20190101001'],
      ['PACTR201901123456789', 'PACTR201901123456789'],
      ['EudraCT 2015-001234-56', '2015-001234-56'],
    ];
    for (const [text, id] of stated) {
      const abstract = `<Abstract><AbstractText>Registered (${text}).</AbstractText></Abstract>`;
      const [record] = parseArticleSet(article(abstract), { file: 'x' }).records;
      expect(record?.trialIds, text).toEqual([{ registry: 'abstract', id }]);
    }
  });

  it('ExpressionOfConcernIn and RetractedandRepublishedIn are notices; the latter marks the study retracted', () => {
    const links = (...types: string[]) =>
      `<CommentsCorrectionsList>${types.map((t, i) => `<CommentsCorrections RefType="${t}"><RefSource>X</RefSource><PMID Version="1">${900 + i}</PMID></CommentsCorrections>`).join('')}</CommentsCorrectionsList>`;
    const xml = (refs: string) =>
      `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">5</PMID><Article><ArticleTitle>T</ArticleTitle></Article>${refs}</MedlineCitation></PubmedArticle>`;
    const concern = parseArticleSet(xml(links('CommentIn', 'ExpressionOfConcernIn', 'Cites')), { file: 'x' })
      .records[0];
    expect(concern?.retraction).toEqual({
      retracted: false,
      notices: [{ type: 'ExpressionOfConcernIn', pmid: '901' }],
    });
    const republished = parseArticleSet(xml(links('RetractedandRepublishedIn')), { file: 'x' }).records[0];
    expect(republished?.retraction).toEqual({
      retracted: true,
      notices: [{ type: 'RetractedandRepublishedIn', pmid: '900' }],
    });
  });

  it('authors: ValidYN="N" names are left out, CompleteYN="N" is kept, version comes from PMID@Version', () => {
    const list =
      '<AuthorList CompleteYN="N"><Author ValidYN="N"><LastName>Smiht</LastName></Author><Author><LastName>Smith</LastName><Initials>J</Initials></Author></AuthorList>';
    const [record] = parseArticleSet(article(list), { file: 'x' }).records;
    expect(record?.authors.map((a) => a.lastName)).toEqual(['Smith']);
    expect(record?.authorListComplete).toBe(false);
    expect(record?.version).toBe('2');
  });
});
