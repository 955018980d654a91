import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeEutils, startFakeEutils } from './index.ts';
import { get, query } from './test-http.ts';

const REPO = resolve(import.meta.dirname, '../..');

async function admin(base: string, method: string, path: string, body?: unknown) {
  const response = await request(`${base}/__admin/${path}`, {
    method: method as 'GET',
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    headers: { 'content-type': 'application/json' },
  });
  return { status: response.statusCode, json: (await response.body.json()) as unknown };
}

describe('admin API', () => {
  let fake: FakeEutils;
  afterEach(() => fake?.close());

  it('injects, lists and clears faults, and serves the request log', async () => {
    fake = await startFakeEutils({ rateLimitPerSecond: null });
    const base = fake.url.replace(/\/entrez\/eutils\/$/, '');
    const added = await admin(base, 'POST', 'faults', [{ fault: 'http-503', endpoint: 'esearch', times: 2 }]);
    expect(added).toEqual({
      status: 200,
      json: { faults: [{ fault: 'http-503', endpoint: 'esearch', times: 2 }] },
    });
    const search = `${fake.url}esearch.fcgi?${query({ db: 'pubmed', term: 'x', api_key: 'k-123' })}`;
    expect((await get(search)).status).toBe(503);
    expect((await admin(base, 'GET', 'faults')).json).toEqual({
      faults: [{ fault: 'http-503', endpoint: 'esearch', times: 1 }],
    });
    expect((await admin(base, 'DELETE', 'faults')).status).toBe(200);
    expect((await get(search)).status).toBe(200);

    const log = (await admin(base, 'GET', 'requests')).json as Array<Record<string, unknown>>;
    const eutils = log.filter((entry) => entry.endpoint !== 'admin');
    expect(eutils).toEqual([
      expect.objectContaining({ method: 'GET', endpoint: 'esearch', status: 503, fault: 'http-503' }),
      expect.objectContaining({ method: 'GET', endpoint: 'esearch', status: 200, fault: null, idCount: 20 }),
    ]);
    expect(eutils[0]?.params).toEqual({ db: 'pubmed', term: 'x', api_key: '***' });
    expect(log.filter((entry) => entry.endpoint === 'admin')).toHaveLength(3);
  });

  it('rejects malformed rules with every problem named', async () => {
    fake = await startFakeEutils();
    const base = fake.url.replace(/\/entrez\/eutils\/$/, '');
    expect(await admin(base, 'POST', 'faults', [{ fault: 'boom', probability: 2 }])).toEqual({
      status: 400,
      json: {
        error:
          'invalid fault rules: [0].fault: unknown fault "boom"; [0].probability: must be a number from 0 to 1',
      },
    });
    expect((await admin(base, 'POST', 'faults', 'not json')).status).toBe(400);
    expect((await admin(base, 'GET', 'nothing-here')).status).toBe(404);
  });

  it('answers other E-utilities paths with 404', async () => {
    fake = await startFakeEutils();
    const response = await get(`${fake.url}einfo.fcgi?db=pubmed`);
    expect(response.status).toBe(404);
    expect(fake.requests.at(-1)).toMatchObject({ endpoint: '/entrez/eutils/einfo.fcgi', status: 404 });
  });
});

describe('npm run fake-eutils (main.ts)', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  function run(args: string[]): { child: ChildProcess; firstLine: Promise<string>; stderr: () => string } {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/fake-eutils/main.ts', ...args], {
      cwd: REPO,
    });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: proc.stdout });
    const firstLine = new Promise<string>((resolveLine) => lines.once('line', resolveLine));
    child = proc;
    return { child: proc, firstLine, stderr: () => stderr };
  }

  it('prints the base URL, serves with the faults given, logs to stderr and stops on SIGTERM', async () => {
    const proc = run(['--port', '0', '--rate-limit', 'none', '--faults', 'http-502:1', '--seed', '7']);
    const url = await proc.firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/entrez\/eutils\/$/);
    expect((await get(`${url}esearch.fcgi?db=pubmed&term=x&api_key=top-secret`)).status).toBe(502);
    await request(`${url.replace(/\/entrez\/eutils\/$/, '')}/__admin/faults`, { method: 'DELETE' }).then(
      (r) => r.body.dump(),
    );
    expect((await get(`${url}efetch.fcgi?db=pubmed&id=9997`)).body).toContain(
      '<PMID Version="1">9997</PMID>',
    );
    proc.child.kill('SIGTERM');
    const [code] = await once(proc.child, 'exit');
    expect(code).toBe(0);
    expect(proc.stderr()).toMatch(/GET esearch 502 fault=http-502 db=pubmed&term=x&api_key=\*\*\*/);
    expect(proc.stderr()).toMatch(/GET efetch 200 ids=1 db=pubmed&id=9997/);
    expect(proc.stderr()).not.toContain('top-secret');
  });

  it('exits 2 on invalid options, naming each', async () => {
    const proc = run(['--multiplier', '0', '--faults', 'nope:0.5']);
    const [code] = await once(proc.child, 'exit');
    expect(code).toBe(2);
    expect(proc.stderr()).toContain('--multiplier must be an integer >= 1, got 0');
    expect(proc.stderr()).toContain('unknown fault "nope"');
  });
});
