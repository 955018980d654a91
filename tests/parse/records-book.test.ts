/**
 * Whole-record assertion (read off the fixture XML) for a PubmedBookArticle: a GeneReviews chapter with
 * BookDocument instead of MedlineCitation/Article, book editors, a bookaccession id and no journal.
 */
import { describe, expect, it } from 'vitest';
import { author, fixtureRecord, history, plainOf, type } from './record-builders.ts';

const NBSP = '\u00a0';
const CLINICAL = `The clinical manifestations of <i>CACNA1C</i>-related disorders include a spectrum of nonsyndromic and syndromic phenotypes, which generally correlate with the impact of the pathogenic variant on calcium current. Phenotypes can include nonsyndromic long QT syndrome (rate-corrected QT [QTc] interval &gt;480 ms); nonsyndromic short QT syndrome (QTc &lt;350 ms), with risk of sudden death; Brugada syndrome (ST segment elevation in right precordial leads [V1-V2]) with short QT interval; classic Timothy syndrome (prolonged QT interval, autism, and congenital heart defect) with or without unilateral or bilateral cutaneous syndactyly variably involving fingers two (index), three (middle), four (ring), and five (little) and bilateral cutaneous syndactyly of toes two and three; and <i>CACNA1C</i>-related neurodevelopmental disorder, in which the features tend to favor one or more of the following: developmental delay${NBSP}/ intellectual disability, hypotonia, epilepsy, and/or ataxia.`;
const DIAGNOSIS =
  'The diagnosis of a <i>CACNA1C</i>-related disorder is established in a proband with suggestive findings and a heterozygous pathogenic variant in <i>CACNA1C</i> identified by molecular genetic testing.';
const MANAGEMENT = `<i>Treatment of manifestations:</i> Beta-blockers (nadolol preferred) and mexiletine may be used for prolonged QT interval; pacemaker placement${NBSP}/ temporary pacing for bradycardia with 2:1 atrioventricular block; quinidine for short QT syndrome and Brugada syndrome; consideration of catheter ablation for symptomatic Brugada syndrome; implantable cardioverter defibrillator (ICD) as soon as body weight allows for those with tachyarrhythmias; feeding therapy with low threshold for clinical feeding evaluation and/or radiographic swallowing study for dysphagia; consideration of gastrostomy tube placement for persistent feeding issues; standard treatment for congenital heart defects, developmental delay${NBSP}/ intellectual disability, epilepsy, ataxia, hypoglycemia, recurrent infections, and syndactyly. <i>Prevention of primary manifestations:</i> Arrhythmias must be prevented with the standard therapy, which may include medications, placement of an ICD, and/or ablation. Any surgical intervention must be performed under close cardiac monitoring, as anesthesia is a known trigger for cardiac arrhythmia in individuals with a <i>CACNA1C</i>-related disorder; fever can also be a trigger for arrhythmias in individuals with <i>CACNA1C</i>-related Brugada syndrome and requires aggressive treatment with standard antipyretic drugs. <i>Surveillance:</i> At each visit, measure growth parameters and evaluate nutritional safety of oral intake; assess mobility and self-help skills; monitor developmental progress and educational needs; assess for behavioral issues; assess for new manifestations such as seizures, changes in tone, and movement disorders; monitor for signs/symptoms of hypoglycemia; and monitor for recurrent infections. Every 6-12 months, follow-up evaluations with a cardiologist to include EKG, Holter, &amp; echocardiogram; monitor those with seizures as clinically indicated. Every 12 months, if remote device monitoring is available: evaluate persons with a pacemaker or ICD. <i>Agents/circumstances to avoid:</i> All drugs reported to prolong QT interval (see CredibleMeds<sup>\u00ae</sup>); drugs and dietary practices that could lead to hypoglycemia. <i>Evaluation of relatives at risk:</i> It is appropriate to clarify the genetic status of the older and younger at-risk relatives of a proband in order to identify as early as possible those who would benefit from a complete cardiac evaluation, institution of measures to prevent cardiac arrhythmias, and awareness of agents/circumstances to avoid. Predictive genetic testing is recommended for all at-risk family members of all ages from birth onward. While predictive genetic testing can be used to identify relatives who are heterozygous for a familial <i>CACNA1C</i> pathogenic variant and at risk for <i>CACNA1C</i>-related cardiac arrhythmias, it cannot be used to predict disease course (i.e., whether <i>CACNA1C</i>-related EKG changes and symptoms will occur and, if so, the age of onset and severity). <i>Pregnancy management:</i> Nadolol (the beta-blocker of choice for individuals with long QT syndrome in general) has not been associated with an increased risk above the general population risk of congenital anomalies in humans. Quinidine for short QT syndrome is also a preferred drug for use as an antiarrhythmic during human pregnancy and has not been associated with adverse fetal effects. Fetuses at risk of being affected with a <i>CACNA1C</i>-related disorder should be monitored for bradycardia and heart rate abnormalities that can be a sign of fetal arrhythmias.`;
const COUNSELING =
  '<i>CACNA1C</i>-related disorders are inherited in an autosomal dominant manner. Many individuals diagnosed with a <i>CACNA1C</i>-related disorder \u2013 particularly those individuals with a syndromic <i>CACNA1C</i>-related disorder (Timothy syndrome or <i>CACNA1C</i>-related neurodevelopmental syndrome) \u2013 have the disorder as the result of a <i>de novo</i> pathogenic variant. Some individuals diagnosed with a <i>CACNA1C</i>-related disorder inherited the <i>CACNA1C</i> pathogenic variant from a heterozygous or mosaic parent. If a parent of the proband is affected and/or is known to be heterozygous for the pathogenic variant identified in the proband, the risk to the sibs of inheriting the pathogenic variant is 50%. If the proband has a known <i>CACNA1C</i> pathogenic variant that cannot be detected in the leukocyte DNA of either parent, the recurrence risk to sibs is greater than that of the general population because of the possibility of parental gonadal mosaicism. Once the <i>CACNA1C</i> pathogenic variant has been identified in an affected family member, prenatal and preimplantation genetic testing for a pregnancy at increased risk for a <i>CACNA1C</i>-related disorder are possible.';

