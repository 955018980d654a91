import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { ownPmidSpans, type Span } from './own-pmid-spans.ts';
import { readRecordMeta } from './read-record-meta.ts';
import { scanRecords } from './scan-records.ts';

const gunzipAsync = promisify(gunzip);

export interface BaseRecord {
  pmid: string;
  /** Exact source text from <PubmedArticle> (or <PubmedBookArticle>) to its closing tag. */
  xml: string;
  /** Where the own PMID sits, so copies are made on demand instead of held in memory. */
  spans: readonly Span[];
  edat: number;
  mdat: number;
  pdat: number;
}

// Several servers start per test process; the fixtures are read-only, so one read per folder is enough.
const loaded = new Map<string, Promise<BaseRecord[]>>();

/**
 * The records of every .xml and .xml.gz file in the folder and its single/ subfolder (top level first,
 * each sorted by name), deduplicated by PMID keeping the first. The order is the corpus index used for
 * multiplied PMIDs.
 */
export function loadCorpus(fixturesDir: string): Promise<BaseRecord[]> {
  let corpus = loaded.get(fixturesDir);
  if (corpus === undefined) {
    corpus = readCorpus(fixturesDir);
    loaded.set(fixturesDir, corpus);
    corpus.catch(() => loaded.delete(fixturesDir));
  }
  return corpus;
}

async function readCorpus(fixturesDir: string): Promise<BaseRecord[]> {
  const files = [...(await xmlFiles(fixturesDir)), ...(await xmlFiles(join(fixturesDir, 'single'), true))];
  const texts = await Promise.all(files.map(readText));
  const records: BaseRecord[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    for (const xml of scanRecords(text)) {
      const meta = readRecordMeta(xml);
      if (meta.pmid === null || seen.has(meta.pmid)) continue;
      seen.add(meta.pmid);
      records.push({
        pmid: meta.pmid,
        xml,
        spans: ownPmidSpans(xml),
        edat: meta.edat,
        mdat: meta.mdat,
        pdat: meta.pdat,
      });
    }
  }
  if (records.length === 0) throw new Error(`fake E-utilities: no PubMed records found in ${fixturesDir}`);
  return records;
}

async function xmlFiles(dir: string, optional = false): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith('.xml') || name.endsWith('.xml.gz'))
    .sort()
    .map((name) => join(dir, name));
}

async function readText(file: string): Promise<string> {
  const bytes = await readFile(file);
  return (file.endsWith('.gz') ? await gunzipAsync(bytes) : bytes).toString('utf8');
}
