import { describe, expect, it } from 'vitest';
import type { StudyRecord } from '../../src/records.ts';
import { type MinimalStudy, type StudyTags, tagStudies, tagStudy } from '../../src/tag/index.ts';

// Studies written for these tests (never fixture text), each exercising most rule families at once.

const trial: MinimalStudy = {
  pmid: '100',
  title:
    'Intranasal esketamine versus placebo in adults with treatment-resistant depression: a randomized, double-blind trial',
  abstract:
    'BACKGROUND: Many patients do not respond to two antidepressants. METHODS: In this multicentre trial, 220 adults ' +
    'with treatment-resistant depression were randomized to esketamine nasal spray 56 or 84 mg twice weekly or to ' +
    'placebo nasal spray for four weeks, alongside a newly started oral antidepressant. The primary outcome was the ' +
    'change in MADRS score. RESULTS: Esketamine reduced MADRS scores more than placebo at day 28. Dissociation and ' +
    'nausea were the most common adverse events. CONCLUSIONS: Esketamine was effective and generally well tolerated.',
  publicationTypes: ['Randomized Controlled Trial', 'Journal Article'],
  mesh: ['Depressive Disorder, Treatment-Resistant', 'Ketamine', 'Administration, Intranasal'],
};

const trialTags: StudyTags = {
  pmid: '100',
  relevance: {
    id: 'on-topic',
    reason: 'a ketamine-family drug studied for depression, suicidality or mood',
    evidence: [
      { rule: 'relevance.substance.ketamine-family', field: 'title', match: 'esketamine' },
      { rule: 'relevance.condition.title', field: 'title', match: 'depression' },
    ],
  },
  topics: [
    {
      id: 'efficacy',
      evidence: { rule: 'topic.efficacy.outcome', field: 'abstract', match: 'was effective' },
    },
    { id: 'safety', evidence: { rule: 'topic.safety.harms', field: 'abstract', match: 'Dissociation' } },
  ],
  // The oral antidepressant is background treatment, not a route of esketamine.
  routes: [
    {
      id: 'intranasal',
      evidence: { rule: 'route.intranasal.named', field: 'mesh', match: 'Administration, Intranasal' },
    },
  ],
  substances: [
    {
      id: 'esketamine',
      evidence: { rule: 'substance.esketamine.name', field: 'title', match: 'esketamine' },
    },
  ],
  populations: [
    {
      id: 'treatment-resistant',
      evidence: {
        rule: 'population.treatment-resistant.named',
        field: 'mesh',
        match: 'Depressive Disorder, Treatment-Resistant',
      },
    },
  ],
  comparator: {
    id: 'placebo',
    evidence: { rule: 'comparator.placebo.inert', field: 'title', match: 'placebo' },
  },
  design: {
    id: 'rct',
    evidence: { rule: 'design.rct.indexed', field: 'publicationTypes', match: 'Randomized Controlled Trial' },
  },
  evidenceLevel: { level: 2, reason: 'randomised controlled trial: level 2' },
  n: { value: 220, evidence: { rule: 'n.first-count', field: 'abstract', match: '220 adults' } },
  regimen: {
    id: 'repeated',
    evidence: { rule: 'regimen.repeated.schedule', field: 'abstract', match: 'twice weekly' },
  },
  flags: [],
};

const sedation: MinimalStudy = {
  pmid: '101',
  title: 'Ketamine versus propofol for sedation during paediatric fracture reduction',
  abstract:
    'Children aged 4 to 12 years undergoing closed reduction were randomized to ketamine 1 mg/kg intravenously or ' +
    'propofol. Recovery time and airway events were compared.',
  publicationTypes: ['Randomized Controlled Trial'],
};

const sedationTags: StudyTags = {
  pmid: '101',
  relevance: {
    id: 'off-topic',
    reason: 'ketamine only as anaesthetic, sedative or analgesic',
    evidence: [{ rule: 'relevance.exclusion.anaesthesia-analgesia', field: 'title', match: 'sedation' }],
  },
  // Off-topic studies are still tagged (the run report and the exclusions page show them).
  topics: [{ id: 'safety', evidence: { rule: 'topic.safety.harms', field: 'title', match: 'sedation' } }],
  routes: [
    {
      id: 'intravenous',
      evidence: { rule: 'route.intravenous.named', field: 'abstract', match: 'intravenously' },
    },
  ],
  substances: [
    {
      id: 'racemic-ketamine',
      evidence: { rule: 'substance.racemic-ketamine.title', field: 'title', match: 'Ketamine' },
    },
  ],
  populations: [
    {
      id: 'adolescent',
      evidence: { rule: 'population.adolescent.named', field: 'title', match: 'paediatric' },
    },
  ],
  comparator: {
    id: 'active-control',
    evidence: { rule: 'comparator.active-control.named-treatment', field: 'title', match: 'versus propofol' },
  },
  design: {
    id: 'rct',
    evidence: { rule: 'design.rct.indexed', field: 'publicationTypes', match: 'Randomized Controlled Trial' },
  },
  evidenceLevel: { level: 2, reason: 'randomised controlled trial: level 2' },
  // An age range is not a sample size.
  n: null,
  regimen: { id: 'unknown', evidence: { rule: 'regimen.default-unknown', field: null, match: null } },
  flags: [],
};

