import { MONTHS_LONG } from '../cite/format-dates.ts';

// One formatter: constructing Intl formatters per call (toLocaleString) cost seconds over 10,000 pages.
const COUNT = new Intl.NumberFormat('en-US');

/** 10192 -> "10,192". */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/**
 * ISO date -> "26 November 2026" (the UTC day: what Intl's en-GB long date says, at a fifth of its cost;
 * two calls a study page); "unknown" for none.
 */
export function formatDate(iso: string | null): string {
  if (iso === null || iso === '') return 'unknown';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : `${date.getUTCDate()} ${MONTHS_LONG[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
