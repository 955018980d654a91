/**
 * One declared table of settings: default, environment variable, unit, doc and validation for each.
 * Sources, later wins: defaults < `evidence-digest.config.json` (or `--config PATH`) < environment.
 * Every invalid field is reported at once, by name, and the CLI exits 2.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DigestError } from './errors.ts';
import { DEFAULT_QUERY } from './query.ts';

export const DEFAULT_EUTILS_BASE_URL = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/';
export const CONFIG_FILE_NAME = 'evidence-digest.config.json';

/** NCBI's published limits: 3 requests/s per IP without an API key, 10 with one. */
export const NCBI_RATE_WITHOUT_KEY = 3;
export const NCBI_RATE_WITH_KEY = 10;

export interface Config {
  query: string;
  eutilsBaseUrl: string;
  /** Secret: never logged, never part of a cache key, report or page. Environment only. */
  apiKey: string | null;
  email: string | null;
  tool: string;
  cacheDir: string;
  outDir: string;
  /** Resolved: the configured value, or NCBI's limit for the presence of an API key. */
  requestsPerSecond: number;
  maxInFlight: number;
  batchSize: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  requestTimeoutMs: number;
  searchFrom: string;
  overlapDays: number;
  lockStaleMs: number;
  siteUrl: string | null;
}

export interface SettingSpec {
  key: keyof Config;
  env: string | null;
  /** Whether the config file may set it (the API key may not: files get committed). */
  inFile: boolean;
  default: string | number | null;
  unit: string;
  doc: string;
  schema: z.ZodType;
}

const ymd = z
  .string()
  .regex(/^\d{4}\/\d{2}\/\d{2}$/, 'expected a date as YYYY/MM/DD')
  .refine((value) => !Number.isNaN(Date.parse(value.replaceAll('/', '-'))), 'not a calendar date');
const positiveInt = (max: number) => z.number().int().min(1).max(max);

