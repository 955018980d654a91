// One formatter: constructing Intl formatters per call (toLocaleString) cost seconds over 10,000 pages.
const COUNT = new Intl.NumberFormat('en-US');
const MONTHS = [
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

/** 10192 -> "10,192". */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/**
 * ISO date -> "26 November 2026" (the UTC day; what Intl's en-GB long date says, without its cost: about
 * 18 microseconds a call, two calls a study page); "unknown" for none.
 */
export function formatDate(iso: string | null): string {
  if (iso === null || iso === '') return 'unknown';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