const caseReport: MinimalStudy = {
  pmid: '102',
  title: 'Oral ketamine for suicidal ideation in an older adult with bipolar depression: a case report',
  abstract:
    'A 72-year-old woman with bipolar II disorder and persistent suicidal ideation received oral ketamine 0.5 mg/kg ' +
    'three times weekly for six weeks. Her suicidal thoughts resolved and no manic switch occurred.',
  publication_types: ['Case Reports'],
};

const caseReportTags: StudyTags = {
  pmid: '102',
  relevance: {
    id: 'on-topic',
    reason: 'a ketamine-family drug studied for depression, suicidality or mood',
    evidence: [
      { rule: 'relevance.substance.ketamine-family', field: 'title', match: 'ketamine' },
      { rule: 'relevance.condition.title', field: 'title', match: 'suicidal' },
    ],
  },
  topics: [
    {
      id: 'suicidality',
      evidence: { rule: 'topic.suicidality.outcome-or-population', field: 'title', match: 'suicidal' },
    },
  ],
  routes: [{ id: 'oral', evidence: { rule: 'route.oral.named', field: 'title', match: 'Oral ketamine' } }],
  substances: [
    {
      id: 'racemic-ketamine',
      evidence: { rule: 'substance.racemic-ketamine.title', field: 'title', match: 'ketamine' },
    },
  ],
  populations: [
    { id: 'bipolar', evidence: { rule: 'population.bipolar.named', field: 'title', match: 'bipolar' } },
    {
      id: 'older-adult',
      evidence: { rule: 'population.older-adult.named', field: 'title', match: 'older adult' },
    },
    {
      id: 'suicidal',
      evidence: {
        rule: 'population.suicidal.enrolled',
        field: 'abstract',
        match: 'with bipolar II disorder and persistent suicidal ideation',
      },
    },
  ],
  comparator: { id: 'none', evidence: { rule: 'comparator.default-none', field: null, match: null } },
  design: {
    id: 'case-report',
    evidence: { rule: 'design.case-report.title', field: 'publicationTypes', match: 'Case Reports' },
  },
  evidenceLevel: { level: 4, reason: 'case report: level 4' },
  n: { value: 1, evidence: { rule: 'n.single-patient', field: 'abstract', match: 'A 72-year-old' } },
  regimen: {
    id: 'repeated',
    evidence: { rule: 'regimen.repeated.schedule', field: 'abstract', match: 'three times weekly' },
  },
  flags: [],
};

/** A parsed record as the parse stage emits it, retracted with a notice. */
const retractedRecord: StudyRecord = {
  pmid: '103',
  version: '1',
  kind: 'article',
  title: 'Ketamine infusions for depression: an open-label study',
  titleHtml: 'Ketamine infusions for depression: an open-label study',
  vernacularTitle: null,
  abstract: [
    {
      label: 'Methods',
      category: 'METHODS',
      text: 'Thirty outpatients with major depression received six ketamine infusions over two weeks.',
      html: 'Thirty outpatients with major depression received six ketamine infusions over two weeks.',
    },
  ],
  otherAbstracts: [],
  authors: [],
  authorListComplete: null,
  journal: null,
  published: null,
  electronicDate: null,
  doi: null,
  pmcid: null,
  publicationTypes: [
    { ui: 'D016428', name: 'Journal Article' },
    { ui: 'D016441', name: 'Retracted Publication' },
  ],
  mesh: [{ descriptor: 'Ketamine', ui: 'D007649', major: true, qualifiers: [] }],
  keywords: [],
  language: ['eng'],
  status: 'MEDLINE',
  trialIds: [],
  retraction: { retracted: true, notices: [{ type: 'RetractionIn', pmid: '999' }] },
  dates: { entrez: null, pubmed: null, medline: null, revised: null },
};

