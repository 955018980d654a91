export type Span = readonly [start: number, end: number];

/**
 * Where the record's own PMID digits sit: MedlineCitation/PMID (or BookDocument/PMID), which is the first
 * PMID of the record by the DTD's element order, and the IdType="pubmed" ArticleId of the ArticleIdList
 * that opens PubmedData (or PubmedBookData). PMIDs in CommentsCorrections and in ReferenceList are other
 * records' ids and must stay as they are.
 */
export function ownPmidSpans(xml: string): Span[] {
  const spans: Span[] = [];
  const pmid = /<PMID[^>]*>\s*(\d+)/.exec(xml);
  if (pmid?.[1] !== undefined) {
    const end = pmid.index + pmid[0].length;
    spans.push([end - pmid[1].length, end]);
  }
  const data = Math.max(xml.lastIndexOf('<PubmedData>'), xml.lastIndexOf('<PubmedBookData>'));
  if (data < 0) return spans;
  const listStart = xml.indexOf('<ArticleIdList>', data);
  const listEnd = listStart < 0 ? -1 : xml.indexOf('</ArticleIdList>', listStart);
  if (listEnd < 0) return spans;
  const list = xml.slice(listStart, listEnd);
  const id = /<ArticleId IdType="pubmed">\s*(\d+)/.exec(list);
  if (id?.[1] !== undefined) {
    const end = listStart + id.index + id[0].length;
    spans.push([end - id[1].length, end]);
  }
  return spans;
}

/** The record with its own PMID replaced at the given spans (ascending, from ownPmidSpans). */
export function withOwnPmid(xml: string, spans: readonly Span[], pmid: string): string {
  let out = '';
  let from = 0;
  for (const [start, end] of spans) {
    out += xml.slice(from, start) + pmid;
    from = end;
  }
  return out + xml.slice(from);
}
