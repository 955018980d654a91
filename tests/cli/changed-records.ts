/**
 * How PubMed changes between scheduled runs, made from a real record the fake server serves: a record
 * entered on a given day under a new PMID, and a record that gains a retraction notice (RetractionIn) with
 * a newer DateRevised, as NLM revises a citation when a journal retracts the paper.
 */

/** `ymd` as [year, month, day]. */
export type Ymd = readonly [number, number, number];

const pad = (n: number) => String(n).padStart(2, '0');
const dateXml = (tag: string, [y, m, d]: Ymd, attributes = '') =>
  `<${tag}${attributes}><Year>${y}</Year><Month>${pad(m)}</Month><Day>${pad(d)}</Day></${tag}>`;

/** The record of `fromPmid` as a new record `pmid` that PubMed entered (and last revised) on `entered`. */
export function recordEnteredOn(xml: string, fromPmid: string, pmid: string, entered: Ymd): string {
  if (!xml.includes('<PubMedPubDate PubStatus="entrez">'))
    throw new Error(`record ${fromPmid} has no entrez date to move`);
  return xml
    .replace(`>${fromPmid}</PMID>`, `>${pmid}</PMID>`)
    .replace(
      `<ArticleId IdType="pubmed">${fromPmid}</ArticleId>`,
      `<ArticleId IdType="pubmed">${pmid}</ArticleId>`,
    )
    .replace(
      /<PubMedPubDate PubStatus="entrez">[\s\S]*?<\/PubMedPubDate>/,
      dateXml('PubMedPubDate', entered, ' PubStatus="entrez"'),
    )
    .replace(/<DateRevised>[\s\S]*?<\/DateRevised>/, dateXml('DateRevised', entered));
}

/** The same record after its retraction: a RetractionIn notice and DateRevised moved to `revised`. */
export function retractedOn(xml: string, revised: Ymd, noticePmid = '41999999'): string {
  const notice = `<CommentsCorrections RefType="RetractionIn"><RefSource>Retraction notice. ${revised[0]}</RefSource><PMID Version="1">${noticePmid}</PMID></CommentsCorrections>`;
  const withNotice = xml.includes('<CommentsCorrectionsList>')
    ? xml.replace('<CommentsCorrectionsList>', `<CommentsCorrectionsList>${notice}`)
    : xml.replace(
        '</MedlineCitation>',
        `<CommentsCorrectionsList>${notice}</CommentsCorrectionsList></MedlineCitation>`,
      );
  if (!withNotice.includes('<DateRevised>')) throw new Error('record has no DateRevised to move');
  return withNotice.replace(/<DateRevised>[\s\S]*?<\/DateRevised>/, dateXml('DateRevised', revised));
}

/** Today (UTC) from a clock reading, as [year, month, day]. */
export function ymdOf(ms: number): Ymd {
  const date = new Date(ms);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}
