import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runTagCommand, type StudyTags } from '../../src/tag/index.ts';
import { FIXTURES_URL } from './eval/load-fixture-studies.ts';

/** A stream that keeps what was written, as the CLI's stdout and stderr. */
function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

async function run(files: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await runTagCommand(files, { stdout, stderr });
  const lines = stdout
    .text()
    .split('\n')
    .filter((line) => line !== '');
  return { code, tags: lines.map((line) => JSON.parse(line) as StudyTags), stderr: stderr.text() };
}

const dir = mkdtempSync(join(tmpdir(), 'tag-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: string[], gzip = false): string {
  const path = join(dir, name);
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
}

const good = [
  JSON.stringify({ pmid: '1', title: 'Ketamine for depression.', abstract: 'Patients received ketamine.' }),
  JSON.stringify({ pmid: '2', title: 'Esketamine nasal spray in practice.', abstract: '' }),
];

describe('tag command', () => {
  it('writes one JSON line per study, in input order, and exits 0', async () => {
    const { code, tags, stderr } = await run([write('good.jsonl', good)]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(tags.map((tag) => [tag.pmid, tag.relevance.id])).toEqual([
      ['1', 'on-topic'],
      ['2', 'on-topic'],
    ]);
    expect(Object.keys(tags[0] ?? {})).toEqual([
      'pmid',
      'relevance',
      'topics',
      'routes',
      'substances',
      'populations',
      'comparator',
      'design',
      'evidenceLevel',
      'n',
      'regimen',
      'flags',
    ]);
  });

  it('reads gzipped JSONL and several files in order', async () => {
    const first = write('first.jsonl.gz', [good[1] ?? ''], true);
    const second = write('second.jsonl', [good[0] ?? '']);
    const { code, tags } = await run([first, second]);
    expect(code).toBe(0);
    expect(tags.map((tag) => tag.pmid)).toEqual(['2', '1']);
  });

  it('reports a bad line with the file and line, tags the rest and exits 1', async () => {
    const file = write('bad.jsonl', [
      good[0] ?? '',
      'not json',
      JSON.stringify({ pmid: '3', abstract: 'no title' }),
      '',
      good[1] ?? '',
    ]);
    const { code, tags, stderr } = await run([file]);
    expect(code).toBe(1);
    expect(tags.map((tag) => tag.pmid)).toEqual(['1', '2']);
    expect(stderr).toContain(`[TAG_INPUT_INVALID] not valid JSON; the line is skipped (file=${file} line=2)`);
    expect(stderr).toContain(`title must be a string; the study is not tagged (file=${file} line=3 pmid=3`);
    expect(stderr).toContain('2 studies tagged, 2 input problem(s); exit 1');
  });

  it('names an unreadable file and still tags the others', async () => {
    const missing = join(dir, 'missing.jsonl');
    const { code, tags, stderr } = await run([missing, write('after.jsonl', [good[0] ?? ''])]);
    expect(code).toBe(1);
    expect(tags.map((tag) => tag.pmid)).toEqual(['1']);
    expect(stderr).toContain(
      `[TAG_INPUT_UNREADABLE] cannot read the input file; nothing from it is tagged (file=${missing})`,
    );
  });

  it('refuses a file that is neither JSONL nor PubMed XML', async () => {
    const file = write('notes.xml', ['<html><body>Service unavailable</body></html>']);
    const { code, tags, stderr } = await run([file]);
    expect(code).toBe(1);
    expect(tags).toEqual([]);
    expect(stderr).toContain(file);
  });

  it('tags PubMed XML through the parse stage and flags a retracted record', async () => {
    const file = fileURLToPath(new URL('pubmed/neilfws-PubMed__example.xml', FIXTURES_URL));
    const { code, tags, stderr } = await run([file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const retracted = tags.filter((tag) => tag.flags.length > 0);
    expect(retracted.map((tag) => [tag.pmid, tag.flags[0]?.evidence.field])).toEqual([['993', 'retraction']]);
  });
});
