import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Endpoint } from '../../src/fetch/build-request.ts';
import {
  classifyFailure,
  classifyResponse,
  parseRetryAfter,
  type ResponseKind,
  rootElement,
} from '../../src/fetch/classify-response.ts';
import { EUTILS_FIXTURES, PUBMED_FIXTURES } from '../fixtures-path.ts';

/**
 * Every body in ../shared/fixtures/eutils, with the verdict a reader of EUTILS.md expects. Files that are
 * not responses (the DTD, a query string) are listed too, so a new fixture cannot slip by unclassified.
 */
const FILE_EXPECTATIONS: Record<string, { endpoint: Endpoint; kind: ResponseKind } | 'not-a-response'> = {
  'biopython__einfo2.xml': { endpoint: 'einfo', kind: 'ok' },
  'biopython__einfo4.xml': { endpoint: 'einfo', kind: 'truncated' },
  'biopython__elink1.xml': { endpoint: 'elink', kind: 'ok' },
  'biopython__epost1.xml': { endpoint: 'epost', kind: 'ok' },
  'biopython__epost2.xml': { endpoint: 'epost', kind: 'client-error' },
  'biopython__epost3.xml': { endpoint: 'epost', kind: 'client-error' },
  'biopython__esearch1.xml': { endpoint: 'esearch', kind: 'ok' },
  'biopython__esearch2.xml': { endpoint: 'esearch', kind: 'ok' },
  'biopython__esearch3.xml': { endpoint: 'esearch', kind: 'ok' },
  'biopython__esearch8.xml': { endpoint: 'esearch', kind: 'no-results' },
  'biopython__espell.xml': { endpoint: 'espell', kind: 'ok' },
  'biopython__esummary1.xml': { endpoint: 'esummary', kind: 'ok' },
  'biopython__esummary8.xml': { endpoint: 'esummary', kind: 'client-error' },
  'biopython__pubmed3.html': { endpoint: 'efetch', kind: 'html-error' },
  'metapub__medgen_elink_pubmed_0_entries.xml': { endpoint: 'elink', kind: 'ok' },
  'metapub__sample_related_pmids_result.xml': { endpoint: 'elink', kind: 'ok' },
  'biopython__pubmed_250101.dtd': 'not-a-response',
  'PsyNamic-Webapp__pubmed_search_string.txt': 'not-a-response',
  'ncbi-entrez-error-messages__error_messages.txt': 'not-a-response', // one message per line, below
  'transcribed__eutils_error_bodies.jsonl': 'not-a-response', // one body per line, below
};

const TRANSIENT: ReadonlySet<ResponseKind> = new Set([
  'rate-limited',
  'server-error',
  'backend-failed',
  'html-error',
  'plain-text-error',
  'empty-body',
  'prolog-only',
  'truncated',
  'network',
  'timeout',
]);

function classify(
  endpoint: Endpoint,
  body: string | Buffer,
  status = 200,
  contentType: string | null = null,
) {
  return classifyResponse({
    endpoint,
    status,
    contentType,
    retryAfter: null,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  });
}