const labelled = (label: string, html: string) => ({ label, category: null, text: plainOf(html), html });

describe('whole records: book chapter', () => {
  it('PMID 20301577: PubmedBookArticle (GeneReviews) with editors, book title markup and bookaccession', () => {
    const maugeri =
      'Department of Molecular Cardiology, IRCCS Fondazione Salvatore Maugeri;, Department of Molecular Medicine, University of Pavia, Pavia, Italy';
    expect(fixtureRecord('metapub__sample_article_20301577.xml', '20301577')).toEqual({
      pmid: '20301577',
      version: '1',
      kind: 'book',
      title: 'CACNA1C-Related Disorders',
      titleHtml: '<i>CACNA1C</i>-Related Disorders',
      vernacularTitle: null,
      abstract: [
        labelled('CLINICAL CHARACTERISTICS', CLINICAL),
        labelled('DIAGNOSIS/TESTING', DIAGNOSIS),
        labelled('MANAGEMENT', MANAGEMENT),
        labelled('GENETIC COUNSELING', COUNSELING),
      ],
      otherAbstracts: [],
      authors: [
        author('Napolitano', 'Carlo', 'C', [
          maugeri,
          'European Reference Network for Rare and Low Prevalence Complex Diseases of the Heart (ERN GUARD-Heart)',
        ]),
        author('Priori', 'Silvia G', 'SG', [maugeri]),
      ],
      authorListComplete: true,
      journal: null,
      published: { year: 1993, month: null, day: null, season: null, text: '1993' },
      electronicDate: null,
      doi: null,
      pmcid: null,
      publicationTypes: [type('D016454', 'Review')],
      mesh: [],
      keywords: [
        'Timothy Syndrome',
        'Timothy Syndrome',
        'CACNA1C-Related Neurodevelopmental Syndrome',
        'CACNA1C-Related Nonsyndromic Long QT Syndrome',
        'CACNA1C-Related Nonsyndromic Short QT Syndrome',
        'CACNA1C-Related Brugada Syndrome with Short QT',
        'Voltage-dependent L-type calcium channel subunit alpha-1C',
        'CACNA1C',
        'CACNA1C-Related Disorders',
      ],
      language: ['eng'],
      status: null,
      trialIds: [],
      retraction: { retracted: false, notices: [] },
      dates: {
        entrez: '2024-12-19',
        pubmed: '2024-12-19',
        medline: '2024-12-19',
        revised: '2024-12-19',
        history: history(['entrez', '2024-12-19'], ['medline', '2024-12-19'], ['pubmed', '2024-12-19']),
      },
      publicationStatus: 'ppublish',
      book: {
        title: 'GeneReviews\u00ae',
        publisher: 'University of Washington, Seattle',
        publisherLocation: 'Seattle (WA)',
        edition: null,
        editors: [
          author('Adam', 'Margaret P', 'MP'),
          author('Feldman', 'Jerry', 'J'),
          author('Mirzaa', 'Ghayda M', 'GM'),
          author('Pagon', 'Roberta A', 'RA'),
          author('Wallace', 'Stephanie E', 'SE'),
          author('Amemiya', 'Anne', 'A'),
        ],
        accession: 'NBK1403',
      },
    });
  });
});
