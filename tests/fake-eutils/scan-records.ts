const KINDS = ['PubmedArticle', 'PubmedBookArticle'] as const;

/**
 * Every <PubmedArticle> and <PubmedBookArticle> element of a PubmedArticleSet, as the exact source text.
 * An indexOf scan, not a parser: the fake serves the bytes NCBI produced, and at multiplier 200 a parse
 * of every record would cost seconds and hundreds of MB. DeleteCitation and the legacy MedlineCitationSet
 * format are skipped because they hold no such element.
 */
export function scanRecords(text: string): string[] {
  const records: string[] = [];
  let from = 0;
  for (;;) {
    let start = -1;
    let kind: (typeof KINDS)[number] = 'PubmedArticle';
    for (const candidate of KINDS) {
      const at = text.indexOf(`<${candidate}>`, from);
      if (at >= 0 && (start < 0 || at < start)) {
        start = at;
        kind = candidate;
      }
    }
    if (start < 0) return records;
    const close = `</${kind}>`;
    const end = text.indexOf(close, start);
    if (end < 0) return records;
    records.push(text.slice(start, end + close.length));
    from = end + close.length;
  }
}
