import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRequest, redactSecret } from '../../src/fetch/build-request.ts';
import { EUTILS_FIXTURES } from '../fixtures-path.ts';

const identity = {
  tool: 'evidence-digest',
  email: 'team@example.org',
  apiKey: 'abc123def456abc123def456abc123def456',
};

describe('buildRequest', () => {
  it('POSTs form-encoded parameters with db, tool and email; the key only in the body', () => {
    const req = buildRequest(
      'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/',
      'efetch',
      { id: '1,2,3', retmode: 'xml' },
      identity,
    );
    expect(req.url).toBe('https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi');
    expect(req.params).toEqual({
      db: 'pubmed',
      id: '1,2,3',
      retmode: 'xml',
      tool: 'evidence-digest',
      email: 'team@example.org',
    });
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      ...req.params,
      api_key: identity.apiKey,
    });
    expect(req.url).not.toContain(identity.apiKey);
    expect(JSON.stringify(req.params)).not.toContain(identity.apiKey);
  });

  it('carries the 4,820-character real query intact, with its quotes, brackets and colons', () => {
    const term = readFileSync(join(EUTILS_FIXTURES, 'PsyNamic-Webapp__pubmed_search_string.txt'), 'utf8');
    const req = buildRequest(
      'http://127.0.0.1:9/entrez/eutils/',
      'esearch',
      { term, retmode: 'json' },
      { ...identity, apiKey: null },
    );
    expect(new URLSearchParams(req.body).get('term')).toBe(term);
    expect(new URLSearchParams(req.body).has('api_key')).toBe(false);
    expect(req.url).toBe('http://127.0.0.1:9/entrez/eutils/esearch.fcgi');
  });

  it('omits email when none is configured, never sends an empty one', () => {
    const req = buildRequest(
      'http://127.0.0.1:9/',
      'esearch',
      { term: 'x' },
      { tool: 't', email: null, apiKey: null },
    );
    expect(new URLSearchParams(req.body).has('email')).toBe(false);
  });
});

describe('redactSecret', () => {
  it('replaces every occurrence of the key', () => {
    expect(redactSecret('a KEY b KEY', 'KEY')).toBe('a *** b ***');
    expect(redactSecret('nothing', null)).toBe('nothing');
  });
});
