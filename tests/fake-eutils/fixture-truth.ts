/**
 * The fixtures read a second, independent way (regular expressions and fast-xml-parser instead of the
 * server's indexOf scan and string search), so the tests compare the fake against the data, not against
 * itself. Test support only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../../../shared/fixtures/pubmed');
export const EUTILS_FIXTURES_DIR = resolve(import.meta.dirname, '../../../shared/fixtures/eutils');

export interface TruthRecord {
  pmid: string;
  xml: string;
  edat: number;
  mdat: number;
  pdat: number;
}

let cached: TruthRecord[] | undefined;

/** Every PubmedArticle/PubmedBookArticle, first occurrence of each PMID, in file order (top level, single/). */
export function truthRecords(): TruthRecord[] {
  if (cached) return cached;
  const files = [...listXml(FIXTURES_DIR), ...listXml(join(FIXTURES_DIR, 'single'))];
  const seen = new Set<string>();
  const out: TruthRecord[] = [];
  for (const file of files) {
    const raw = readFileSync(file);
    const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    for (const match of text.matchAll(/<(PubmedArticle|PubmedBookArticle)>[\s\S]*?<\/\1>/g)) {
      const xml = match[0];
      const pmid = /<PMID[^>]*>(\d+)<\/PMID>/.exec(xml)?.[1];
      if (pmid === undefined || seen.has(pmid)) continue;
      seen.add(pmid);
      out.push({ pmid, xml, ...datesOf(xml) });
    }
  }
  cached = out;
  return out;
}

/** Raw count of record elements in the fixture files, duplicates included. */
export function rawRecordElementCount(): number {
  let count = 0;
  for (const file of [...listXml(FIXTURES_DIR), ...listXml(join(FIXTURES_DIR, 'single'))]) {
    const raw = readFileSync(file);
    const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    count += text.split(/<PubmedArticle>|<PubmedBookArticle>/).length - 1;
  }
  return count;
}

/** PubMed's default order: entry date descending, then PMID descending. */
export function defaultOrder(records: readonly TruthRecord[]): string[] {
  return [...records].sort((a, b) => b.edat - a.edat || Number(b.pmid) - Number(a.pmid)).map((r) => r.pmid);
}

function listXml(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.xml(\.gz)?$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'PubMedPubDate',
});
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SEASONS: Record<string, number> = { Winter: 1, Spring: 4, Summer: 7, Fall: 10, Autumn: 10 };

type Node = Record<string, unknown>;

function datesOf(xml: string): { edat: number; mdat: number; pdat: number } {
  // Reference lists and abstracts hold no dates and most of the bytes (EUTILS.md: cut them first).
  const lean = xml.replace(
    /<(ReferenceList|Abstract|AuthorList|MeshHeadingList|CommentsCorrectionsList|ChemicalList|KeywordList|GrantList|InvestigatorList|OtherAbstract|PublicationTypeList|ArticleTitle|Sections|ObjectList)\b[^>]*>[\s\S]*?<\/\1>/g,
    '',
  );
  const doc = parser.parse(lean) as Node;
  const root = (doc.PubmedArticle ?? doc.PubmedBookArticle) as Node;
  const citation = (root.MedlineCitation ?? root.BookDocument) as Node;
  const data = (root.PubmedData ?? root.PubmedBookData) as Node | undefined;
  const history = ((data?.History as Node | undefined)?.PubMedPubDate ?? []) as Node[];
  const byStatus = (status: string) => history.find((d) => d['@PubStatus'] === status);
  const article = citation.Article as Node | undefined;
  const pubDate = (((article?.Journal as Node | undefined)?.JournalIssue as Node | undefined)?.PubDate ??
    (citation.Book as Node | undefined)?.PubDate) as Node | undefined;
  const pdat = pubDate === undefined ? null : publicationDate(pubDate);
  const edat =
    ymd(byStatus('entrez')) ??
    ymd(byStatus('pubmed')) ??
    ymd(citation.DateCompleted as Node | undefined) ??
    ymd(citation.DateCreated as Node | undefined) ??
    (pdat === null ? 0 : Math.floor(pdat / 10_000) * 10_000 + 101);
  const mdat = ymd(citation.DateRevised as Node | undefined) ?? edat;
  return { edat, mdat, pdat: pdat ?? edat };
}

function ymd(node: Node | undefined): number | null {
  if (node === undefined) return null;
  return Number(node.Year) * 10_000 + month(String(node.Month ?? '1')) * 100 + Number(node.Day ?? 1);
}

function month(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : MONTHS.indexOf(text.slice(0, 3)) + 1;
}

function publicationDate(pubDate: Node): number {
  if (typeof pubDate.MedlineDate === 'string') {
    // "2019 Sep-Oct", "2010 Oct-Dec": the year and the first month.
    const [year, first] = pubDate.MedlineDate.split(/\s+/);
    return Number(year) * 10_000 + (first ? month(first) : 1) * 100 + 1;
  }
  const season = typeof pubDate.Season === 'string' ? (pubDate.Season.split(/[-/]/)[0] ?? '') : '';
  const m =
    pubDate.Month !== undefined
      ? month(String(pubDate.Month))
      : (SEASONS[season] ?? (season ? month(season) : 1));
  return Number(pubDate.Year) * 10_000 + m * 100 + Number(pubDate.Day ?? 1);
}

/** The own PMID of each record in an efetch body, in order (the first PMID of each record element). */
export function articlePmids(body: string): string[] {
  return [...body.matchAll(/<(PubmedArticle|PubmedBookArticle)>[\s\S]*?<PMID[^>]*>(\d+)<\/PMID>/g)].map(
    (m) => m[2] ?? '',
  );
}
