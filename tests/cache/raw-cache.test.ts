import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRawCache } from '../../src/cache/raw-cache.ts';
import { scanArticleSet } from '../../src/fetch/scan-article-set.ts';
import { PUBMED_FIXTURES } from '../fixtures-path.ts';

const clock = () => new Date('2026-11-26T10:00:00.000Z');
const body = await readFile(join(PUBMED_FIXTURES, 'PsyNamic-Webapp__abstract_test.xml'));
const scanned = scanArticleSet(body).records;

async function freshDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ed-cache-'));
}

describe('openRawCache', () => {
  it('stores a body byte for byte and points each PMID at its byte range', async () => {
    const root = await freshDir();
    const cache = await openRawCache(root, clock);
    const journal = await cache.saveEfetch(body, scanned, ['99999999']);
    expect(journal).toEqual({
      seq: 1,
      file: 'raw/efetch/000000001.xml',
      fetchedAt: '2026-11-26T10:00:00.000Z',
      requested: 20,
      records: scanned.map((r) => [
        r.pmid,
        r.version,
        r.offset,
        r.length,
        createHash('sha256')
          .update(body.subarray(r.offset, r.offset + r.length))
          .digest('hex'),
      ]),
      missing: ['99999999'],
    });
    expect(await readFile(join(root, journal.file))).toEqual(body);
    const first = scanned[0];
    if (!first) throw new Error('fixture has no records');
    expect((await cache.readRecord(first.pmid)).toString()).toBe(
      body.subarray(first.offset, first.offset + first.length).toString(),
    );
    expect(cache.manifest.missing).toEqual({
      '99999999': {
        firstMissingAt: '2026-11-26T10:00:00.000Z',
        lastMissingAt: '2026-11-26T10:00:00.000Z',
        times: 1,
      },
    });
  });

  it('replays journal entries written after the last snapshot (a run killed before compacting)', async () => {
    const root = await freshDir();
    const first = await openRawCache(root, clock);
    await first.saveEfetch(body, scanned.slice(0, 5), []);
    await first.compact();
    await first.saveEfetch(body, scanned.slice(5), []);
    // no compact: as if killed here
    const reopened = await openRawCache(root, clock);
    expect(Object.keys(reopened.manifest.records).sort()).toEqual(scanned.map((r) => r.pmid).sort());
    expect(reopened.manifest.throughSeq).toBe(1);
    const third = await reopened.saveEfetch(body, scanned.slice(0, 1), []);
    expect(third.seq).toBe(3);
  });

  it('a newer batch replaces the pointer of a PMID fetched again, and clears it from missing', async () => {
    const root = await freshDir();
    const cache = await openRawCache(root, clock);
    const head = scanned.slice(0, 1);
    const pmid = head[0]?.pmid ?? '';
    await cache.saveEfetch(body, [], [pmid]);
    expect(cache.has(pmid)).toBe(false);
    await cache.saveEfetch(body, head, []);
    expect(cache.manifest.records[pmid]).toMatchObject({ batch: 2, file: 'raw/efetch/000000002.xml' });
    expect(cache.manifest.missing).toEqual({});
  });

  it('keeps when a record was first fetched and last changed, where its previous content is, and deletions', async () => {
    const root = await freshDir();
    let now = '2027-01-01T00:00:00.000Z';
    const cache = await openRawCache(root, () => new Date(now));
    const [a, b] = scanned;
    if (!a || !b) throw new Error('fixture has too few records');
    await cache.saveEfetch(body, [a, b], []);
    now = '2027-01-08T00:00:00.000Z';
    await cache.saveEfetch(body, [a], []); // fetched again, same bytes
    // b changes: a second body whose record has other bytes (a new DateRevised, say) and version 2
    const changedBody = Buffer.from(
      body
        .subarray(b.offset, b.offset + b.length)
        .toString('utf8')
        .replace('Version="1"', 'Version="2"'),
    );
    const [changed] = scanArticleSet(changedBody).records;
    if (!changed) throw new Error('hand-changed record not found');
    now = '2027-01-15T00:00:00.000Z';
    await cache.saveEfetch(changedBody, [changed], [], ['12345678']);
    const reopened = await openRawCache(root, clock); // what replay rebuilds, not just memory
    for (const manifest of [cache.manifest, reopened.manifest]) {
      expect(manifest.records[a.pmid]).toEqual({
        version: a.version,
        file: 'raw/efetch/000000002.xml',
        offset: a.offset,
        length: a.length,
        sha256: a.sha256,
        fetchedAt: '2027-01-08T00:00:00.000Z',
        batch: 2,
        firstFetchedAt: '2027-01-01T00:00:00.000Z',
        changedAt: '2027-01-01T00:00:00.000Z',
      });
      expect(manifest.records[b.pmid]).toEqual({
        version: '2',
        file: 'raw/efetch/000000003.xml',
        offset: 0,
        length: changedBody.length,
        sha256: changed.sha256,
        fetchedAt: '2027-01-15T00:00:00.000Z',
        batch: 3,
        firstFetchedAt: '2027-01-01T00:00:00.000Z',
        changedAt: '2027-01-15T00:00:00.000Z',
        previous: {
          version: b.version,
          file: 'raw/efetch/000000001.xml',
          offset: b.offset,
          length: b.length,
          sha256: b.sha256,
        },
      });
      expect(manifest.deleted).toEqual({ '12345678': { deletedAt: '2027-01-15T00:00:00.000Z', batch: 3 } });
    }
    const previous = reopened.manifest.records[b.pmid]?.previous;
    if (!previous) throw new Error('no previous location');
    expect((await reopened.readLocation(previous)).equals(body.subarray(b.offset, b.offset + b.length))).toBe(
      true,
    );
  });

  it('removes what an interrupted write leaves behind: temp files and bodies without a journal entry', async () => {
    const root = await freshDir();
    const cache = await openRawCache(root, clock);
    await cache.saveEfetch(body, scanned, []);
    await writeFile(join(root, 'raw/efetch/000000002.xml'), body.subarray(0, 100)); // body written, journal not
    await writeFile(join(root, 'raw/efetch/000000003.xml.12345'), 'half');
    await writeFile(join(root, 'manifest.json.999'), '{');
    const reopened = await openRawCache(root, clock);
    expect((await readdir(join(root, 'raw/efetch'))).sort()).toEqual(['000000001.xml']);
    expect((await readdir(root)).sort()).toEqual(['batches', 'cache.json', 'raw']);
    expect(Object.keys(reopened.manifest.records)).toHaveLength(scanned.length);
  });

  it('refuses a cache of another layout instead of misreading it', async () => {
    const root = await freshDir();
    await writeFile(join(root, 'cache.json'), '{"layout":2}');
    await expect(openRawCache(root, clock)).rejects.toMatchObject({ code: 'CACHE_LAYOUT_UNSUPPORTED' });
  });

  it('names the file when the manifest is damaged', async () => {
    const root = await freshDir();
    await (await openRawCache(root, clock)).compact();
    await writeFile(join(root, 'manifest.json'), '{"layout":1,');
    await expect(openRawCache(root, clock)).rejects.toMatchObject({
      code: 'CACHE_CORRUPT',
      context: { file: join(root, 'manifest.json') },
    });
  });
});
