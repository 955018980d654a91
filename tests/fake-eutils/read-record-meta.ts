/** Dates are YYYYMMDD integers so that windows compare with plain < and >. */
export interface RecordMeta {
  pmid: string | null;
  /** Entrez date: History entrez, else pubmed, else DateCompleted, DateCreated, PubDate year. */
  edat: number;
  /** DateRevised, else edat. */
  mdat: number;
  /** PubDate, best effort (Season and MedlineDate give their first month; a missing day is the 1st). */
  pdat: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// PubMed prints seasons as given; for windows the fake needs one month, the season's first.
const SEASONS: Record<string, number> = { winter: 1, spring: 4, summer: 7, fall: 10, autumn: 10 };

/** The few fields the fake needs, found by string search: the record is never parsed as a whole. */
export function readRecordMeta(xml: string): RecordMeta {
  const pmid = /<PMID[^>]*>\s*(\d+)\s*<\/PMID>/.exec(xml)?.[1] ?? null;
  const pdat = readPubDate(xml);
  const edat =
    readYmd(element(xml, '<PubMedPubDate PubStatus="entrez">', '</PubMedPubDate>')) ??
    readYmd(element(xml, '<PubMedPubDate PubStatus="pubmed">', '</PubMedPubDate>')) ??
    readYmd(element(xml, '<DateCompleted>', '</DateCompleted>')) ??
    readYmd(element(xml, '<DateCreated>', '</DateCreated>')) ??
    (pdat === null ? 0 : Math.floor(pdat / 10_000) * 10_000 + 101);
  const mdat = readYmd(element(xml, '<DateRevised>', '</DateRevised>')) ?? edat;
  return { pmid, edat, mdat, pdat: pdat ?? edat };
}

function element(xml: string, open: string, close: string): string | null {
  const start = xml.indexOf(open);
  if (start < 0) return null;
  const end = xml.indexOf(close, start);
  return end < 0 ? null : xml.slice(start + open.length, end);
}

function field(fragment: string, tag: string): string | null {
  return element(fragment, `<${tag}>`, `</${tag}>`)?.trim() ?? null;
}

function readYmd(fragment: string | null): number | null {
  if (fragment === null) return null;
  const year = Number(field(fragment, 'Year'));
  if (!Number.isInteger(year) || year < 1000) return null;
  const month = monthNumber(field(fragment, 'Month')) ?? 1;
  const day = Number(field(fragment, 'Day') ?? 1) || 1;
  return year * 10_000 + month * 100 + day;
}

function readPubDate(xml: string): number | null {
  const pubDate = element(xml, '<PubDate>', '</PubDate>');
  if (pubDate === null) return null;
  const medlineDate = field(pubDate, 'MedlineDate');
  if (medlineDate !== null) {
    const match = /(\d{4})\s*([A-Za-z]{3})?/.exec(medlineDate);
    if (!match?.[1]) return null;
    return Number(match[1]) * 10_000 + (monthNumber(match[2] ?? null) ?? 1) * 100 + 1;
  }
  const year = Number(field(pubDate, 'Year'));
  if (!Number.isInteger(year) || year < 1000) return null;
  const season = field(pubDate, 'Season');
  const month = monthNumber(field(pubDate, 'Month')) ?? seasonMonth(season) ?? 1;
  const day = Number(field(pubDate, 'Day') ?? 1) || 1;
  return year * 10_000 + month * 100 + day;
}

function monthNumber(text: string | null): number | null {
  if (text === null || text === '') return null;
  const numeric = Number(text);
  if (Number.isInteger(numeric) && numeric >= 1 && numeric <= 12) return numeric;
  const index = MONTHS.indexOf(text.slice(0, 3).toLowerCase());
  return index < 0 ? null : index + 1;
}

/** "Spring", "Winter-Spring", "Jan-Mar": the first named month or season. */
function seasonMonth(season: string | null): number | null {
  if (season === null) return null;
  const first = season.split(/[-/\s]/)[0]?.toLowerCase() ?? '';
  return SEASONS[first] ?? monthNumber(first);
}
