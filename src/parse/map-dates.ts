import type { PartialDate } from '../records.ts';
import { childText, type XmlNode } from './xml-node.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_PREFIXES = MONTHS.map((name) => name.toLowerCase());
const SEASONS = /^(spring|summer|fall|autumn|winter)/i;

/** `Sep`, `September`, `09` and `9` are all September: PubMed writes months every way. */
export function monthNumber(value: string | null): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const month = Number(trimmed);
    return month >= 1 && month <= 12 ? month : null;
  }
  const index = MONTH_PREFIXES.indexOf(trimmed.slice(0, 3).toLowerCase());
  return index < 0 ? null : index + 1;
}

function yearNumber(value: string | null): number | null {
  return value !== null && /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : null;
}

function dayNumber(value: string | null): number | null {
  if (value === null || !/^\d{1,2}$/.test(value.trim())) return null;
  const day = Number(value.trim());
  return day >= 1 && day <= 31 ? day : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A Year/Month/Day element (DateRevised, ArticleDate, PubMedPubDate) as ISO 8601: `yyyy-mm-dd`, or the
 * reduced precision `yyyy-mm` / `yyyy` when PubMed gives less. Null without a usable year.
 */
export function isoDate(node: XmlNode | undefined): string | null {
  const year = yearNumber(childText(node, 'Year'));
  if (year === null) return null;
  const month = monthNumber(childText(node, 'Month'));
  if (month === null) return String(year);
  const day = dayNumber(childText(node, 'Day'));
  return day === null ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * A PubDate: Year/Month/Day, Year/Season or free-text MedlineDate. For a MedlineDate range ("2019
 * Sep-Oct", "2019 Sep/Oct", "1998 Dec-1999 Jan") year, month and day are the start of the range and
 * `text` keeps the range as PubMed wrote it. Assembled dates read like PubMed's: `2020 Sep 4`.
 */
export function pubDate(node: XmlNode | undefined): PartialDate | null {
  if (node === undefined) return null;
  const medlineDate = childText(node, 'MedlineDate');
  if (medlineDate !== null) return medlineDateParts(medlineDate);
  const yearText = childText(node, 'Year');
  const year = yearNumber(yearText);
  const month = monthNumber(childText(node, 'Month'));
  const day = month === null ? null : dayNumber(childText(node, 'Day'));
  const season = childText(node, 'Season');
  const parts = [
    yearText,
    month === null ? null : MONTHS[month - 1],
    day === null ? null : String(day),
    season,
  ];
  const assembled = parts.filter((part): part is string => part !== null && part !== undefined).join(' ');
  if (assembled === '') return null;
  return { year, month, day, season, text: assembled };
}

function medlineDateParts(value: string): PartialDate {
  const tokens = value.split(/[\s/-]+/).filter((token) => token !== '');
  const yearIndex = tokens.findIndex((token) => /^\d{4}$/.test(token));
  const after = yearIndex < 0 ? [] : tokens.slice(yearIndex + 1);
  const first = after[0] ?? null;
  const month = first !== null && /^[A-Za-z]{3,}$/.test(first) ? monthNumber(first) : null;
  const season = month === null ? (tokens.find((token) => SEASONS.test(token)) ?? null) : null;
  const second = after[1] ?? null;
  const day = month !== null && second !== null && /^\d{1,2}$/.test(second) ? dayNumber(second) : null;
  return {
    year: yearIndex < 0 ? null : Number(tokens[yearIndex]),
    month,
    day,
    season,
    text: value,
  };
}