const retractedTags: StudyTags = {
  pmid: '103',
  relevance: {
    id: 'on-topic',
    reason: 'a ketamine-family drug studied for depression, suicidality or mood',
    evidence: [
      { rule: 'relevance.substance.ketamine-family', field: 'title', match: 'Ketamine' },
      { rule: 'relevance.condition.title', field: 'title', match: 'depression' },
    ],
  },
  topics: [],
  routes: [
    { id: 'intravenous', evidence: { rule: 'route.intravenous.named', field: 'title', match: 'infusions' } },
  ],
  substances: [
    {
      id: 'racemic-ketamine',
      evidence: { rule: 'substance.racemic-ketamine.title', field: 'title', match: 'Ketamine' },
    },
  ],
  populations: [],
  comparator: { id: 'none', evidence: { rule: 'comparator.default-none', field: null, match: null } },
  design: {
    id: 'non-randomized-trial',
    evidence: { rule: 'design.non-randomized-trial.described', field: 'title', match: 'open-label' },
  },
  evidenceLevel: { level: 3, reason: 'non-randomised trial: level 3' },
  n: { value: 30, evidence: { rule: 'n.first-count', field: 'abstract', match: 'Thirty outpatients' } },
  regimen: {
    id: 'repeated',
    evidence: { rule: 'regimen.repeated.counted', field: 'abstract', match: 'six ketamine infusions' },
  },
  flags: [
    {
      id: 'retracted',
      evidence: { rule: 'flag.retracted.record', field: 'retraction', match: 'RetractionIn 999' },
    },
  ],
};

describe('whole output of complete studies', () => {
  it.each([
    ['a randomised esketamine trial', trial, trialTags],
    ['an off-topic sedation trial', sedation, sedationTags],
    ['a case report in minimal form with publication_types', caseReport, caseReportTags],
    ['a retracted parsed record', retractedRecord, retractedTags],
  ])('%s', (_name, study, expected) => {
    expect(tagStudy(study)).toEqual(expected);
  });

  it('is plain JSON: one line of `tag` reads back unchanged', () => {
    const tags = tagStudy(trial);
    expect(JSON.parse(JSON.stringify(tags))).toEqual(tags);
  });

  it('tags a batch in input order, each as tagStudy does', () => {
    const studies = [trial, sedation, caseReport, retractedRecord];
    expect(tagStudies(studies)).toEqual([trialTags, sedationTags, caseReportTags, retractedTags]);
  });
});

describe('one internal input for both shapes', () => {
  it('a parsed record and its minimal JSONL form get the same tags', () => {
    const minimal: MinimalStudy = {
      pmid: retractedRecord.pmid,
      title: retractedRecord.title,
      abstract:
        'METHODS: Thirty outpatients with major depression received six ketamine infusions over two weeks.',
      mesh: ['Ketamine'],
      publicationTypes: ['Journal Article'],
    };
    // Without the retraction field and the publication type, only the flag differs.
    expect(tagStudy(minimal)).toEqual({ ...retractedTags, flags: [] });
  });

  it('sections, MeSH objects and publication-type objects read like their names', () => {
    const asObjects: MinimalStudy = {
      ...trial,
      mesh: (trial.mesh ?? []).map((heading) => ({ descriptor: typeof heading === 'string' ? heading : '' })),
      publicationTypes: ['Randomized Controlled Trial', 'Journal Article'].map((name) => ({ name })),
    };
    expect(tagStudy(asObjects)).toEqual(trialTags);
  });
});

describe('retraction flag', () => {
  it.each([
    {
      name: 'the parsed record says retracted',
      study: retractedRecord,
      evidence: { rule: 'flag.retracted.record', field: 'retraction', match: 'RetractionIn 999' },
    },
    {
      name: 'publication type only (minimal JSONL)',
      study: { pmid: '5', title: 'Ketamine and mood.', publicationTypes: ['Retracted Publication'] },
      evidence: {
        rule: 'flag.retracted.publication-type',
        field: 'publicationTypes',
        match: 'Retracted Publication',
      },
    },
    {
      name: 'a title marked RETRACTED',
      study: { pmid: '6', title: 'RETRACTED: Ketamine and mood.' },
      evidence: { rule: 'flag.retracted.title', field: 'title', match: 'RETRACTED:' },
    },
  ])('flagged: $name', ({ study, evidence }) => {
    expect(tagStudy(study).flags).toEqual([{ id: 'retracted', evidence }]);
  });

  it.each([
    [
      'a retraction notice is not itself retracted',
      {
        pmid: '7',
        title: 'Retraction notice: Ketamine and mood.',
        publicationTypes: ['Retraction of Publication'],
      },
    ],
    ['a study about retracted trials', { pmid: '8', title: 'Retracted ketamine trials in the literature.' }],
    [
      'a record with an erratum only',
      {
        ...retractedRecord,
        publicationTypes: [],
        retraction: { retracted: false, notices: [{ type: 'ErratumIn' as const, pmid: '5' }] },
      },
    ],
  ])('not flagged: %s', (_name, study) => {
    expect(tagStudy(study).flags).toEqual([]);
  });
});
