import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EUTILS_BASE_URL, loadConfig } from '../src/config.ts';
import { DigestError } from '../src/errors.ts';
import { DEFAULT_QUERY } from '../src/query.ts';

async function dirWith(config?: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ed-config-'));
  if (config !== undefined) {
    await writeFile(
      join(dir, 'evidence-digest.config.json'),
      typeof config === 'string' ? config : JSON.stringify(config),
    );
  }
  return dir;
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestError);
  expect((error as DigestError).code).toBe('CONFIG_INVALID');
  return (error as DigestError).message.split('\n  - ').slice(1);
}

describe('loadConfig', () => {
  it('defaults: NCBI base URL, built-in query, 3 requests/s without a key', async () => {
    const cwd = await dirWith();
    const config = await loadConfig({ cwd, env: { NCBI_EMAIL: 'a@b.org' }, needsNetwork: true });
    expect(config).toEqual({
      query: DEFAULT_QUERY,
      eutilsBaseUrl: DEFAULT_EUTILS_BASE_URL,
      apiKey: null,
      email: 'a@b.org',
      tool: 'evidence-digest',
      cacheDir: join(cwd, 'cache'),
      outDir: join(cwd, 'site'),
      requestsPerSecond: 3,
      maxInFlight: 3,
      batchSize: 200,
      maxAttempts: 6,
      retryBaseMs: 1000,
      retryMaxMs: 60_000,
      requestTimeoutMs: 120_000,
      searchFrom: '1800/01/01',
      overlapDays: 3,
      lockStaleMs: 60_000,
      siteUrl: null,
    });
  });

  it('an API key raises the rate to 10/s; environment wins over the file', async () => {
    const cwd = await dirWith({ email: 'file@b.org', tool: 'from-file' });
    const config = await loadConfig({
      cwd,
      env: { NCBI_API_KEY: 'abcdef0123456789abcdef0123456789abcd', NCBI_EMAIL: 'env@b.org' },
      needsNetwork: true,
    });
    expect(config).toMatchObject({ requestsPerSecond: 10, email: 'env@b.org', tool: 'from-file' });
  });

  it('reports every invalid field at once, by name and source', async () => {
    const cwd = await dirWith({
      batchSize: 0,
      maxAttempts: 'six',
      searchFrom: '2020-01-01',
      requestsPerSecond: 50,
      colour: 'blue',
      apiKey: 'x',
    });
    const problems = await problemsOf(
      loadConfig({
        cwd,
        env: { EUTILS_BASE_URL: 'http://example.org/eutils/', NCBI_EMAIL: 'nope' },
        needsNetwork: true,
      }),
    );
    const file = join(cwd, 'evidence-digest.config.json');
    expect(problems).toEqual([
      `colour: unknown setting in ${file}`,
      'eutilsBaseUrl (from EUTILS_BASE_URL): must be an https:// URL, or http:// on 127.0.0.1/localhost',
      `apiKey: may not be set in ${file}; use the NCBI_API_KEY environment variable`,
      'email (from NCBI_EMAIL): expected an e-mail address',
      `batchSize (in ${file}): Too small: expected number to be >=1`,
      `maxAttempts (in ${file}): Invalid input: expected number, received string`,
      `searchFrom (in ${file}): expected a date as YYYY/MM/DD`,
      "requestsPerSecond: 50 exceeds NCBI's limit of 3/s without an API key",
    ]);
  });

  it('requires an e-mail for commands that reach NCBI', async () => {
    const cwd = await dirWith();
    expect(await problemsOf(loadConfig({ cwd, env: {}, needsNetwork: true }))).toEqual([
      'email: required; NCBI asks every client for a contact address (set NCBI_EMAIL or "email")',
    ]);
    await expect(loadConfig({ cwd, env: {}, needsNetwork: false })).resolves.toMatchObject({ email: null });
  });

  it('allows faster pacing only against a loopback server', async () => {
    const cwd = await dirWith({
      requestsPerSecond: 200,
      eutilsBaseUrl: 'http://127.0.0.1:4000/entrez/eutils',
    });
    const config = await loadConfig({ cwd, env: { NCBI_EMAIL: 'a@b.org' }, needsNetwork: true });
    expect(config).toMatchObject({
      requestsPerSecond: 200,
      eutilsBaseUrl: 'http://127.0.0.1:4000/entrez/eutils/',
    });
  });

  it('names the file when it is not JSON, or missing when given explicitly', async () => {
    const cwd = await dirWith('{ "batchSize": ');
    await expect(loadConfig({ cwd, env: {}, needsNetwork: false })).rejects.toThrow(
      `the config file ${join(cwd, 'evidence-digest.config.json')} is not valid JSON`,
    );
    await expect(
      loadConfig({ cwd, env: {}, configPath: 'nope.json', needsNetwork: false }),
    ).rejects.toMatchObject({
      code: 'CONFIG_UNREADABLE',
      context: { file: join(cwd, 'nope.json') },
    });
  });
});

describe('README configuration table', () => {
  it('has one row per declared setting, naming its environment variable', async () => {
    const { readFile } = await import('node:fs/promises');
    const { SETTINGS } = await import('../src/config.ts');
    const { REPO_ROOT } = await import('./fixtures-path.ts');
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => /^\| `\w+` +\|/.test(line));
    expect(rows.map((row) => /^\| `(\w+)`/.exec(row)?.[1])).toEqual(SETTINGS.map((s) => s.key));
    for (const spec of SETTINGS) {
      const row = rows.find((line) => new RegExp(`^\\| \`${spec.key}\` +\\|`).test(line)) ?? '';
      expect([spec.key, row.split('|')[2]?.trim()]).toEqual([spec.key, spec.env ? `\`${spec.env}\`` : '']);
    }
  });
});
