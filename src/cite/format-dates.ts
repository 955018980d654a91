import type { CslItem } from './csl-item.ts';

export const MONTHS_SHORT = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
export const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function issuedParts(item: CslItem): [number, number?, number?] | null {
  const issued = item.issued;
  if (issued === undefined || !('date-parts' in issued)) return null;
  return issued['date-parts'][0] ?? null;
}

/** The year, or PubMed's free-text date (MedlineDate) when no year could be read, or "n.d.". */
export function issuedYear(item: CslItem, missing = 'n.d.'): string {
  const parts = issuedParts(item);
  if (parts) return String(parts[0]);
  if (item.issued && 'literal' in item.issued) return item.issued.literal;
  return missing;
}
