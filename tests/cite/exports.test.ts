import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatBibtex,
  formatCitations,
  formatNbib,
  formatRis,
  runCiteCommand,
  type toCslItem,
} from '../../src/cite/index.ts';
import { parseRecordXml } from '../../src/parse/index.ts';
import type { StudyRecord } from '../../src/records.ts';
import { type FakeEutils, startFakeEutils } from '../fake-eutils/index.ts';
import { HOSTILE, hostileRecordXml } from '../render/hostile-record.ts';
import { makeFixtureCache } from '../render/test-site.ts';

/** RIS read back the way reference managers do: `TAG  - value` lines, records ended by ER. */
function parseRis(text: string): Record<string, string[]>[] {
  const records: Record<string, string[]>[] = [];
  let current: Record<string, string[]> | null = null;
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Z][A-Z0-9]) {2}- ?(.*)$/.exec(line);
    if (!match) {
      expect(line.trim(), `stray RIS line: ${line}`).toBe('');
      continue;
    }
    const [, tag = '', value = ''] = match;
    if (tag === 'TY') current = {};
    if (current === null) throw new Error(`RIS field ${tag} outside a record`);
    if (tag === 'ER') {
      records.push(current);
      current = null;
      continue;
    }
    current[tag] = [...(current[tag] ?? []), value];
  }
  expect(current).toBeNull();
  return records;
}

/** MEDLINE/.nbib read back: `TAG - value`, continuation lines indented by six spaces. */
function parseNbib(text: string): Record<string, string[]>[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => {
      const fields: Record<string, string[]> = {};
      let last: string | null = null;
      for (const line of block.split('\n')) {
        const match = /^([A-Z]{2,4})\s*- (.*)$/.exec(line);
        if (match) {
          last = match[1] as string;
          fields[last] = [...(fields[last] ?? []), match[2] as string];
        } else if (line.startsWith('      ') && last !== null) {
          const list = fields[last] as string[];
          list[list.length - 1] += ` ${line.trim()}`;
        } else throw new Error(`stray .nbib line: ${line}`);
      }
      return fields;
    });
}

function pandocBibtex(bib: string): { id: string; DOI?: string; title?: string; PMID?: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'bib-'));
  writeFileSync(join(dir, 'refs.bib'), bib);
  return JSON.parse(
    execFileSync('pandoc', [join(dir, 'refs.bib'), '-f', 'bibtex', '-t', 'csljson'], { encoding: 'utf8' }),
  );
}

describe('reference manager exports', () => {
  let fake: FakeEutils;
  let records: StudyRecord[] = [];
  const hostile = parseRecordXml(hostileRecordXml()) as StudyRecord;
  beforeAll(async () => {
    fake = await startFakeEutils();
    records = fake.pmids().map((pmid) => parseRecordXml(fake.recordXml(pmid) as string) as StudyRecord);
  });
  afterAll(() => fake.close());

  it('RIS re-imports record for record with DOI and PMID', () => {
    const parsed = parseRis(formatRis(records));
    expect(parsed).toHaveLength(records.length);
    records.forEach((record, i) => {
      const entry = parsed[i] as Record<string, string[]>;
      expect(entry.AN).toEqual([record.pmid]);
      expect(entry.TI).toEqual([record.title.replace(/\s+/g, ' ').trim()]);
      if (record.doi) expect(entry.DO).toEqual([record.doi]);
      expect(entry.AU?.length ?? 0).toBe(record.authors.filter((a) => a.lastName || a.collectiveName).length);
    });
  });

  it('BibTeX re-imports through pandoc with DOI and PMID', () => {
    const sample = records.filter((r) => r.kind === 'article').slice(0, 120);
    const parsed = pandocBibtex(formatBibtex(sample));
    expect(parsed).toHaveLength(sample.length);
    sample.forEach((record, i) => {
      expect(parsed[i]?.id).toBe(`pmid${record.pmid}`);
      if (record.doi) expect(parsed[i]?.DOI?.toLowerCase()).toBe(record.doi.toLowerCase());
    });
    expect(formatBibtex(sample)).toContain(`pmid = {${sample[0]?.pmid}}`);
  });

  it('MEDLINE .nbib re-imports with PMID, DOI and every author', () => {
    const parsed = parseNbib(formatNbib(records));
    expect(parsed).toHaveLength(records.length);
    records.forEach((record, i) => {
      const entry = parsed[i] as Record<string, string[]>;
      expect(entry.PMID).toEqual([record.pmid]);
      if (record.doi) expect(entry.AID).toContain(`${record.doi} [doi]`);
      expect((entry.FAU?.length ?? 0) + (entry.CN?.length ?? 0)).toBe(
        record.authors.filter((a) => a.lastName || a.collectiveName).length,
      );
    });
  });

  it('CSL-JSON carries DOI and PMID', () => {
    const items = JSON.parse(formatCitations(records.slice(0, 20), 'csl-json')) as ReturnType<
      typeof toCslItem
    >[];
    expect(items.map((item) => item.PMID)).toEqual(records.slice(0, 20).map((r) => r.pmid));
  });

  it('hostile text cannot forge a field or a record in any format', () => {
    const ris = parseRis(formatRis([hostile]));
    expect(ris).toHaveLength(1);
    expect(ris[0]?.TI?.[0]).toContain('<script>');
    expect(Object.keys(ris[0] ?? {})).not.toContain('forged');
    const nbib = parseNbib(formatNbib([hostile]));
    expect(nbib).toHaveLength(1);
    const bib = pandocBibtex(formatBibtex([hostile]));
    expect(bib).toHaveLength(1);
    expect(bib[0]?.title).toContain(HOSTILE.script);
    expect(formatBibtex([hostile])).not.toContain(HOSTILE.bib);
  });
});

describe('runCiteCommand', () => {
  let cacheDir = '';
  beforeAll(async () => {
    cacheDir = await makeFixtureCache({ limit: 30 });
  });
  const run = async (pmids: string[], format: Parameters<typeof runCiteCommand>[1]['format']) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk) => (out += chunk));
    stderr.on('data', (chunk) => (err += chunk));
    const code = await runCiteCommand(pmids, { cacheDir, format, stdout, stderr });
    return { code, out, err };
  };

  it('prints citations from the cache in the order asked', async () => {
    const { pmids } = await import('./cache-pmids.ts').then((m) => m.cachePmids(cacheDir));
    const asked = [pmids[3] as string, pmids[1] as string];
    const ama = await run(asked, 'ama');
    expect(ama.code).toBe(0);
    expect(ama.out.trim().split('\n')).toHaveLength(2);
    const ris = await run(asked, 'ris');
    expect(parseRis(ris.out).map((r) => r.AN?.[0])).toEqual(asked);
  });

  it('reports unknown and malformed PMIDs, prints the rest, exits 1', async () => {
    const { pmids } = await import('./cache-pmids.ts').then((m) => m.cachePmids(cacheDir));
    const result = await run([pmids[0] as string, '999999998', 'abc'], 'vancouver');
    expect(result.code).toBe(1);
    expect(result.out.trim().split('\n')).toHaveLength(1);
    expect(result.err).toContain('PMID 999999998 is not in the cache');
    expect(result.err).toContain('"abc" is not a PMID');
  });
});
