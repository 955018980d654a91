/**
 * Bodies that are not PubMed XML are refused with a clear error, never parsed as (empty) data: real
 * E-utilities error bodies from the fixtures, plus empty and prolog-only bodies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDigestError } from '../../src/errors.ts';
import { parseArticleSet, refuseNonXml, streamStudyRecordsFrom } from '../../src/parse/index.ts';
import { EUTILS_FIXTURES } from '../fixtures-path.ts';

const eutils = (name: string) => readFileSync(join(EUTILS_FIXTURES, name));
const transcribed = new Map(
  readFileSync(join(EUTILS_FIXTURES, 'transcribed__eutils_error_bodies.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; body: string })
    .map((entry) => [entry.id, entry.body]),
);
const body = (id: string) => {
  const text = transcribed.get(id);
  if (text === undefined) throw new Error(`no transcribed body ${id}`);
  return text;
};

function refusal(input: string | Uint8Array): { code: string; message: string } {
  try {
    refuseNonXml(input, { file: 'body' });
  } catch (error) {
    if (isDigestError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('not refused');
}

describe('refusing bodies that are not PubMed XML', () => {
  it.each([
    ['empty body', '', 'PARSE_NOT_XML', /empty body/],
    ['whitespace only', ' \n\t ', 'PARSE_NOT_XML', /empty body/],
    [
      'prolog only (upstream EOF)',
      '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "x" "y">\n',
      'PARSE_NOT_XML',
      /no root element/,
    ],
    ['429 JSON', body('429-json-with-ip'), 'PARSE_NOT_XML', /JSON body/],
    ['JSON array', '[{"pmid":"1"}]', 'PARSE_NOT_XML', /JSON body/],
    ['HTML 500 page', body('html-500-diagnostic'), 'PARSE_NOT_XML', /HTML page/],
    ['XHTML 414 page with XML declaration', body('html-uri-too-large'), 'PARSE_NOT_XML', /HTML page/],
    ['plain text', body('plain-text-unable-to-route'), 'PARSE_NOT_XML', /plain text body/],
    [
      'HTML PmFetch page (biopython pubmed3.html)',
      eutils('biopython__pubmed3.html'),
      'PARSE_NOT_XML',
      /HTML page/,
    ],
    ['eSearchResult', eutils('biopython__esearch1.xml'), 'PARSE_UNEXPECTED_ROOT', /root <eSearchResult>/],
    [
      'ERROR in an ePostResult',
      eutils('biopython__epost2.xml'),
      'PARSE_UNEXPECTED_ROOT',
      /root <ePostResult>/,
    ],
    ['truncated eInfoResult', eutils('biopython__einfo4.xml'), 'PARSE_UNEXPECTED_ROOT', /root <eInfoResult>/],
    ['bare ERROR', '<ERROR>Empty ID list; Nothing to store</ERROR>', 'PARSE_UNEXPECTED_ROOT', /root <ERROR>/],
  ])('%s', (_name, input, code, message) => {
    const refused = refusal(input);
    expect(refused.code).toBe(code);
    expect(refused.message).toMatch(message);
    expect(refused.message).toMatch(/refusing to parse it as PubMed records/);
    expect(() => parseArticleSet(input, { file: 'body' })).toThrow(message);
  });

  it('accepts PubmedArticleSet (with BOM, comments, DOCTYPE internal subset), legacy sets and bare records', () => {
    expect(
      refuseNonXml('\uFEFF<?xml version="1.0"?><!-- c --><!DOCTYPE x [<!ENTITY a "b">]><PubmedArticleSet/>'),
    ).toBe('PubmedArticleSet');
    expect(refuseNonXml('<MedlineCitationSet>')).toBe('MedlineCitationSet');
    expect(refuseNonXml(Buffer.from('  <PubmedArticle>'))).toBe('PubmedArticle');
  });

  it('an empty PubmedArticleSet (efetch found nothing) is valid XML with no records, not an error', () => {
    const result = parseArticleSet(
      readFileSync(join(EUTILS_FIXTURES, '..', 'pubmed', 'single', 'metapub__37909814.xml')),
      {
        file: 'empty-set',
      },
    );
    expect(result).toEqual({ records: [], deletions: [], problems: [] });
  });

  it('streaming refuses before yielding anything', async () => {
    async function* chunks() {
      yield Buffer.from(body('429-json-rentrez'));
    }
    const events = streamStudyRecordsFrom(chunks(), { file: 'http-body' });
    await expect(events.next()).rejects.toMatchObject({
      code: 'PARSE_NOT_XML',
      context: { file: 'http-body' },
    });
  });
});
