import {
  abstractLine,
  bibtexEntry,
  CITATION_STYLES,
  type Citation,
  nbibRecord,
  risRecord,
  toCslItem,
} from '../cite/index.ts';
import type { StudyRecord } from '../records.ts';

/** A study's cite box and download files: a function of the record alone, so build workers make them. */
export interface StudyCitations {
  styles: { ama: Citation; apa: Citation; vancouver: Citation };
  files: { 'citation.ris': string; 'citation.bib': string; 'citation.nbib': string; 'citation.json': string };
}

/** The download files' names, in the order pages list them and the store keeps them. */
export const DOWNLOAD_NAMES: (keyof StudyCitations['files'])[] = [
  'citation.ris',
  'citation.bib',
  'citation.nbib',
  'citation.json',
];

export function studyCitations(record: StudyRecord): StudyCitations {
  const item = toCslItem(record);
  // The three files each print the abstract, the longest value by far: it is made one line once for them.
  const abstract = abstractLine(record);
  return {
    styles: {
      ama: CITATION_STYLES.ama(item),
      apa: CITATION_STYLES.apa(item),
      vancouver: CITATION_STYLES.vancouver(item),
    },
    files: {
      'citation.ris': risRecord(record, abstract),
      'citation.bib': bibtexEntry(record, abstract),
      'citation.nbib': nbibRecord(record, abstract),
      'citation.json': `${JSON.stringify([item], null, 2)}\n`,
    },
  };
}
