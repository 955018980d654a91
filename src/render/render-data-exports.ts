import { stringify } from 'csv-stringify/sync';
import { formatBibtex, formatRis } from '../cite/index.ts';
import { type DigestStudy, isRetracted } from '../search/index.ts';

/**
 * The full data exports (PRODUCT.md section 3): every cached study, off-topic ones included, with its
 * tags. JSONL is the record and tag objects as they are; CSV flattens them for spreadsheets, with cells
 * that a spreadsheet would run as a formula (=, +, -, @) prefixed by an apostrophe.
 */
export function renderDataExports(studies: DigestStudy[]): Record<string, string> {
  const jsonl = studies
    .map((study) =>
      JSON.stringify({
        ...study.record,
        tags: study.tags,
        fetchedAt: study.fetchedAt,
        withdrawn: study.withdrawn ?? null,
        retractionNoticedAt: study.retractionNoticedAt ?? null,
      }),
    )
    .join('\n');
  const header = [
    'pmid',
    'title',
    'journal',
    'year',
    'doi',
    'pmcid',
    'relevance',
    'relevance_reason',
    'design',
    'evidence_level',
    'topics',
    'routes',
    'substances',
    'populations',
    'comparator',
    'n',
    'regimen',
    'retracted',
    'trial_ids',
    'publication_types',
    'url',
  ];
  const rows = studies.map(({ record, tags, ...rest }) =>
    [
      record.pmid,
      record.title,
      record.journal?.title ?? '',
      record.published?.year ?? '',
      record.doi ?? '',
      record.pmcid ?? '',
      tags.relevance.id,
      tags.relevance.reason,
      tags.design.id,
      tags.evidenceLevel.level ?? '',
      tags.topics.map((t) => t.id).join(';'),
      tags.routes.map((t) => t.id).join(';'),
      tags.substances.map((t) => t.id).join(';'),
      tags.populations.map((t) => t.id).join(';'),
      tags.comparator.id,
      tags.n?.value ?? '',
      tags.regimen.id,
      isRetracted({ record, tags, ...rest }) ? 'yes' : 'no',
      record.trialIds.map((t) => t.id).join(';'),
      record.publicationTypes.map((t) => t.name).join(';'),
      `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/`,
    ].map(defuseFormula),
  );
  const included = studies
    .filter((study) => study.tags.relevance.id === 'on-topic')
    .map((study) => study.record);
  return {
    'data/studies.jsonl': jsonl === '' ? '' : `${jsonl}\n`,
    'data/studies.csv': stringify([header, ...rows], { bom: true, record_delimiter: 'windows' }),
    'data/citations.ris': formatRis(included),
    'data/citations.bib': formatBibtex(included),
  };
}

function defuseFormula(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
