/**
 * Whole-record assertions, written by reading the fixture XML: every field of the study record, so a
 * dropped, reordered or double-decoded value anywhere fails the test.
 */
import { describe, expect, it } from 'vitest';
import { author, fixtureRecord, group, history, mesh, qualifier, section, type } from './record-builders.ts';

describe('whole records: journal articles', () => {
  it('PMID 12091962: Season in PubDate, no abstract, KIE keywords (biopython pubmed1)', () => {
    expect(fixtureRecord('biopython__pubmed1.xml', '12091962')).toEqual({
      pmid: '12091962',
      version: '1',
      kind: 'article',
      title: 'The treatment of AIDS behind the walls of correctional facilities.',
      titleHtml: 'The treatment of AIDS behind the walls of correctional facilities.',
      vernacularTitle: null,
      abstract: [],
      otherAbstracts: [],
      authors: [author('Olivero', 'J Michael', 'JM')],
      authorListComplete: true,
      journal: {
        title: 'Social justice (San Francisco, Calif.)',
        isoAbbreviation: 'Soc Justice',
        medlineTA: 'Soc Justice',
        issn: '1043-1578',
        volume: '17',
        issue: '1',
        pages: '113-25',
      },
      published: { year: 1990, month: null, day: null, season: 'Spring', text: '1990 Spring' },
      electronicDate: null,
      doi: null,
      pmcid: null,
      publicationTypes: [type('D016428', 'Journal Article'), type('D016454', 'Review')],
      mesh: [
        mesh('AIDS Serodiagnosis', 'D015492'),
        mesh('Acquired Immunodeficiency Syndrome', 'D000163', true),
        mesh('Civil Rights', 'D002961'),
        mesh('HIV Seropositivity', 'D006679', true),
        mesh('Humans', 'D006801'),
        mesh('Jurisprudence', 'D007603', true),
        mesh('Law Enforcement', 'D035846'),
        mesh('Mass Screening', 'D008403'),
        mesh('Minority Groups', 'D008913'),
        mesh('Organizational Policy', 'D016134'),
        mesh('Patient Care', 'D005791'),
        mesh('Prejudice', 'D011287'),
        mesh('Prisoners', 'D011329', true),
        mesh('Public Policy', 'D011640', true),
        mesh('Quarantine', 'D011790'),
        mesh('Social Control, Formal', 'D012926'),
        mesh('Statistics as Topic', 'D013223'),
        mesh('Stereotyping', 'D013240'),
        mesh('United States', 'D014481'),
      ],
      keywords: ['Health Care and Public Health', 'Legal Approach'],
      language: ['eng'],
      status: 'MEDLINE',
      trialIds: [],
      retraction: { retracted: false, notices: [] },
      dates: {
        entrez: '1990-04-01',
        pubmed: '1990-04-01',
        medline: '2002-07-16',
        revised: '2007-11-15',
        history: history(['pubmed', '1990-04-01'], ['medline', '2002-07-16'], ['entrez', '1990-04-01']),
      },
      publicationStatus: 'ppublish',
      book: null,
    });
  });

  it('PMID 25760099: German VernacularTitle, <b> run-in headings, numeric character references', () => {
    const abstract =
      'The expansion of trust law to the German statutory health insurance (SHI) and the declining numbers of sickness funds suggest a strong concentration process in the German SHI market. The paper examines the level and development of market concentration since the introduction of the free choice of sickness funds in 1996.';
    const data =
      'The study is based on a dataset containing information on membership, contribution rate, openness, area of activity and legal successor for all sickness funds in the period from 1996 to 2013.';
    const methods =
      'Market concentration is measured by the concentration rate (cumulative market share of the largest market participants) and the Herfindahl-Hirschman index (HHI). In addition, the change in the HHI is also disaggregated into 3 factors: opening, switching and fusion of sickness funds.';
    const results =
      'Concentration rate and HHI decreased significantly between 1996 and 2008 due to opening of former closed sickness funds and a switching behaviour from large to small funds. The SHI Competition Enhancement Act of 2007 led to a turnaround. The reform permitted cross-type mergers and introduced a completely new system of budget allocation with the central health fund. The latter put an end to the growing membership of small funds due to adverse selection processes. As a result, market concentration in the German SHI rises. Although recent mega-mergers were uncritical for nationwide competition, the study already indicates the risk of market dominance on the regional level.';
    const economics = qualifier('economics', 'Q000191', true);
    const statistics = qualifier('statistics & numerical data', 'Q000706');
    expect(fixtureRecord('pubmed-client-illuminationk__25760099.xml', '25760099')).toEqual({
      pmid: '25760099',
      version: '1',
      kind: 'article',
      title:
        '[Market Concentration in the Statutory Health Insurance of Germany since the Introduction of Free Choice of Sickness Funds].',
      titleHtml:
        '[Market Concentration in the Statutory Health Insurance of Germany since the Introduction of Free Choice of Sickness Funds].',
      vernacularTitle:
        'Marktkonzentration in der Gesetzlichen Krankenversicherung seit Einführung der freien Kassenwahl.',
      abstract: [
        {
          label: null,
          category: null,
          text: `Background: ${abstract} Data: ${data} Methods: ${methods} Results: ${results}`,
          html: `<b>Background:</b> ${abstract} <b>Data:</b> ${data} <b>Methods:</b> ${methods} <b>Results:</b> ${results}`,
        },
      ],
      otherAbstracts: [],
      authors: [author('Götze', 'R', 'R', ['"Staatlichkeit im Wandel", Universität Bremen, Sfb 597.'])],
      authorListComplete: true,
      journal: {
        title: 'Gesundheitswesen (Bundesverband der Arzte des Offentlichen Gesundheitsdienstes (Germany))',
        isoAbbreviation: 'Gesundheitswesen',
        medlineTA: 'Gesundheitswesen',
        issn: '1439-4421',
        volume: '78',
        issue: '11',
        pages: '715-720',
      },
      published: { year: 2016, month: 11, day: null, season: null, text: '2016 Nov' },
      electronicDate: '2015-03-11',
      doi: '10.1055/s-0034-1396891',
      pmcid: null,
      publicationTypes: [type('D016428', 'Journal Article')],
      mesh: [
        mesh('Economic Competition', 'D004465', false, [economics, statistics]),
        mesh('Germany', 'D005858'),
        mesh('Health Care Reform', 'D018166', false, [economics]),
        mesh('Health Care Sector', 'D019981', false, [economics]),
        mesh('Insurance Selection Bias', 'D015273'),
        mesh('Insurance, Disability', 'D018868', false, [economics, statistics]),
        mesh('National Health Programs', 'D009313', false, [economics]),
        mesh('Patient Freedom of Choice Laws', 'D020403', false, [economics]),
      ],
      keywords: [],
      language: ['ger'],
      status: 'MEDLINE',
      trialIds: [],
      retraction: { retracted: false, notices: [] },
      dates: {
        entrez: '2015-03-12',
        pubmed: '2015-03-12',
        medline: '2017-05-26',
        revised: '2018-12-02',
        history: history(['pubmed', '2015-03-12'], ['medline', '2017-05-26'], ['entrez', '2015-03-12']),
      },
      publicationStatus: 'ppublish',
      book: null,
    });
  });

  it('PMID 31789841: Suffix (Jr), author without affiliation, an affiliation naming ORCIDs in text', () => {
    const abstract =
      'Research paradigms guide scientific discoveries through their assumptions and principles. Understanding paradigm-specific assumptions helps illuminate the quality of findings that support scientific studies and identify gaps in generating sound evidence. This article focuses on the research paradigm of positivism, examining its definition, history, and assumptions (ontology, epistemology, axiology, methodology, and rigor). Positivism is aligned with the hypothetico-deductive model of science that builds on verifying a priori hypotheses and experimentation by operationalizing variables and measures; results from hypothesis testing are used to inform and advance science. Studies aligned with positivism generally focus on identifying explanatory associations or causal relationships through quantitative approaches, where empirically based findings from large sample sizes are favored-in this regard, generalizable inferences, replication of findings, and controlled experimentation have been principles guiding positivist science. Criteria for evaluating the quality of positivist research are discussed. An example from health professions education is provided to guide positivist thinking in study design and implementation.';
    const affiliation =
      'Y.S. Park is associate professor and associate head, Department of Medical Education, and director of research, Office of Educational Affairs, University of Illinois at Chicago College of Medicine, Chicago, Illinois; ORCID: https://orcid.org/0000-0001-8583-4335. L. Konge is professor, Copenhagen Academy for Medical Education and Simulation, University of Copenhagen, Copenhagen, Denmark; ORCID: https://orcid.org/0000-0002-1258-5822. A.R. Artino Jr is professor and deputy director, Graduate Programs in Health Professions Education, Department of Medicine, F. Edward Hébert School of Medicine, Uniformed Services University of the Health Sciences, Bethesda, Maryland; ORCID: https://orcid.org/0000-0003-2661-7853.';
    expect(fixtureRecord('single/metapub__31789841.xml', '31789841')).toEqual({
      pmid: '31789841',
      version: '1',
      kind: 'article',
      title: 'The Positivism Paradigm of Research.',
      titleHtml: 'The Positivism Paradigm of Research.',
      vernacularTitle: null,
      abstract: [section(abstract)],
      otherAbstracts: [],
      authors: [
        author('Park', 'Yoon Soo', 'YS', [affiliation]),
        author('Konge', 'Lars', 'L'),
        author('Artino', 'Anthony R', 'AR', [], { suffix: 'Jr' }),
      ],
      authorListComplete: true,
      journal: {
        title: 'Academic medicine : journal of the Association of American Medical Colleges',
        isoAbbreviation: 'Acad Med',
        medlineTA: 'Acad Med',
        issn: '1040-2446',
        volume: '95',
        issue: '5',
        pages: '690-694',
      },
      published: { year: 2020, month: 5, day: null, season: null, text: '2020 May' },
      electronicDate: null,
      doi: '10.1097/ACM.0000000000003093',
      pmcid: null,
      publicationTypes: [type('D016428', 'Journal Article')],
      mesh: [
        mesh('Humans', 'D006801'),
        mesh('Knowledge', 'D019359', true),
        mesh('Research Design', 'D012107', false, [qualifier('trends', 'Q000639', true)]),
      ],
      keywords: [],
      language: ['eng'],
      status: 'MEDLINE',
      trialIds: [],
      retraction: { retracted: false, notices: [] },
      dates: {
        entrez: '2019-12-03',
        pubmed: '2019-12-04',
        medline: '2020-07-01',
        revised: '2020-06-30',
        history: history(['pubmed', '2019-12-04'], ['medline', '2020-07-01'], ['entrez', '2019-12-03']),
      },
      publicationStatus: 'ppublish',
      book: null,
    });
  });

  it('PMID 29963580: MathML in the abstract, CollectiveName, ORCID, pretty-printed XML (biopython pubmed7)', () => {
    const before =
      'We designed and generated pulmonary imaging biomarker pipelines to facilitate high-throughput research and point-of-care use in patients with chronic lung disease. Image processing modules and algorithm pipelines were embedded within a graphical user interface (based on the .NET framework) for pulmonary magnetic resonance imaging (MRI) and x-ray computed-tomography (CT) datasets. The software pipelines were generated using C++ and included: (1)\u00a0inhaled ';
    const after =
      ' specific ventilation, (5)\u00a0multivolume CT and MRI parametric response maps, and (6)\u00a0MRI and CT texture analysis and radiomics. The image analysis framework was implemented on a desktop workstation/tablet to generate biomarkers of regional lung structure and function related to ventilation, perfusion, lung tissue texture, and integrity as well as multiparametric measures of gas trapping and airspace enlargement. All biomarkers were generated within 10\u00a0min with measurement reproducibility consistent with clinical and research requirements. The resultant pulmonary imaging biomarker pipeline provides real-time and automated lung imaging measurements for point-of-care and high-throughput research.';
    // <mmultiscripts> with <mprescripts/>: the mass number is a pre-superscript (³He), shown before the
    // symbol. The XML itself has a no-break space after "(1)" ... "(6)" and a thin space in <mml:mtext>.
    const thin = '\u2009';
    const text = `${before}3He/129Xe${thin}MRI ventilation and apparent diffusion coefficients, (2)\u00a0CT-MRI coregistration for lobar and segmental ventilation and perfusion measurements, (3)\u00a0ultrashort echo-time 1H${thin}MRI proton density measurements, (4)\u00a0free-breathing Fourier-decomposition 1H${thin}MRI ventilation/perfusion and free-breathing 1H${thin}MRI${after}`;
    const html = `${before}<sup>3</sup>He/<sup>129</sup>Xe${thin}MRI ventilation and apparent diffusion coefficients, (2)\u00a0CT-MRI coregistration for lobar and segmental ventilation and perfusion measurements, (3)\u00a0ultrashort echo-time <sup>1</sup>H${thin}MRI proton density measurements, (4)\u00a0free-breathing Fourier-decomposition <sup>1</sup>H${thin}MRI ventilation/perfusion and free-breathing <sup>1</sup>H${thin}MRI${after}`;
    const robarts = 'University of Western Ontario, Robarts Research Institute, London, Ontario, Canada.';
    const graduate =
      'University of Western Ontario, Graduate Program in Biomedical Engineering, London, Ontario, Canada.';
    const biophysics =
      'University of Western Ontario, Department of Medical Biophysics, London, Ontario, Canada.';
    expect(fixtureRecord('biopython__pubmed7.xml', '29963580')).toEqual({
      pmid: '29963580',
      version: '1',
      kind: 'article',
      title: 'Development of a pulmonary imaging biomarker pipeline for phenotyping of chronic lung disease.',
      titleHtml:
        'Development of a pulmonary imaging biomarker pipeline for phenotyping of chronic lung disease.',
      vernacularTitle: null,
      abstract: [{ label: null, category: null, text, html }],
      otherAbstracts: [],
      authors: [
        author('Guo', 'Fumin', 'F', [
          robarts,
          graduate,
          'University of Toronto, Sunnybrook Research Institute, Toronto, Canada.',
        ]),
        author('Capaldi', 'Dante', 'D', [robarts, biophysics], { orcid: '0000-0002-4590-7461' }),
        author('Kirby', 'Miranda', 'M', [
          "University of British Columbia, St. Paul's Hospital, Centre for Heart Lung Innovation, Vancouver, Canada.",
        ]),
        author('Sheikh', 'Khadija', 'K', [robarts]),
        author('Svenningsen', 'Sarah', 'S', [robarts]),
        author('McCormack', 'David G', 'DG', [
          'University of Western Ontario, Division of Respirology, Department of Medicine, London, Ontario, Canada.',
        ]),
        author('Fenster', 'Aaron', 'A', [robarts, graduate, biophysics], { orcid: '0000-0003-3525-2788' }),
        author('Parraga', 'Grace', 'G', [robarts, graduate, biophysics]),
        group('Canadian Respiratory Research Network'),
      ],
      authorListComplete: true,
      journal: {
        title: 'Journal of medical imaging (Bellingham, Wash.)',
        isoAbbreviation: 'J Med Imaging (Bellingham)',
        medlineTA: 'J Med Imaging (Bellingham)',
        issn: '2329-4302',
        volume: '5',
        issue: '2',
        pages: '026002',
      },
      published: { year: 2018, month: 4, day: null, season: null, text: '2018 Apr' },
      electronicDate: '2018-06-28',
      doi: '10.1117/1.JMI.5.2.026002',
      pmcid: 'PMC6022861',
      publicationTypes: [type('D016428', 'Journal Article')],
      mesh: [],
      keywords: [
        'asthma',
        'chronic obstructive lung disease',
        'image processing, biomarkers',
        'magnetic resonance imaging',
        'thoracic computed tomography',
      ],
      language: ['eng'],
      status: 'PubMed-not-MEDLINE',
      trialIds: [],
      retraction: { retracted: false, notices: [] },
      dates: {
        entrez: '2018-07-03',
        pubmed: '2018-07-03',
        medline: '2018-07-03',
        revised: '2018-11-14',
        history: history(
          ['received', '2017-12-12'],
          ['accepted', '2018-06-14'],
          ['pmc-release', '2019-06-28'],
          ['entrez', '2018-07-03'],
          ['pubmed', '2018-07-03'],
          ['medline', '2018-07-03'],
        ),
      },
      publicationStatus: 'ppublish',
      book: null,
    });
  });
});
