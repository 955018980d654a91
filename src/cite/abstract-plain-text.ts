import type { StudyRecord } from '../records.ts';

/** "BACKGROUND: ... METHODS: ..." as PubMed's own text exports print a structured abstract. */
export function abstractPlainText(record: StudyRecord): string {
  return record.abstract
    .map((section) => (section.label ? `${section.label.toUpperCase()}: ${section.text}` : section.text))
    .join(' ');
}