/** The settings table. README's configuration table mirrors it (a test keeps them in step). */
export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'query',
    env: null,
    inFile: true,
    default: 'built-in ketamine/depression query',
    unit: 'PubMed query',
    doc: 'The PubMed search that defines the corpus (see "The default query").',
    schema: z.string().trim().min(1, 'must not be empty').max(20_000),
  },
  {
    key: 'eutilsBaseUrl',
    env: 'EUTILS_BASE_URL',
    inFile: true,
    default: DEFAULT_EUTILS_BASE_URL,
    unit: 'URL',
    doc: 'E-utilities base URL. HTTPS, or plain HTTP on loopback only (the fake server used by tests and demos).',
    schema: z.string().refine(isAllowedBaseUrl, 'must be an https:// URL, or http:// on 127.0.0.1/localhost'),
  },
  {
    key: 'apiKey',
    env: 'NCBI_API_KEY',
    inFile: false,
    default: null,
    unit: 'secret',
    doc: 'NCBI API key: raises the limit from 3 to 10 requests/s. Environment only; never logged or stored.',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9]{8,64}$/, 'expected the 36-character key from your NCBI account page'),
  },
  {
    key: 'email',
    env: 'NCBI_EMAIL',
    inFile: true,
    default: null,
    unit: 'address',
    doc: 'Contact address sent with every request, as NCBI asks. Required for refresh.',
    schema: z.email('expected an e-mail address'),
  },
  {
    key: 'tool',
    env: 'NCBI_TOOL',
    inFile: true,
    default: 'evidence-digest',
    unit: 'name',
    doc: 'Tool name sent with every request so NCBI can reach the operator.',
    schema: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore, no spaces'),
  },
  {
    key: 'cacheDir',
    env: 'EVIDENCE_DIGEST_CACHE_DIR',
    inFile: true,
    default: 'cache',
    unit: 'path',
    doc: 'Where raw responses, the manifest and run state live (relative to the working directory).',
    schema: z.string().min(1),
  },
  {
    key: 'outDir',
    env: null,
    inFile: true,
    default: 'site',
    unit: 'path',
    doc: 'Where `build` publishes the site.',
    schema: z.string().min(1),
  },
  {
    key: 'requestsPerSecond',
    env: null,
    inFile: true,
    default: null,
    unit: 'requests/s',
    doc: 'Request starts per second across the whole process, retries included. Default: 3, or 10 with an API key; NCBI limits are enforced except on loopback.',
    schema: z.number().positive().max(1000),
  },
  {
    key: 'maxInFlight',
    env: null,
    inFile: true,
    default: 3,
    unit: 'requests',
    doc: 'Requests in flight at once (pacing of starts is separate).',
    schema: positiveInt(16),
  },
  {
    key: 'batchSize',
    env: null,
    inFile: true,
    default: 200,
    unit: 'PMIDs',
    doc: 'PMIDs per efetch POST (halved for the retry after a 502).',
    schema: positiveInt(10_000),
  },
  {
    key: 'maxAttempts',
    env: null,
    inFile: true,
    default: 6,
    unit: 'attempts',
    doc: 'Attempts per request, the first included, before the run fails.',
    schema: positiveInt(20),
  },
  {
    key: 'retryBaseMs',
    env: null,
    inFile: true,
    default: 1000,
    unit: 'ms',
    doc: 'First backoff delay; doubles per attempt, with jitter.',
    schema: z.number().int().min(0).max(600_000),
  },
  {
    key: 'retryMaxMs',
    env: null,
    inFile: true,
    default: 60_000,
    unit: 'ms',
    doc: 'Cap on one backoff delay, Retry-After included.',
    schema: z.number().int().min(0).max(3_600_000),
  },
  {
    key: 'requestTimeoutMs',
    env: null,
    inFile: true,
    default: 120_000,
    unit: 'ms',
    doc: 'Time allowed for the response headers, and between body chunks, before the request is retried.',
    schema: z.number().int().min(100).max(3_600_000),
  },
  {
    key: 'searchFrom',
    env: null,
    inFile: true,
    default: '1800/01/01',
    unit: 'YYYY/MM/DD',
    doc: 'Earliest entry date searched; the range up to today is split into windows under the 9,999 cap.',
    schema: ymd,
  },
  {
    key: 'overlapDays',
    env: null,
    inFile: true,
    default: 3,
    unit: 'days',
    doc: 'An incremental refresh searches entry and modification dates from the last complete run minus this, since PubMed indexes records late.',
    schema: z.number().int().min(0).max(365),
  },
  {
    key: 'lockStaleMs',
    env: null,
    inFile: true,
    default: 60_000,
    unit: 'ms',
    doc: 'Refresh and publish hold a lock on the cache, refreshed every third of this; a lock left by a killed run is taken over after it.',
    schema: z.number().int().min(2_000).max(600_000),
  },
  {
    key: 'siteUrl',
    env: 'EVIDENCE_DIGEST_SITE_URL',
    inFile: true,
    default: null,
    unit: 'URL',
    doc: 'Where the site is served from, for absolute links in the Atom feed and sitemap (optional).',
    schema: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  },
];

export interface ConfigSources {
  cwd: string;
  env: Record<string, string | undefined>;
  /** `--config PATH`; otherwise `evidence-digest.config.json` in cwd, if present. */
  configPath?: string | undefined;
  /** Commands that talk to E-utilities need a contact e-mail. */
  needsNetwork: boolean;
}

