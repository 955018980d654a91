import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StudyRecord } from '../../../src/records.ts';
import { readTagSources } from '../../../src/tag/read-tag-sources.ts';
import { tagStudy } from '../../../src/tag/tag-study.ts';
import { FIXTURES_URL } from './load-fixture-studies.ts';

export interface RetractionScan {
  files: number;
  records: number;
  /** Records NLM marks as retracted: publication type "Retracted Publication" or a RetractionIn notice. */
  retracted: string[];
  flagged: string[];
  missed: string[];
  /** Flagged although NLM marks nothing (a retraction notice is not itself retracted). */
  falseFlags: string[];
}

/**
 * Every PubMed XML fixture, parsed and tagged: each record NLM marks as retracted must carry the
 * `retracted` flag, and nothing else may. The mark is read from the publication types and notices as
 * NLM wrote them, independently of the parse stage's own `retracted` summary.
 */
export async function scanFixtureRetractions(): Promise<RetractionScan> {
  const scan: RetractionScan = {
    files: 0,
    records: 0,
    retracted: [],
    flagged: [],
    missed: [],
    falseFlags: [],
  };
  for (const folder of ['pubmed/', 'pubmed/single/']) {
    const url = new URL(folder, FIXTURES_URL);
    for (const name of readdirSync(url)
      .filter((file) => /\.xml(?:\.gz)?$/.test(file))
      .sort()) {
      scan.files++;
      for await (const event of readTagSources(fileURLToPath(new URL(name, url)))) {
        if (event.kind !== 'study') continue;
        scan.records++;
        const record = event.source as StudyRecord;
        const marked =
          record.publicationTypes.some((type) => type.name === 'Retracted Publication') ||
          record.retraction.notices.some((notice) => notice.type === 'RetractionIn');
        const flagged = tagStudy(record).flags.some((flag) => flag.id === 'retracted');
        const id = `${name}#${record.pmid}`;
        if (marked) scan.retracted.push(id);
        if (flagged) scan.flagged.push(id);
        if (marked && !flagged) scan.missed.push(id);
        if (flagged && !marked) scan.falseFlags.push(id);
      }
    }
  }
  return scan;
}
