import { DigestError } from '../errors.ts';

/** Roots the parse stage reads; anything else is refused before a single record is looked for. */
export const PUBMED_ROOTS = new Set(['PubmedArticleSet', 'MedlineCitationSet', 'PubmedBookArticleSet']);
const BARE_RECORDS = new Set(['PubmedArticle', 'PubmedBookArticle', 'MedlineCitation', 'DeleteCitation']);
const HTML_ROOTS = new Set(['html', 'head', 'body', 'title', 'meta', 'div', 'p', 'pre', 'h1']);

/** How much of a body the check looks at: prolog, DOCTYPE and the root's start tag fit easily. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Refuses a body that is not PubMed XML, with a message that says what it is instead: empty, JSON (a 429
 * rate-limit body), HTML (an error page, even with status 200), plain text, XML with no root element (a
 * prolog-only response), or XML of another kind (an eSearchResult, an `<ERROR>`). Looks at the first
 * SNIFF_BYTES only, so it can run on the first chunk of a stream. Returns the root element's name (a
 * set, or a bare record when given one record's slice).
 */
export function refuseNonXml(
  body: string | Uint8Array,
  source: { file: string } = { file: '(memory)' },
): string {
  const head =
    typeof body === 'string'
      ? body.slice(0, SNIFF_BYTES)
      : Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, SNIFF_BYTES)).toString('utf8');
  const refuse = (code: 'PARSE_NOT_XML' | 'PARSE_UNEXPECTED_ROOT', what: string): never => {
    throw new DigestError(code, `${what}; refusing to parse it as PubMed records`, {
      context: { file: source.file },
    });
  };
  const text = head.replace(/^\uFEFF/, '');
  const start = text.search(/\S/);
  if (start < 0) return refuse('PARSE_NOT_XML', 'empty body');
  const first = text[start];
  if (text.startsWith('\uFFFE') || text.includes('\u0000'))
    return refuse('PARSE_NOT_XML', 'binary or UTF-16 body');
  if (first === '{' || first === '[') return refuse('PARSE_NOT_XML', `JSON body (${snippet(text, start)})`);
  if (first !== '<') return refuse('PARSE_NOT_XML', `plain text body (${snippet(text, start)})`);

  // Skip the prolog: XML declaration, processing instructions, comments, DOCTYPE.
  let at = start;
  for (;;) {
    const next = text.slice(at).search(/\S/);
    if (next < 0)
      return refuse('PARSE_NOT_XML', 'XML prolog with no root element (an empty or cut-off response)');
    at += next;
    if (text.startsWith('<?', at)) at = after(text, '?>', at);
    else if (text.startsWith('<!--', at)) at = after(text, '-->', at);
    else if (/^<!DOCTYPE/i.test(text.slice(at, at + 9))) {
      if (/^<!DOCTYPE\s+html\b/i.test(text.slice(at, at + 20))) return refuse('PARSE_NOT_XML', 'HTML page');
      const bracket = text.indexOf('[', at);
      let close = text.indexOf('>', at);
      // An internal subset [...] may hold `>` of its own.
      if (bracket >= 0 && bracket < close) close = text.indexOf('>', text.indexOf(']', bracket));
      at = close < 0 ? -1 : close + 1;
    } else break;
    if (at <= 0) return refuse('PARSE_NOT_XML', 'XML prolog is not closed');
  }
  const name = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(at))?.[1];
  if (name === undefined) return refuse('PARSE_NOT_XML', `no root element (${snippet(text, at)})`);
  if (HTML_ROOTS.has(name.toLowerCase())) return refuse('PARSE_NOT_XML', `HTML page (${snippet(text, at)})`);
  if (!PUBMED_ROOTS.has(name) && !BARE_RECORDS.has(name)) {
    return refuse(
      'PARSE_UNEXPECTED_ROOT',
      `XML with root <${name}>, not a PubmedArticleSet (${snippet(text, at)})`,
    );
  }
  return name;
}

function after(text: string, marker: string, at: number): number {
  const found = text.indexOf(marker, at);
  return found < 0 ? -1 : found + marker.length;
}

function snippet(text: string, at: number): string {
  const shown = text
    .slice(at, at + 80)
    .replace(/\s+/g, ' ')
    .trim();
  return `starts "${shown}${text.length > at + 80 ? '...' : ''}"`;
}