export async function loadConfig(sources: ConfigSources): Promise<Config> {
  const { raw, file, found } = await readConfigFile(sources);
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const known = new Set<string>(SETTINGS.map((s) => s.key));

  for (const key of Object.keys(raw)) {
    if (!known.has(key)) problems.push(`${key}: unknown setting in ${file}`);
  }
  for (const spec of SETTINGS) {
    if (spec.key in raw) {
      if (!spec.inFile) {
        problems.push(`${spec.key}: may not be set in ${file}; use the ${spec.env} environment variable`);
      } else {
        check(spec, raw[spec.key], `${spec.key} (in ${file})`);
      }
    }
    const envValue = spec.env ? sources.env[spec.env] : undefined;
    if (spec.env && envValue !== undefined && envValue !== '') {
      check(spec, fromEnv(spec, envValue), `${spec.key} (from ${spec.env})`);
    }
  }

  function check(spec: SettingSpec, value: unknown, where: string): void {
    const result = spec.schema.safeParse(value);
    if (result.success) values[spec.key] = result.data;
    else for (const issue of result.error.issues) problems.push(`${where}: ${issue.message}`);
  }

  const apiKey = (values.apiKey as string | undefined) ?? null;
  const baseUrl = ensureTrailingSlash(
    (values.eutilsBaseUrl as string | undefined) ?? DEFAULT_EUTILS_BASE_URL,
  );
  const limit = apiKey ? NCBI_RATE_WITH_KEY : NCBI_RATE_WITHOUT_KEY;
  const rate = (values.requestsPerSecond as number | undefined) ?? limit;
  // Only commands that reach E-utilities are bound by its limits (a search or build of a demo cache is not).
  if (sources.needsNetwork && rate > limit && !isLoopback(baseUrl)) {
    problems.push(
      `requestsPerSecond: ${rate} exceeds NCBI's limit of ${limit}/s ${apiKey ? 'with' : 'without'} an API key`,
    );
  }
  const email = (values.email as string | undefined) ?? null;
  if (sources.needsNetwork && !email && !problems.some((p) => p.startsWith('email'))) {
    problems.push(
      'email: required; NCBI asks every client for a contact address (set NCBI_EMAIL or "email")',
    );
  }
  const retryBaseMs = (values.retryBaseMs as number | undefined) ?? 1000;
  const retryMaxMs = (values.retryMaxMs as number | undefined) ?? 60_000;
  if (retryMaxMs < retryBaseMs) problems.push(`retryMaxMs: must be at least retryBaseMs (${retryBaseMs})`);

  if (problems.length > 0) {
    throw new DigestError('CONFIG_INVALID', `invalid configuration:\n  - ${problems.join('\n  - ')}`, {
      context: found ? { file } : {},
    });
  }

  const setting = <T>(key: keyof Config, fallback: T): T => (values[key] as T | undefined) ?? fallback;
  return {
    query: setting('query', DEFAULT_QUERY),
    eutilsBaseUrl: baseUrl,
    apiKey,
    email,
    tool: setting('tool', 'evidence-digest'),
    cacheDir: resolvePath(sources.cwd, setting('cacheDir', 'cache')),
    outDir: resolvePath(sources.cwd, setting('outDir', 'site')),
    requestsPerSecond: rate,
    maxInFlight: setting('maxInFlight', 3),
    batchSize: setting('batchSize', 200),
    maxAttempts: setting('maxAttempts', 6),
    retryBaseMs,
    retryMaxMs,
    requestTimeoutMs: setting('requestTimeoutMs', 120_000),
    searchFrom: setting('searchFrom', '1800/01/01'),
    overlapDays: setting('overlapDays', 3),
    lockStaleMs: setting('lockStaleMs', 60_000),
    siteUrl: setting<string | null>('siteUrl', null),
  };
}

async function readConfigFile(
  sources: ConfigSources,
): Promise<{ raw: Record<string, unknown>; file: string; found: boolean }> {
  const explicit = sources.configPath !== undefined;
  const file = resolvePath(sources.cwd, sources.configPath ?? CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT')
      return { raw: {}, file, found: false };
    throw new DigestError('CONFIG_UNREADABLE', `cannot read the config file ${file}`, {
      cause: error,
      context: { file },
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DigestError('CONFIG_INVALID', `the config file ${file} is not valid JSON`, {
      cause: error,
      context: { file },
    });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new DigestError('CONFIG_INVALID', `the config file ${file} must hold one JSON object`, {
      context: { file },
    });
  }
  return { raw: raw as Record<string, unknown>, file, found: true };
}

function fromEnv(spec: SettingSpec, value: string): unknown {
  return typeof spec.default === 'number' ? Number(value) : value;
}

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function ensureTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
  } catch {
    return false;
  }
}

function isAllowedBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(value));
  } catch {
    return false;
  }
}
