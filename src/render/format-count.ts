// One formatter each: constructing Intl formatters per call (toLocaleString) cost seconds over 10,000 pages.
const COUNT = new Intl.NumberFormat('en-US');
const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** 10192 -> "10,192". */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** ISO date -> "26 November 2026"; "unknown" for none. */
export function formatDate(iso: string | null): string {
  if (iso === null || iso === '') return 'unknown';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE.format(date);
}
