import type { StudyRecord } from '../records.ts';
import { toCslItem } from './csl-item.ts';
import { formatAma } from './format-ama.ts';
import { formatApa } from './format-apa.ts';
import { formatBibtex } from './format-bibtex.ts';
import { formatNbib } from './format-nbib.ts';
import { formatRis } from './format-ris.ts';
import { formatVancouver } from './format-vancouver.ts';

export const CITE_FORMATS = ['ama', 'apa', 'vancouver', 'bibtex', 'ris', 'nbib', 'csl-json'] as const;
export type CiteFormat = (typeof CITE_FORMATS)[number];

export const CITATION_STYLES = { ama: formatAma, apa: formatApa, vancouver: formatVancouver } as const;

/** Many records in one format, as `cite` prints them and the site's downloads hold them. */
export function formatCitations(records: StudyRecord[], format: CiteFormat): string {
  switch (format) {
    case 'ama':
    case 'apa':
    case 'vancouver': {
      const style = CITATION_STYLES[format];
      return records.map((record) => `${style(toCslItem(record)).text}\n`).join('');
    }
    case 'bibtex':
      return formatBibtex(records);
    case 'ris':
      return formatRis(records);
    case 'nbib':
      return formatNbib(records);
    case 'csl-json':
      return `${JSON.stringify(records.map(toCslItem), null, 2)}\n`;
  }
}
