/**
 * Response bodies as NCBI writes them. Every shape here comes from a real body: the fixtures in
 * shared/fixtures/eutils (biopython esearch1/esearch8, the biocommons cassettes, the transcribed error
 * bodies) or public issue threads quoting NCBI; the source is named next to each one.
 */

export const XML_TYPE = 'text/xml; charset=UTF-8';
export const JSON_TYPE = 'application/json; charset=UTF-8';
export const HTML_TYPE = 'text/html; charset=UTF-8';
export const TEXT_TYPE = 'text/plain; charset=UTF-8';

// biopython__esearch1.xml and the esearch cassette.
export const ESEARCH_PROLOG =
  '<?xml version="1.0" encoding="UTF-8" ?>\n' +
  '<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n';

// Current efetch output (biopython__pubmed1.xml, PsyNamic-Webapp__abstract_test.xml): the records follow
// one another with no separator on the line after <PubmedArticleSet>, and the closing tag ends the body.
export const PUBMED_PROLOG =
  '<?xml version="1.0" ?>\n' +
  '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n';
export const PUBMED_SET_OPEN = `${PUBMED_PROLOG}<PubmedArticleSet>\n`;
export const PUBMED_SET_CLOSE = '</PubmedArticleSet>';

// Transcribed efetch-history-out-of-range (pubmedR#7); note NCBI's DOCTYPE name eEfetchResult.
const EFETCH_ERROR_PROLOG =
  '<?xml version="1.0" encoding="UTF-8" ?>\n' +
  '<!DOCTYPE eEfetchResult PUBLIC "-//NLM//DTD efetch 20131226//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20131226/efetch.dtd">\n';

/** Transcribed esearch-error-backend (refinebio#1390): ERROR alone inside eSearchResult. HTTP 200. */
export function esearchErrorXml(message: string): string {
  return `${ESEARCH_PROLOG}<eSearchResult>\n\t<ERROR>${escapeXml(message)}</ERROR>\n</eSearchResult>\n`;
}

/** Transcribed efetch-history-out-of-range; several ERROR elements as in epost3.xml. */
export function efetchErrorXml(messages: readonly string[]): string {
  const errors = messages.map((message) => `\t<ERROR>${escapeXml(message)}</ERROR>\n`).join('');
  return `${EFETCH_ERROR_PROLOG}<eFetchResult>\n${errors}</eFetchResult>\n`;
}

/** NCBI's esearch JSON envelope (header version 0.3), fields in NCBI's order. */
export function esearchJson(result: Record<string, unknown>): string {
  return JSON.stringify({ header: { type: 'esearch', version: '0.3' }, esearchresult: result });
}

/**
 * retstart past 9,998 on a search of more than 9,999 records. Text as quoted in paperscraper#40 (with
 * NCBI's line breaks) and, for the final sentence, in the triplea README's copy of the JSON ERROR.
 */
export const RETSTART_TOO_LARGE =
  "Search Backend failed: Exception:\n'retstart' cannot be larger than 9998. For PubMed, \n" +
  'ESearch can only retrieve the first 9,999 records \nmatching the query.\n' +
  ' To obtain more than 9,999 PubMed records, consider \nusing EDirect that contains additional logic \n' +
  'to batch PubMed search results automatically\n so that an arbitrary number can be retrieved.\n' +
  ' For details see https://www.ncbi.nlm.nih.gov/books/NBK25499/';

/**
 * The same cap on the history server: efetch by WebEnv past position 9,998 answers HTTP 400 with NCBI's
 * "'retstart' cannot be larger than 9998. For PubMed, ESearch can only retrieve the first 9,999 records
 * matching the query." (and retstart=9950&retmax=50 gives 49 records), as a public client measured in
 * 2026. The "Search backend cannot retrieve history data. Reason: Exception:" lead is how two other
 * public test suites record that efetch error.
 */
export const HISTORY_RETSTART_TOO_LARGE =
  "Search backend cannot retrieve history data. Reason: Exception: 'retstart' cannot be larger than 9998. " +
  'For PubMed, ESearch can only retrieve the first 9,999 records matching the query.';

/** The WarningList message of a clamped window (biopython#4189; "9998, 1" measured by a public client). */
export function restrictionsAchieved(retstart: number, count: number): string {
  return `Restrictions achieved. start and count adjusted to ${retstart}, ${count}`;
}

/** metapub#73 / biopython#5025 (2025 outage): the Search Backend failed shape, HTTP 200. */
export const BACKEND_FAILED = 'Search Backend failed: Database is not supported: pubmed';

