import type { StudyRecord } from '../records.ts';
import { abstractPlainText } from './abstract-plain-text.ts';
import { oneLine } from './one-line.ts';

/**
 * The abstract as RIS, BibTeX and MEDLINE print it: plain text on one line. It is by far the longest value
 * of a record, so a caller making all three files makes it once and hands it to each (risRecord ...).
 */
export function abstractLine(record: StudyRecord): string {
  return oneLine(abstractPlainText(record));
}
