import { describe, expect, it } from 'vitest';
import { tagStudy } from '../../src/tag/index.ts';
import { makeStudy } from './make-study.ts';

const topicIds = (title: string, abstract: string) =>
  tagStudy(makeStudy(title, abstract)).topics.map((topic) => topic.id);

describe('topics', () => {
  it.each([
    {
      topic: 'mechanism',
      title: 'Ketamine increases prefrontal functional connectivity in depression.',
      abstract: 'Resting-state scans were acquired.',
      evidence: { rule: 'topic.mechanism.named-mechanism', field: 'title', match: 'functional connectivity' },
    },
    {
      topic: 'efficacy',
      title: 'Ketamine in depression.',
      abstract:
        'Patients were enrolled. Remission occurred in 40% at day 7, and MADRS scores fell by 12 points.',
      evidence: { rule: 'topic.efficacy.outcome', field: 'abstract', match: 'Remission' },
    },
    {
      topic: 'safety',
      title: 'Ketamine in depression.',
      abstract: 'Patients were enrolled. Dissociation peaked at 40 minutes; blood pressure rose transiently.',
      evidence: { rule: 'topic.safety.harms', field: 'abstract', match: 'Dissociation' },
    },
    {
      topic: 'dosing',
      title: 'A dose-finding study of intravenous ketamine in depression.',
      abstract: '',
      evidence: { rule: 'topic.dosing.dose-question', field: 'title', match: 'dose-finding' },
    },
    {
      topic: 'psychotherapy',
      title: 'Ketamine-assisted psychotherapy for depression.',
      abstract: '',
      evidence: {
        rule: 'topic.psychotherapy.combined',
        field: 'title',
        match: 'Ketamine-assisted psychotherapy',
      },
    },
    {
      topic: 'regulation-access',
      title: 'Off-label ketamine clinics and the cost of treatment for depression.',
      abstract: '',
      evidence: { rule: 'topic.regulation-access.policy', field: 'title', match: 'Off-label' },
    },
    {
      topic: 'long-term',
      title: 'Maintenance esketamine and relapse in depression.',
      abstract: '',
      evidence: { rule: 'topic.long-term.durability', field: 'title', match: 'Maintenance' },
    },
    {
      topic: 'biomarkers',
      title: 'Baseline EEG gamma power predicts response to ketamine in depression.',
      abstract: '',
      evidence: { rule: 'topic.biomarkers.predictor', field: 'title', match: 'predicts response' },
    },
    {
      topic: 'suicidality',
      title: 'Ketamine for suicidal ideation.',
      abstract: '',
      evidence: { rule: 'topic.suicidality.outcome-or-population', field: 'title', match: 'suicidal' },
    },
  ])('$topic: the cue and its evidence', ({ topic, title, abstract, evidence }) => {
    const hit = tagStudy(makeStudy(title, abstract)).topics.find((candidate) => candidate.id === topic);
    expect(hit).toEqual({ id: topic, evidence });
  });

  it.each([
    {
      topic: 'long-term',
      name: 'long-term effects named as unknown in the background',
      title: 'Ketamine and sleep in depression.',
      abstract: 'Long-term effects of ketamine remain unknown. Sleep was recorded for two nights.',
    },
    {
      topic: 'long-term',
      name: 'long-term potentiation is a mechanism, not durability',
      title: 'Ketamine enhances long-term potentiation in depression.',
      abstract: 'Visual LTP was measured.',
    },
    {
      topic: 'dosing',
      name: 'a dose question deferred to future work',
      title: 'Ketamine in bipolar depression.',
      abstract: 'Patients improved. Future trials should compare different doses.',
    },
    {
      topic: 'safety',
      name: 'a single passing mention outside the title',
      title: 'Ketamine and anhedonia.',
      abstract: 'Anhedonia scores improved after ketamine; the infusion was well tolerated.',
    },
    {
      topic: 'efficacy',
      name: 'response named only as what a marker predicts',
      title: 'Plasma markers and ketamine.',
      abstract: 'Higher baseline BDNF predicted antidepressant response.',
    },
    {
      topic: 'regulation-access',
      name: 'ethics approval is not regulatory approval',
      title: 'Ketamine in depression.',
      abstract:
        'The protocol was approved by the ethics committee. The trial was approved by the hospital board.',
    },
  ])('not $topic: $name', ({ topic, title, abstract }) => {
    expect(topicIds(title, abstract)).not.toContain(topic);
  });
});