/** biopython__epost2.xml's message; the esearch and efetch wrappers as public clients record them. */
export function invalidDb(db: string): string {
  return `Invalid db name specified: ${db}`;
}

/** Real esearch body recorded in a public Go client's tests. */
export const EMPTY_TERM = 'Empty term and query_key - nothing todo';

/** efetch without id or WebEnv (quoted by many public clients). */
export const EMPTY_ID_LIST = 'Empty id list - nothing todo';

/** efetch whose id list holds no valid id, HTTP 400 (pubmed-mcp-server#155: id=00000000). */
export const NO_CORRECT_IDS = 'ID list is empty! Possibly it has no correct IDs.';

/**
 * An unknown or expired WebEnv on efetch: the two ERROR elements NCBI returned, as quoted in a public SRA
 * download script (the indentation of the C++ exception is NCBI's).
 */
export function historyGone(queryKey: string, webEnv: string, retstart: number, retmax: number): string[] {
  return [
    `Cannot retrieve history data. query_key: ${queryKey}, WebEnv: ${webEnv}, retstart: ${retstart}, retmax: ${retmax}`,
    "Can't fetch uids from history because of: NCBI C++ Exception:\n" +
      '    Error: UNK_MODULE(CException::eInvalid) "UNK_FILE", line 18446744073709551615: UNK_FUNC ---\n',
  ];
}

/** Transcribed efetch-history-out-of-range (pubmedR#7), HTTP 400. */
export function historyOutOfRange(retstart: number, retmax: number, available: number): string {
  return (
    `Cannot retrieve history data: OUT OF RANGE. Parameter retstart=${retstart} + ${retmax} is greater than ` +
    `number of records available in history. History includes ${available} IDs.`
  );
}

/** esearch with a WebEnv the history server no longer has (the message EDirect-era scripts retry on). */
export function unableToObtainQuery(queryKey: string): string {
  return `Unable to obtain query #${queryKey}`;
}

/**
 * Transcribed html-500-diagnostic (OpenKnowledgeMaps/Headstart#257), verbatim up to "URL:  http://",
 * where the quote in the issue stops; the rest closes the page.
 */
export function wwwError500Page(path: string): string {
  return (
    '<head> <title>NCBI/eutils202 - WWW Error 500 Diagnostic</title> <style type="text/css">  h1.error {color: red; font-size: 40pt} div.diags {text-indent: 0.5in } </style>  </head> ' +
    '<body> <h1>Server Error</h1>   <p>Your request could not be processed due to a problem on our Web server.  This could be a transient problem, please try the query again.  ' +
    "If it doesn't clear up within a reasonable period of time, e-mail a short description of your query and the diagnostic information shown below to:</p>  " +
    '<p> pubmed@nlm.nih.gov - for problems with PubMed<br/> webadmin@ncbi.nlm.nih.gov - for problems with other services<br/> </p>  ' +
    '<p>Thank you for your assistance.  We will try to fix the problem as soon as possible. </p> <hr/> <p> Diagnostic Information:</p>  ' +
    `<div class="diags">Error: 500</div>  <div class="diags">URL:  http://eutils.ncbi.nlm.nih.gov${escapeXml(path)}</div> </body>\n`
  );
}

/**
 * Proxy pages for 502 and 503. NCBI's own are not quoted anywhere public; these carry the phrases kblin's
 * ncbi-entrez-error-messages list (fixture ncbi-entrez-error-messages__error_messages.txt) records.
 */
export const BAD_GATEWAY_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>' +
  '<p>Error reading from remote server</p></body></html>\n';
export const SERVICE_UNAVAILABLE_PAGE =
  '<html><head><title>503 Service Unavailable</title></head><body><h1>Service unavailable</h1>' +
  '<p>The server is temporarily unable to service your request. Please try again later.</p></body></html>\n';

/** Transcribed plain-text-unable-to-route (ARTbio/tools-artbio#425), verbatim. */
export const UNABLE_TO_ROUTE =
  'Unable to route request!\n\nservice name: /http/service/ratecontrol\ndtab:\n\nbase dtab:\n\noverride dtab:';

export const NOT_FOUND_PAGE =
  '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n';

/** EUTILS.md and the transcribed 429 bodies (rentrez#132, bioutils#16), without the echoed client IP. */
export function rateLimitJson(count: number, limit: number): string {
  return JSON.stringify({ error: 'API rate limit exceeded', count: String(count), limit: String(limit) });
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
