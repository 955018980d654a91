import {
  CITATION_STYLES,
  type Citation,
  formatBibtex,
  formatNbib,
  formatRis,
  toCslItem,
} from '../cite/index.ts';
import type { StudyRecord } from '../records.ts';

/** A study's cite box and download files: a function of the record alone, so build workers make them. */
export interface StudyCitations {
  styles: { ama: Citation; apa: Citation; vancouver: Citation };
  files: { 'citation.ris': string; 'citation.bib': string; 'citation.nbib': string; 'citation.json': string };
}

export function studyCitations(record: StudyRecord): StudyCitations {
  const item = toCslItem(record);
  return {
    styles: {
      ama: CITATION_STYLES.ama(item),
      apa: CITATION_STYLES.apa(item),
      vancouver: CITATION_STYLES.vancouver(item),
    },
    files: {
      'citation.ris': formatRis([record]),
      'citation.bib': formatBibtex([record]),
      'citation.nbib': formatNbib([record]),
      'citation.json': `${JSON.stringify([item], null, 2)}\n`,
    },
  };
}
