/**
 * An E-utilities date (YYYY, YYYY/MM or YYYY/MM/DD; '-' also accepted) as a YYYYMMDD integer. A lower
 * bound starts the period it names and an upper bound ends it, so both ends are inclusive: maxdate 2020
 * means up to 2020/12/31. Day 31 closes every month, which is fine for comparisons. Null when malformed.
 */
export function parseDateBound(text: string, bound: 'min' | 'max'): number | null {
  const match = /^\s*(\d{4})(?:[/-](\d{1,2})(?:[/-](\d{1,2}))?)?\s*$/.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? (bound === 'min' ? 1 : 12) : Number(match[2]);
  const day = match[3] === undefined ? (bound === 'min' ? 1 : 31) : Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return year * 10_000 + month * 100 + day;
}

/** YYYYMMDD integer as NCBI prints dates in query translations: 2025/09/27. */
export function formatDateBound(ymd: number): string {
  const year = Math.floor(ymd / 10_000);
  const month = Math.floor(ymd / 100) % 100;
  const day = ymd % 100;
  return `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
}
