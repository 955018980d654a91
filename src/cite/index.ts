/**
 * Citations: AMA 11, APA 7 and Vancouver (proved against citeproc in tests/cite), and the reference
 * manager formats RIS, BibTeX, MEDLINE/.nbib and CSL-JSON, each carrying the DOI and PMID.
 */
export { abstractLine } from './abstract-line.ts';
export type { Citation } from './citation-parts.ts';
export { type CslItem, toCslItem } from './csl-item.ts';
export { formatAma } from './format-ama.ts';
export { formatApa } from './format-apa.ts';
export { bibtexEntry, formatBibtex } from './format-bibtex.ts';
export { CITATION_STYLES, CITE_FORMATS, type CiteFormat, formatCitations } from './format-citations.ts';
export { formatNbib, nbibRecord } from './format-nbib.ts';
export { formatRis, risRecord } from './format-ris.ts';
export { formatVancouver } from './format-vancouver.ts';
export { runCiteCommand } from './run-cite-command.ts';
