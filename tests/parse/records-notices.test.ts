/**
 * Whole-record assertions (read off the fixture XML) for retractions, notices and trial registrations.
 */
import { describe, expect, it } from 'vitest';
import { author, fixtureRecord, history, mesh, qualifier, section, type } from './record-builders.ts';

describe('whole records: retractions, notices, trial ids', () => {
  it('PMID 30883917: a retraction notice (RetractionOf) is not itself retracted', () => {
    const reference =
      'Penkowa, M., & Hidalgo, J. J. (2003). Treatment with metallothionein prevents demyelination and axonal damage and increases oligodendrocyte precursors and tissue repair during experimental autoimmune encephalomyelitis. Neuroscience Research, 72(5):574-586. https://doi.org/10.1002/jnr.10615.';
    const text = `${reference} The above article published online on 08 April 2003 in Wiley Online Library (wileyonlinelibrary.com) has been retracted by agreement between the primary author, Dr. Juan Hidalgo, the journal Editor-in-Chief, Eric M Prager, and Wiley Periodicals, Inc. This retraction has been agreed due to discrepancies in the type and number of animals used in experiments performed by the corresponding author, Milena Penkowa, identified during the course of investigations into Ms. Penkowa's research by the University of Copenhagen in 2012, rendering the data and conclusions drawn from them unreliable. The authors would like to apologize to The Journal of Neuroscience Research and their colleagues for any difficulties caused by the publication of this article. REFERENCE: ${reference}`;
    expect(fixtureRecord('ncbi-biomedical-citation-selector__test_citations.xml', '30883917')).toEqual({
      pmid: '30883917',
      version: '1',
      kind: 'article',
      title: 'Retraction.',
      titleHtml: 'Retraction.',
      vernacularTitle: null,
      abstract: [
        { label: null, category: null, text, html: text.replaceAll('&', '&amp;').replaceAll("'", '&#39;') },
      ],
      otherAbstracts: [],
      authors: [],
      authorListComplete: null,
      journal: {
        title: 'Journal of neuroscience research',
        isoAbbreviation: 'J. Neurosci. Res.',
        medlineTA: 'J Neurosci Res',
        issn: '1097-4547',
        volume: '97',
        issue: '5',
        pages: '639',
      },
      published: { year: 2019, month: 5, day: null, season: null, text: '2019 May' },
      electronicDate: '2019-03-08',
      doi: '10.1002/jnr.24407',
      pmcid: null,
      publicationTypes: [type('D016440', 'Retraction of Publication')],
      mesh: [],
      keywords: [],
      language: ['eng'],
      status: 'In-Data-Review',
      trialIds: [],
      retraction: { retracted: false, notices: [{ type: 'RetractionOf', pmid: '12749022' }] },
      dates: {
        entrez: '2019-03-19',
        pubmed: '2019-03-19',
        medline: '2019-03-19',
        revised: '2019-03-18',
        history: history(['entrez', '2019-03-19'], ['pubmed', '2019-03-19'], ['medline', '2019-03-19']),
      },
      publicationStatus: 'ppublish',
      book: null,
    });
  });

  it('PMID 31541003: retracted by publication type and RetractionIn; text kept after nested <i> and <i>P&lt;</i>', () => {
    // ~ marks the no-break spaces (U+00A0) that are in the XML.
    const html =
      'The study aimed to investigate the functional roles of micorRNA (miR)-367 in progression of hepatocellular carcinoma (HCC), as well as its regulation on PI3K/AKT pathway.~The relative expression of <i>miR-367</i> ~in HCC tissues and cell line was detected using quantitative real-time polymerase chain reaction (qRT-PCR) method. Chi-square test was applied to analyze the relationship between <i>miR-367</i> expression and clinical characterizes of HCC patients. The influences of <i>miR-367</i> ~expression on cell proliferation, migration and invasion were analyzed using MTT and transwell assays respectively. Western blot assay was performed to for protein analysis.~HCC tissues and cell lines exhibited significant up-regulation of <i>miR-367</i> Moreover, the elevated expression of <i>miR-367</i> ~was positively correlated with tumor size ( <i>P</i> =0.005), metastasis ( <i>P</i> =0.004) and TNM stage ( <i>P&lt;</i> 0.001). Knockdown of <i>miR-367</i> ~expression could inhibit cell proliferation, migration and invasion in vitro. While, enhanced <i>miR-367</i> ~expression exhibited opposite effects. Besides, inhibition of <i>miR-367</i> ~might enhance <i>PTEN</i> ~expression, reduce the levels of p-GSK3\u03b2 and p-AKT. <i>PTEN</i> ~might be a target of <i>miR-367</i> ~in HCC. The inhibition of <i>PTEN</i> ~could reverse the anti-tumor action caused by the knockdown of <i>miR-367</i>~ <i>MiR-367</i> ~serves as an oncogene in HCC through activating the PI3K/AKT pathway by targeting <i>PTEN</i>.'.replaceAll(
        '~',
        '\u00a0',
      );
    const text = html.replaceAll('<i>', '').replaceAll('</i>', '').replaceAll('&lt;', '<');
    const affiliation = 'Hunan Provincial Tumor Hospital, Changsha, China.';
    expect(fixtureRecord('pubmedparser-netsynergy__pubmed21n1005.xml.gz', '31541003')).toEqual({
      pmid: '31541003',
      version: '1',
      kind: 'article',
      title:
        'MicroRNA-367 promotes progression of hepatocellular carcinoma through PTEN /PI3K/AKT signaling pathway.',
      titleHtml:
        'MicroRNA-367 promotes progression of hepatocellular carcinoma through <i><i>PTEN</i></i> /PI3K/AKT signaling pathway.',
      vernacularTitle: null,
      abstract: [{ label: null, category: null, text, html }],
      otherAbstracts: [],
      authors: [
        author('Wang', 'Zhihua', 'Z', [affiliation]),
        author('Luo', 'Yu', 'Y', ['Hunan Provincial Tumor Hospital, Changsha, China wertyjkx@163.com.']),
      ],
      authorListComplete: true,
      journal: {
        title: 'Bioscience reports',
        isoAbbreviation: 'Biosci Rep',
        medlineTA: 'Biosci Rep',
        issn: '1573-4935',
        volume: null,
        issue: null,
        pages: null,
      },
      published: { year: 2019, month: 9, day: 20, season: null, text: '2019 Sep 20' },
      electronicDate: '2019-09-20',
      doi: '10.1042/BSR20182466',
      pmcid: null,
      publicationTypes: [type('D016428', 'Journal Article'), type('D016441', 'Retracted Publication')],
      mesh: [],
      keywords: ['Hepatocellular carcinoma', 'MiR-367', 'PI3K/AKT pathway', 'PTEN'],
      language: ['eng'],
      status: 'Publisher',
      trialIds: [],
      retraction: {
        retracted: true,
        notices: [
          { type: 'RetractedPublication', pmid: null },
          { type: 'RetractionIn', pmid: '32167152' },
        ],
      },
      dates: {
        entrez: '2019-09-22',
        pubmed: '2019-09-22',
        medline: '2019-09-22',
        revised: '2019-09-21',
        history: history(
          ['accepted', '2019-09-13'],
          ['received', '2018-12-25'],
          ['revised', '2019-05-30'],
          ['entrez', '2019-09-22'],
          ['pubmed', '2019-09-22'],
          ['medline', '2019-09-22'],
        ),
      },
      publicationStatus: 'aheadofprint',
      book: null,
    });
  });

  it('PMID 31418839: ErratumIn, no abstract, numeric month in PubDate', () => {
    const title =
      "Brogan, C. (2018). 'Donald Winnicott's unique view of depression with particular reference to his 1963 paper on the value of depression'. British Journal of Psychotherapy, 34:358-375.";
    expect(fixtureRecord('pubmedparser-netsynergy__pubmed21n1001.xml.gz', '31418839')).toEqual({
      pmid: '31418839',
      version: '1',
      kind: 'article',
      title,
      titleHtml: title.replaceAll("'", '&#39;'),
      vernacularTitle: null,
      abstract: [],
      otherAbstracts: [],
      authors: [author('Cochrane', 'M J', 'MJ', ['British Association for Counselling and Psychotherapy.'])],
      authorListComplete: true,
      journal: {
        title: 'The Journal of analytical psychology',
        isoAbbreviation: 'J Anal Psychol',
        medlineTA: 'J Anal Psychol',
        issn: '1468-5922',
        volume: '64',
        issue: '4',
        pages: '619-620',
      },
      published: { year: 2019, month: 9, day: null, season: null, text: '2019 Sep' },
      electronicDate: null,
      doi: '10.1111/1468-5922.12528',
      pmcid: null,
      publicationTypes: [type('D016428', 'Journal Article')],
      mesh: [],
      keywords: [],
      language: ['eng'],
      status: 'PubMed-not-MEDLINE',
      trialIds: [],
      retraction: { retracted: false, notices: [{ type: 'ErratumIn', pmid: '31972889' }] },
      dates: {
        entrez: '2019-08-17',
        pubmed: '2019-08-17',
        medline: '2019-08-17',
        revised: '2020-01-08',
        history: history(['entrez', '2019-08-17'], ['pubmed', '2019-08-17'], ['medline', '2019-08-17']),
      },
      publicationStatus: 'ppublish',
      book: null,
    });
  });

  it('PMID 32887691: four UpdateIn and an ErratumIn, in document order; CommentIn is not a notice', () => {
    expect(fixtureRecord('pubmed-client-illuminationk__32887691.xml', '32887691').retraction).toEqual({
      retracted: false,
      notices: [
        { type: 'UpdateIn', pmid: '33214213' },
        { type: 'UpdateIn', pmid: '33789884' },
        { type: 'UpdateIn', pmid: '34230027' },
        { type: 'UpdateIn', pmid: '34556469' },
        { type: 'ErratumIn', pmid: '35470203' },
      ],
    });
  });

  it('PMID 31388343: ClinicalTrials.gov DataBank id not repeated from the abstract; labels without NlmCategory', () => {
    const thin = '\u2009';
    const results = `Three organizing themes, namely, "navigating smoothly," "navigating with a struggle" and "navigating in ambiguity" were revealed in the mothers' narratives regarding their breastfeeding experiences during the first 12${thin}months after birth. These organizing themes were further interpreted as one global theme that was deemed "A journey to finding one's unique way in breastfeeding."`;
    const resultsHtml = `Three organizing themes, namely, <i>&quot;navigating smoothly,&quot; &quot;navigating with a struggle&quot;</i> and <i>&quot;navigating in ambiguity&quot;</i> were revealed in the mothers&#39; narratives regarding their breastfeeding experiences during the first 12${thin}months after birth. These organizing themes were further interpreted as one global theme that was deemed &quot;<i>A journey to finding one&#39;s unique way in breastfeeding</i>.&quot;`;
    const background = `Being a mother of a preterm infant (<${thin}37 gestational weeks) puts the mother in a vulnerable and fragile situation wherein breastfeeding is an important part of becoming a mother and bonding with the infant. Nevertheless, the breastfeeding experience of mothers during the first year after a preterm birth has not been well studied. To develop professional caring and supporting relationships, it is important to address this knowledge gap. The aim of this study was to describe the breastfeeding experience of mothers of preterm infants from birth up until 12${thin}months after birth.`;
    const methods = `The data in this qualitative study are derived from a multicentre randomized controlled trial where 270 mothers of preterm infants provided 496 written comments through questionnaires containing open-ended questions. The questionnaires were sent to the mother three times during the first 12${thin}months after birth. A thematic network analysis based on hermeneutical philosophy was used to analyse and interpret the resulting data to describe the mothers' experiences of breastfeeding.`;
    const conclusion =
      'Mothers of preterm infants are in an exposed and vulnerable situation when initiating breastfeeding during the first year. This situation leads to a unique journey wherein each mother navigates through breastfeeding depending on her individual situation. An awareness of the diversity of breastfeeding experiences may contribute to the provision of professional caring and supportive relationships.';
    expect(fixtureRecord('pubmedparser-netsynergy__pubmed21n1000.xml.gz', '31388343')).toEqual({
      pmid: '31388343',
      version: '1',
      kind: 'article',
      title: `A qualitative study on the breastfeeding experience of mothers of preterm infants in the first 12${thin}months after birth.`,
      titleHtml: `A qualitative study on the breastfeeding experience of mothers of preterm infants in the first 12${thin}months after birth.`,
      vernacularTitle: null,
      abstract: [
        { label: 'Background', category: null, text: background, html: background.replace('<', '&lt;') },
        { label: 'Methods', category: null, text: methods, html: methods.replace("'", '&#39;') },
        { label: 'Results', category: null, text: results, html: resultsHtml },
        section(conclusion, 'Conclusion'),
        section('www.clinicaltrial.gov NCT01806480 registered 7 March 2013.', 'Trial registration'),
      ],
      otherAbstracts: [],
      authors: [
        author('Palmér', 'Lina', 'L', [
          '1Faculty of Caring Science, Work Life and Social Welfare, University of Borås, Borås, Sweden.',
        ]),
        author(
          'Ericson',
          'Jenny',
          'J',
          [
            '2School of Education, Health and Social Studies, Dalarna University, Falun, Sweden.',
            '3Center for Clinical Research Dalarna, Uppsala University, Falun, Sweden.',
            '4Department of Pediatrics, Falu Hospital, Falun, Sweden.',
          ],
          { orcid: '0000-0002-3460-7500' },
        ),
      ],
      authorListComplete: true,
      journal: {
        title: 'International breastfeeding journal',
        isoAbbreviation: 'Int Breastfeed J',
        medlineTA: 'Int Breastfeed J',
        issn: '1746-4358',
        volume: '14',
        issue: null,
        pages: '35',
      },
      published: { year: 2019, month: null, day: null, season: null, text: '2019' },
      electronicDate: '2019-08-01',
      doi: '10.1186/s13006-019-0229-6',
      pmcid: 'PMC6670148',
      publicationTypes: [
        type('D016428', 'Journal Article'),
        type('D013485', "Research Support, Non-U.S. Gov't"),
      ],
      mesh: [
        mesh('Adult', 'D000328'),
        mesh('Breast Feeding', 'D001942', true),
        mesh('Female', 'D005260'),
        mesh('Humans', 'D006801'),
        mesh('Infant', 'D007223'),
        mesh('Infant, Newborn', 'D007231'),
        mesh('Infant, Premature', 'D007234', true),
        mesh('Mothers', 'D009035', false, [qualifier('psychology', 'Q000523', true)]),
        mesh('Postpartum Period', 'D049590'),
        mesh('Pregnancy', 'D011247'),
      ],
      keywords: ['Breastfeeding', 'Experiences', 'First year', 'Mothers', 'Preterm infant', 'Qualitative'],
      language: ['eng'],
      status: 'MEDLINE',
      trialIds: [{ registry: 'ClinicalTrials.gov', id: 'NCT01806480' }],
      retraction: { retracted: false, notices: [] },
      dates: {
        entrez: '2019-08-08',
        pubmed: '2019-08-08',
        medline: '2019-08-08',
        revised: '2020-04-23',
        history: history(
          ['received', '2019-01-28'],
          ['accepted', '2019-07-22'],
          ['entrez', '2019-08-08'],
          ['pubmed', '2019-08-08'],
          ['medline', '2019-08-08'],
        ),
      },
      publicationStatus: 'epublish',
      book: null,
    });
  });
});
