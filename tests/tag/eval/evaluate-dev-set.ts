import type { TagSource } from '../../../src/tag/normalise-input.ts';
import { evidenceLevelTable } from '../../../src/tag/rules/evidence-level-table.ts';
import { tagStudy } from '../../../src/tag/tag-study.ts';
import type { StudyTags, TagEvidence, TagHit } from '../../../src/tag/types.ts';
import type { DevLabel } from './dev-label.ts';
import {
  type MultiLabelScore,
  type SingleLabelScore,
  scoreMultiLabel,
  scoreSingleLabel,
  type TagScore,
  tagScore,
} from './score-labels.ts';

/** One record where the engine and the label differ, with the evidence the engine gave. */
export interface Disagreement {
  family: string;
  pmid: string;
  title: string;
  gold: string;
  predicted: string;
  evidence: string;
}

export interface DevSetReport {
  records: number;
  onTopic: number;
  relevance: SingleLabelScore & { onTopic: TagScore };
  design: SingleLabelScore;
  evidenceLevel: { accuracy: number };
  multi: Record<'topics' | 'routes' | 'substances' | 'populations', MultiLabelScore>;
  single: Record<'comparator' | 'regimen', SingleLabelScore>;
  sampleSize: {
    labelled: number;
    exact: number;
    missing: number;
    givenWhenUnlabelled: number;
    unlabelled: number;
  };
  retraction: { retracted: number; flagged: number; falseFlags: number };
  disagreements: Disagreement[];
}

const MULTI = ['topics', 'routes', 'substances', 'populations'] as const;

/** Tags every labelled study and compares the result with its labels. */
export function evaluateDevSet(labels: DevLabel[], studies: Map<string, TagSource>): DevSetReport {
  const disagreements: Disagreement[] = [];
  const relevancePairs: Array<{ gold: string; predicted: string }> = [];
  const designPairs: Array<{ gold: string; predicted: string }> = [];
  const levelPairs: Array<{ gold: number | null; predicted: number | null }> = [];
  const multiPairs = Object.fromEntries(
    MULTI.map((family) => [family, [] as Array<{ gold: string[]; predicted: string[] }>]),
  );
  const singlePairs = {
    comparator: [] as Array<{ gold: string; predicted: string }>,
    regimen: [] as Array<{ gold: string; predicted: string }>,
  };
  const sampleSize = { labelled: 0, exact: 0, missing: 0, givenWhenUnlabelled: 0, unlabelled: 0 };
  const retraction = { retracted: 0, flagged: 0, falseFlags: 0 };
  let onTopic = 0;

  for (const label of labels) {
    const study = studies.get(label.pmid);
    if (study === undefined) throw new Error(`PMID ${label.pmid} is labelled but not in ${label.fixture}`);
    const tags = tagStudy(study);
    const note = (family: string, gold: string, predicted: string, evidence: string) =>
      disagreements.push({ family, pmid: label.pmid, title: study.title, gold, predicted, evidence });

    relevancePairs.push({ gold: label.relevance, predicted: tags.relevance.id });
    if (label.relevance !== tags.relevance.id) {
      note(
        'relevance',
        label.relevance,
        tags.relevance.id,
        `${tags.relevance.reason}; ${tags.relevance.evidence.map(describe).join('; ')}`,
      );
    }
    designPairs.push({ gold: label.design, predicted: tags.design.id });
    if (label.design !== tags.design.id)
      note('design', label.design, tags.design.id, describe(tags.design.evidence));
    levelPairs.push({ gold: levelOf(label.design), predicted: tags.evidenceLevel.level });

    const flagged = tags.flags.some((flag) => flag.id === 'retracted');
    if (label.retracted === true) {
      retraction.retracted++;
      if (flagged) retraction.flagged++;
      else note('retraction', 'retracted', 'not flagged', '');
    } else if (flagged) {
      retraction.falseFlags++;
      note(
        'retraction',
        'not retracted',
        'retracted',
        tags.flags.map((flag) => describe(flag.evidence)).join('; '),
      );
    }

    if (label.relevance !== 'on-topic' || label.topics === undefined) continue;
    onTopic++;
    for (const family of MULTI) {
      const gold = label[family] ?? [];
      const hits = tags[family] as TagHit[];
      const predicted = hits.map((hit) => hit.id);
      multiPairs[family]?.push({ gold, predicted });
      const extra = hits.filter((hit) => !gold.includes(hit.id));
      const missed = gold.filter((tag) => !predicted.includes(tag));
      if (extra.length > 0 || missed.length > 0) {
        note(
          family,
          missed.length > 0 ? `missed ${missed.join(',')}` : '',
          extra.length > 0 ? `extra ${extra.map((hit) => hit.id).join(',')}` : '',
          extra.map((hit) => `${hit.id}: ${describe(hit.evidence)}`).join('; '),
        );
      }
    }
    for (const family of ['comparator', 'regimen'] as const) {
      const gold = label[family] ?? 'none';
      const hit = tags[family];
      singlePairs[family].push({ gold, predicted: hit.id });
      if (gold !== hit.id) note(family, gold, hit.id, describe(hit.evidence));
    }
    scoreSampleSize(label, tags, sampleSize, note);
  }

  const relevance = scoreSingleLabel(relevancePairs);
  const onTopicScore =
    relevance.perTag.find((score) => score.tag === 'on-topic') ?? tagScore('on-topic', 0, 0, 0);
  const levelCorrect = levelPairs.filter((pair) => pair.gold === pair.predicted).length;
  return {
    records: labels.length,
    onTopic,
    relevance: { ...relevance, onTopic: onTopicScore },
    design: scoreSingleLabel(designPairs),
    evidenceLevel: { accuracy: levelPairs.length === 0 ? 1 : levelCorrect / levelPairs.length },
    multi: Object.fromEntries(
      MULTI.map((family) => [family, scoreMultiLabel(multiPairs[family] ?? [])]),
    ) as DevSetReport['multi'],
    single: {
      comparator: scoreSingleLabel(singlePairs.comparator),
      regimen: scoreSingleLabel(singlePairs.regimen),
    },
    sampleSize,
    retraction,
    disagreements,
  };
}

function scoreSampleSize(
  label: DevLabel,
  tags: StudyTags,
  counts: DevSetReport['sampleSize'],
  note: (family: string, gold: string, predicted: string, evidence: string) => void,
) {
  const gold = label.n ?? null;
  const predicted = tags.n?.value ?? null;
  const evidence = tags.n === null ? '' : describe(tags.n.evidence);
  if (gold === null) {
    counts.unlabelled++;
    if (predicted !== null) {
      counts.givenWhenUnlabelled++;
      note('n', 'not stated', String(predicted), evidence);
    }
    return;
  }
  counts.labelled++;
  if (predicted === gold) counts.exact++;
  else {
    if (predicted === null) counts.missing++;
    note('n', String(gold), String(predicted), evidence);
  }
}

/** The level a design should get; observational studies are cohort (3) unless their design says otherwise. */
function levelOf(design: string): number | null {
  return evidenceLevelTable.find((row) => row.design === design)?.level ?? null;
}

export function describe(evidence: TagEvidence): string {
  return evidence.field === null ? evidence.rule : `${evidence.rule} @${evidence.field} "${evidence.match}"`;
}