describe('classifyResponse on the real E-utilities bodies', () => {
  const files = readdirSync(EUTILS_FIXTURES).filter((name) => !name.endsWith('.yaml'));

  it('has an expectation for every file in fixtures/eutils', () => {
    expect(files.sort()).toEqual(Object.keys(FILE_EXPECTATIONS).sort());
  });

  for (const [file, expected] of Object.entries(FILE_EXPECTATIONS)) {
    if (expected === 'not-a-response') continue;
    it(`${file} is ${expected.kind}`, () => {
      const verdict = classify(expected.endpoint, readFileSync(join(EUTILS_FIXTURES, file)));
      expect(verdict.kind).toBe(expected.kind);
      expect(verdict.transient).toBe(TRANSIENT.has(expected.kind));
      expect(verdict.code === null).toBe(expected.kind === 'ok' || expected.kind === 'no-results');
    });
  }

  it('reads the NCBI error messages list: overload is retried, a bad id list is not', () => {
    const lines = readFileSync(
      join(EUTILS_FIXTURES, 'ncbi-entrez-error-messages__error_messages.txt'),
      'utf8',
    )
      .split('\n')
      .filter(Boolean);
    const verdicts = Object.fromEntries(lines.map((line) => [line, classify('efetch', line).kind]));
    expect(verdicts).toEqual({
      'Error reading from remote server': 'plain-text-error',
      'Bad gateway': 'plain-text-error',
      'Bad Gateway': 'plain-text-error',
      'Cannot process ID list': 'client-error',
      'server is temporarily unable to service your request': 'plain-text-error',
      'Service unavailable': 'plain-text-error',
      'Server Error': 'plain-text-error',
      'ID list is empty': 'client-error',
      'Supplied id parameter is empty': 'client-error',
      'Resource temporarily unavailable': 'plain-text-error',
      'Failed to retrieve sequence': 'plain-text-error',
      'Failed to understand id': 'client-error',
    });
  });

  it('classifies every transcribed error body from public issue threads', () => {
    const rows = readFileSync(join(EUTILS_FIXTURES, 'transcribed__eutils_error_bodies.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(
        (line) =>
          JSON.parse(line) as { id: string; http_status: number | null; body: string; content_type?: string },
      );
    const wrapError = (text: string) =>
      `<?xml version="1.0" encoding="UTF-8" ?>\n<eSearchResult>\n\t<ERROR>${text}</ERROR>\n</eSearchResult>`;
    const verdicts: Record<string, ResponseKind | 'skipped: headers, not a body'> = {};
    for (const row of rows) {
      const status = row.http_status ?? 200;
      const type = row.content_type?.split(' ')[0] ?? null;
      let body = row.body;
      // Entries marked "message text only" quote what sat inside <ERROR>; classify them in that shape.
      if (row.id === 'esearch-error-db-not-supported' || row.id.startsWith('esearch-10k-retstart')) {
        body = wrapError(row.body);
      }
      if (row.id === 'esearch-10k-warning') {
        body =
          '<?xml version="1.0" ?><eSearchResult><Count>20000</Count><RetMax>9999</RetMax><RetStart>0</RetStart>' +
          '<IdList><Id>1</Id></IdList><WarningList><OutputMessage>Restrictions achieved. start and count adjusted to 0, 9999</OutputMessage></WarningList></eSearchResult>';
      }
      if (row.id === 'prolog-only-xml') {
        body =
          '<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eLinkResult PUBLIC "-//NLM//DTD elink 20101123//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20101123/elink.dtd">\n';
      }
      if (row.id === 'rate-limit-headers-on-200') {
        verdicts[row.id] = 'skipped: headers, not a body';
        continue;
      }
      const endpoint: Endpoint = row.id.startsWith('docsum')
        ? 'esummary'
        : row.id.includes('efetch')
          ? 'efetch'
          : 'esearch';
      verdicts[row.id] = classify(endpoint, body, status, type).kind;
    }
    expect(verdicts).toEqual({
      '429-json-with-ip': 'rate-limited',
      '429-json-rentrez': 'rate-limited',
      '429-json-primertree': 'rate-limited',
      '429-json-ncbi-doc-example': 'rate-limited',
      'esearch-error-backend': 'backend-failed',
      'esearch-error-db-not-supported': 'backend-failed',
      'esearch-10k-warning': 'ok', // the cap is caught by comparing Count with the ids listed
      'esearch-10k-retstart-position': 'client-error',
      'esearch-10k-retstart-explained': 'client-error',
      'efetch-history-out-of-range': 'client-error',
      'esummary-json-too-many-uids': 'client-error',
      'html-500-diagnostic': 'server-error',
      'plain-text-unable-to-route': 'plain-text-error',
      'html-uri-too-large': 'client-error',
      'edirect-curl-500-empty': 'server-error',
      'prolog-only-xml': 'prolog-only',
      'docsum-backend-failed-comment': 'backend-failed',
      'rate-limit-headers-on-200': 'skipped: headers, not a body',
    });
  });

  it('accepts every recorded successful exchange in the cassettes, and refuses a non-PubMed efetch', () => {
    const verdicts: Record<string, string> = {};
    for (const file of readdirSync(EUTILS_FIXTURES).filter((name) => name.endsWith('.yaml'))) {
      const cassette = parseYaml(readFileSync(join(EUTILS_FIXTURES, file), 'utf8')) as {
        interactions: {
          request: { uri: string; body: string | null };
          response: { status: { code: number }; headers: Record<string, string[]>; body: { string: string } };
        }[];
      };
      cassette.interactions.forEach((interaction, index) => {
        const endpoint = /\/(\w+)\.fcgi/.exec(interaction.request.uri)?.[1] as Endpoint;
        const verdict = classify(
          endpoint,
          interaction.response.body.string,
          interaction.response.status.code,
          interaction.response.headers['Content-Type']?.[0] ?? null,
        );
        verdicts[`${file}#${index}`] = verdict.kind;
      });
    }
    const expected = Object.fromEntries(
      Object.keys(verdicts).map((key) => [
        key,
        // db=nuccore efetch returns a GBSet: not a PubmedArticleSet, so never stored as PubMed data.
        key === 'biocommons-eutils__cassette_test_esearchresult.yaml#0' ? 'unexpected-body' : 'ok',
      ]),
    );
    expect(Object.keys(verdicts).length).toBeGreaterThanOrEqual(11);
    expect(verdicts).toEqual(expected);
  });

  it('accepts every real PubmedArticleSet as a complete efetch body', () => {
    const files = readdirSync(PUBMED_FIXTURES).filter((name) => name.endsWith('.xml'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      expect([file, classify('efetch', readFileSync(join(PUBMED_FIXTURES, file))).kind]).toEqual([
        file,
        'ok',
      ]);
    }
  });
});

describe('classifyResponse on shapes built from real bodies', () => {
  const realBatch = readFileSync(join(PUBMED_FIXTURES, 'PsyNamic-Webapp__abstract_test.xml'));

  it('a body cut anywhere before its closing tag is truncated and retried', () => {
    for (const fraction of [0.1, 0.5, 0.9, 0.999]) {
      const cut = realBatch.subarray(0, Math.floor(realBatch.length * fraction));
      expect(classify('efetch', cut)).toMatchObject({
        kind: 'truncated',
        code: 'EUTILS_TRUNCATED',
        transient: true,
      });
    }
  });

  it('an XML prolog alone, or one cut inside its DOCTYPE', () => {
    const prolog = realBatch.subarray(0, realBatch.indexOf('<PubmedArticleSet>'));
    expect(classify('efetch', prolog).kind).toBe('prolog-only');
    expect(classify('efetch', prolog.subarray(0, 60)).kind).toBe('truncated');
  });

  it('empty and whitespace bodies with HTTP 200', () => {
    expect(classify('efetch', '')).toMatchObject({ kind: 'empty-body', transient: true });
    expect(classify('esearch', ' \n\t')).toMatchObject({ kind: 'empty-body', transient: true });
  });

  it('status wins over body: 429 with NCBI JSON, 5xx, 502 asks for a smaller batch, 4xx is ours', () => {
    const limited = classifyResponse({
      endpoint: 'efetch',
      status: 429,
      contentType: 'application/json',
      retryAfter: '2',
      body: Buffer.from('{"error":"API rate limit exceeded","count":"5","limit":"3"}'),
    });
    expect(limited).toEqual({
      kind: 'rate-limited',
      code: 'EUTILS_RATE_LIMITED',
      transient: true,
      message: 'rate limited (HTTP 429: {"error":"API rate limit exceeded","count":"5","limit":"3"})',
      retryAfterMs: 2000,
      smallerBatch: false,
    });
    expect(classify('efetch', realBatch, 502)).toMatchObject({ kind: 'server-error', smallerBatch: true });
    expect(classify('efetch', '', 503)).toMatchObject({
      kind: 'server-error',
      smallerBatch: false,
      transient: true,
    });
    expect(classify('efetch', 'Not Found', 404)).toMatchObject({ kind: 'client-error', transient: false });
  });

  it('an HTML page with status 200 is an error page, whatever its content type says', () => {
    const page =
      '<html><head><title>NCBI/eutils202 - WWW Error 500 Diagnostic</title></head><body></body></html>';
    expect(classify('efetch', page, 200, 'text/xml')).toMatchObject({
      kind: 'html-error',
      message: 'HTML page instead of data: NCBI/eutils202 - WWW Error 500 Diagnostic',
    });
  });

  it('an expired WebEnv is recognised and not blindly retried (the search must be re-run)', () => {
    const body =
      '<?xml version="1.0" ?><eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>';
    expect(classify('efetch', body)).toMatchObject({ kind: 'webenv-expired', code: 'EUTILS_WEBENV_EXPIRED' });
    const history =
      '<?xml version="1.0" encoding="UTF-8" ?>\n<eFetchResult>\n\t<ERROR>Cannot retrieve history data. query_key: 1, WebEnv: MCID_1, retstart: 0, retmax: 20</ERROR>\n</eFetchResult>';
    expect(classify('efetch', history, 400).kind).toBe('webenv-expired');
  });

  it('the history cap is a client mistake, not an expired WebEnv (or it would be re-searched for ever)', () => {
    const capped =
      '<?xml version="1.0" ?><eFetchResult><ERROR>Search backend cannot retrieve history data. Reason: Exception: \'retstart\' cannot be larger than 9998. For PubMed, ESearch can only retrieve the first 9,999 records matching the query.</ERROR></eFetchResult>';
    expect(classify('efetch', capped, 400)).toMatchObject({ kind: 'client-error', transient: false });
    expect(classify('efetch', capped, 200)).toMatchObject({ kind: 'client-error', transient: false });
  });

  it('esearch JSON: counts are data, ERROR is classified by its message, broken JSON is truncated', () => {
    const ok =
      '{"header":{"type":"esearch","version":"0.3"},"esearchresult":{"count":"2","retmax":"2","retstart":"0","idlist":["1","2"]}}';
    expect(classify('esearch', ok, 200, 'application/json').kind).toBe('ok');
    expect(classify('esearch', ok.slice(0, 50), 200, 'application/json').kind).toBe('truncated');
    const backend = '{"esearchresult":{"ERROR":"Search Backend failed: Unable to open connection"}}';
    expect(classify('esearch', backend).kind).toBe('backend-failed');
    const none =
      '{"esearchresult":{"count":"0","retmax":"0","retstart":"0","idlist":[],"errorlist":{"phrasesnotfound":["nomatchxyz"],"fieldsnotfound":[]}}}';
    expect(classify('esearch', none).kind).toBe('no-results');
    expect(classify('esearch', '{"esearchresult":{"ERROR":"Something new"}}')).toMatchObject({
      kind: 'unexpected-body',
      transient: false,
    });
  });
});

describe('classifyFailure', () => {
  it('resets and refused connections are network failures, undici timeouts are timeouts; both retried', () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(classifyFailure(reset)).toMatchObject({
      kind: 'network',
      code: 'EUTILS_NETWORK',
      transient: true,
    });
    const timeout = Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(classifyFailure(timeout)).toMatchObject({
      kind: 'timeout',
      code: 'EUTILS_TIMEOUT',
      transient: true,
    });
  });
});

describe('rootElement and parseRetryAfter', () => {
  it('skips declaration, DOCTYPE and comments', () => {
    expect(rootElement('<?xml version="1.0"?>\n<!-- hi -->\n<!DOCTYPE x SYSTEM "y">\n<eSearchResult>')).toBe(
      'eSearchResult',
    );
    expect(rootElement('<?xml version="1.0"?>\n')).toBeNull();
    expect(rootElement('<?xml version="1.0"')).toBe('incomplete');
  });

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:05 GMT', Date.parse('2026-11-26T12:00:00Z'))).toBe(5000);
    expect(parseRetryAfter(null, 0)).toBeNull();
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });
});
