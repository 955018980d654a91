/**
 * The weekly scheduled job over months, against the fake E-utilities server, with an injected clock
 * (EVIDENCE_DIGEST_NOW) driving every date window: incremental runs by entry and modification date, a
 * record that gains a retraction, a full re-sync that finds a record gone, a failed run resumed without
 * fetching again, and two runs at once. No test here depends on today's date.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRawCache } from '../../src/cache/raw-cache.ts';
import { type RunReport, readRefreshState, readRunReports } from '../../src/cache/refresh-state.ts';
import { parseRecordXml } from '../../src/parse/index.ts';
import { tagStudy } from '../../src/tag/index.ts';
import { type FakeEutils, startFakeEutils } from '../fake-eutils/index.ts';
import { recordEnteredOn, retractedOn } from './changed-records.ts';
import { collect, runCli, spawnCli, workdir } from './run-cli.ts';

const CONFIG = {
  email: 'team@example.org',
  requestsPerSecond: 40,
  retryBaseMs: 20,
  retryMaxMs: 100,
  maxAttempts: 3,
  batchSize: 100,
  lockStaleMs: 2000,
};
const T0 = Date.UTC(2027, 2, 1, 6); // Monday 2027-03-01 06:00 UTC
const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

let server: FakeEutils | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function cli(args: string[], cwd: string, fake: FakeEutils, nowMs: number) {
  return runCli(args, { cwd, env: { EUTILS_BASE_URL: fake.url, EVIDENCE_DIGEST_NOW: at(nowMs) } });
}

async function lastReport(cwd: string): Promise<RunReport> {
  const reports = await readRunReports(join(cwd, 'cache'));
  const report = reports.at(-1);
  if (!report) throw new Error('no run report');
  return report;
}

const page = (cwd: string, path: string) => readFile(join(cwd, 'site', path), 'utf8');

/** A real on-topic record with an entrez date and a DateRevised, so it can be moved in time. */
function movableRecord(fake: FakeEutils, skip: string[] = [], needOnTopic = true): string {
  const onTopic = (xml: string) => {
    if (!needOnTopic) return true;
    const record = parseRecordXml(xml);
    return record.kind !== 'deletion' && tagStudy(record).relevance.id === 'on-topic';
  };
  const pmid = fake
    .pmids()
    .find(
      (p) =>
        !skip.includes(p) &&
        onTopic(fake.recordXml(p) ?? '') &&
        fake.recordXml(p)?.includes('PubStatus="entrez"') &&
        fake.recordXml(p)?.includes('<DateRevised>') &&
        !fake.recordXml(p)?.includes('RetractionIn') &&
        !fake.recordXml(p)?.includes('Retracted Publication'),
    );
  if (!pmid) throw new Error('no movable record in the fixtures');
  return pmid;
}

describe('scheduled refreshes over weeks', () => {
  it('fetches only what is new or changed, flags a retraction found later, and a full re-sync finds what left', async () => {
    server = await startFakeEutils({ rateLimitPerSecond: 50 });
    const fake = server;
    const cwd = await workdir(CONFIG);

    // Week 0: the first run is a full sync of every entry date.
    const first = await cli(['run'], cwd, fake, T0);
    expect(first.code, first.stderr).toBe(0);
    const initial = await lastReport(cwd);
    expect(initial).toMatchObject({
      status: 'complete',
      mode: 'full',
      resumedFrom: null,
      database: 'PubMed',
      query: expect.any(String),
      counts: { new: fake.pmids().length, updated: 0, newlyRetracted: 0, withdrawn: 0, failed: 0 },
      watermark: { before: null, after: initial.startedAt },
      error: null,
    });
    expect(initial.searches).toEqual([
      expect.objectContaining({ datetype: 'edat', from: '1800/01/01', to: '2027/03/01' }),
    ]);
    expect(first.stderr).toContain(`report: runs/${initial.runId}.json in the cache`);

    // Week 1: nothing changed in PubMed. Two searches, nothing fetched.
    let mark = fake.requests.length;
    const quiet = await cli(['run'], cwd, fake, T0 + 7 * DAY);
    expect(quiet.code, quiet.stderr).toBe(0);
    const quietRequests = fake.requests.slice(mark);
    expect(quietRequests.length).toBeLessThanOrEqual(3);
    expect(
      quietRequests.map((r) => [r.endpoint, r.params.datetype, r.params.mindate, r.params.maxdate]),
    ).toEqual([
      ['esearch', 'edat', '2027/02/26', '2027/03/08'],
      ['esearch', 'mdat', '2027/02/26', '2027/03/08'],
    ]);
    expect(await lastReport(cwd)).toMatchObject({
      mode: 'incremental',
      counts: { matched: 0, fetched: 0, new: 0, updated: 0 },
      watermark: { before: initial.startedAt },
    });

    // Week 2: PubMed enters a new record and revises an old one to add its retraction.
    const source = movableRecord(fake);
    const added = '89999001';
    fake.setRecord(added, recordEnteredOn(fake.recordXml(source) ?? '', source, added, [2027, 3, 12]));
    const retracted = movableRecord(fake, [source]);
    fake.setRecord(retracted, retractedOn(fake.recordXml(retracted) ?? '', [2027, 3, 13]));
    mark = fake.requests.length;
    const week2 = await cli(['run'], cwd, fake, T0 + 14 * DAY);
    expect(week2.code, week2.stderr).toBe(0);
    const changedRequests = fake.requests.slice(mark);
    expect(changedRequests.map((r) => r.endpoint)).toEqual(['esearch', 'esearch', 'efetch']);
    expect(changedRequests[2]?.params.id?.split(',').sort()).toEqual([retracted, added].sort());
    const report = await lastReport(cwd);
    expect(report).toMatchObject({
      status: 'complete',
      mode: 'incremental',
      new: [added],
      updated: [retracted],
      newlyRetracted: [retracted],
      counts: { new: 1, updated: 1, newlyRetracted: 1, fetched: 2, failed: 0 },
    });
    expect(week2.stderr).toContain(`newly retracted: ${retracted}`);
    const cache = await openRawCache(join(cwd, 'cache'));
    expect(cache.manifest.records[retracted]?.previous).toBeDefined(); // the version before stays

    // The site says so on the study's page, the home page and the feed.
    const studyPage = await page(cwd, `studies/${retracted}/index.html`);
    expect(studyPage).toContain('Retracted (newly: found by the refresh of');
    const home = await page(cwd, 'index.html');
    expect(home).toContain('Newly retracted');
    expect(home).toContain(`PMID ${retracted}; retraction found by the refresh of`);
    expect(home).toContain(`studies/${added}/index.html`); // what is new
    const feed = await page(cwd, 'feed.xml');
    expect(feed).toContain(`https://pubmed.ncbi.nlm.nih.gov/${retracted}/#retracted`);
    const about = await page(cwd, 'about/index.html');
    expect(about).toContain('Refresh runs');
    expect(about).toContain('entry 2027/03/05-2027/03/15; modified 2027/03/05-2027/03/15');
    const runs = JSON.parse(await page(cwd, 'data/runs.json')) as RunReport[];
    expect(runs.map((r) => [r.mode, r.counts.new])).toEqual([
      ['full', fake.pmids().length - 1],
      ['incremental', 0],
      ['incremental', 1],
    ]);

    // Week 3: a record leaves the result set; the incremental run cannot see that, a full re-sync does.
    const gone = movableRecord(fake, [source, retracted], false);
    fake.removeRecord(gone);
    const full = await cli(['refresh', '--full'], cwd, fake, T0 + 21 * DAY);
    expect(full.code, full.stderr).toBe(0);
    expect(await lastReport(cwd)).toMatchObject({
      mode: 'full',
      withdrawn: [gone],
      counts: { withdrawn: 1, new: 0, fetched: fake.pmids().length },
    });
    const state = await readRefreshState(join(cwd, 'cache'));
    expect(state.withdrawn[gone]).toMatchObject({ reason: 'left the result set' });
    expect(state.lastFullSync).toBe(state.watermark);
    const build = await cli(['build'], cwd, fake, T0 + 21 * DAY);
    expect(build.code, build.stderr).toBe(0);
    expect(await page(cwd, `studies/${gone}/index.html`)).toContain('Withdrawn from the digest');
    const exported = (await page(cwd, 'data/studies.jsonl'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { pmid: string; title: string; withdrawn: unknown });
    const goneStudy = exported.find((s) => s.pmid === gone);
    expect(goneStudy?.withdrawn).toMatchObject({ reason: 'left the result set' });
    // Its own title no longer finds it: withdrawn studies leave the search index.
    const words = (goneStudy?.title ?? '')
      .split(/\W+/)
      .filter((w) => w.length > 3)
      .slice(0, 6)
      .join(' ');
    const search = await runCli(['search', words, '--json', '--limit', '50'], { cwd });
    expect(search.code, search.stderr).toBe(0);
    const found = search.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { pmid: string }).pmid);
    expect(found.length).toBeGreaterThan(0);
    expect(found).not.toContain(gone);

    // The withdrawn record's history stays in the cache.
    expect((await (await openRawCache(join(cwd, 'cache'))).readRecord(gone)).toString('utf8')).toContain(
      `>${gone}</PMID>`,
    );

    // Week 4: PubMed deletes a record; its search index still lists it, efetch sends a DeleteCitation.
    const deleted = movableRecord(fake, [source, retracted, gone], false);
    fake.deleteRecord(deleted, 20270326);
    const week4 = await cli(['run'], cwd, fake, T0 + 27 * DAY);
    expect(week4.code, week4.stderr).toBe(0);
    expect(await lastReport(cwd)).toMatchObject({
      withdrawn: [deleted],
      failed: [],
      counts: { withdrawn: 1, fetched: 0, new: 0, updated: 0 },
    });
    expect((await readRefreshState(join(cwd, 'cache'))).withdrawn[deleted]).toMatchObject({
      reason: 'deleted from PubMed',
    });
    expect((await openRawCache(join(cwd, 'cache'))).manifest.deleted[deleted]).toBeDefined();
    expect(await page(cwd, `studies/${deleted}/index.html`)).toContain('deleted from PubMed.');

    // A dry run says what it would fetch and writes nothing.
    const reportsBefore = (await readRunReports(join(cwd, 'cache'))).length;
    const dry = await cli(['refresh', '--dry-run'], cwd, fake, T0 + 35 * DAY);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('0 to fetch');
    expect((await readRunReports(join(cwd, 'cache'))).length).toBe(reportsBefore);
  }, 180_000);

  it('asks again next week for a record efetch did not return, and reinstates a withdrawn record found again', async () => {
    server = await startFakeEutils({ rateLimitPerSecond: 100 });
    const fake = server;
    const cwd = await workdir(CONFIG);
    expect((await cli(['run'], cwd, fake, T0)).code).toBe(0);

    // A new record that efetch leaves out, both times it is asked for: recorded as missing.
    const source = movableRecord(fake);
    const added = '89999002';
    fake.setRecord(added, recordEnteredOn(fake.recordXml(source) ?? '', source, added, [2027, 3, 2]));
    fake.injectFaults([{ fault: 'fewer-records', endpoint: 'efetch', probability: 1 }]);
    const missed = await cli(['refresh'], cwd, fake, T0 + 7 * DAY);
    expect(missed.code, missed.stderr).toBe(0);
    expect(await lastReport(cwd)).toMatchObject({ failed: [{ pmid: added }], new: [] });
    expect((await openRawCache(join(cwd, 'cache'))).manifest.missing[added]).toMatchObject({ times: 1 });

    // Weeks later, PubMed answering again: its dates (2 March) are now before the search window (from
    // 5 March), so only the missing list brings it back.
    fake.clearFaults();
    const mark = fake.requests.length;
    const later = await cli(['refresh'], cwd, fake, T0 + 30 * DAY);
    expect(later.code, later.stderr).toBe(0);
    expect(fake.requests.slice(mark).map((r) => [r.endpoint, r.params.id])).toEqual([
      ['esearch', undefined],
      ['esearch', undefined],
      ['efetch', added],
    ]);
    expect(await lastReport(cwd)).toMatchObject({ new: [added], failed: [], counts: { matched: 0 } });

    // A record leaves the result set, then comes back: withdrawn, then reinstated.
    const wandering = movableRecord(fake, [source], false);
    const xml = fake.recordXml(wandering) ?? '';
    fake.removeRecord(wandering);
    expect((await cli(['refresh', '--full'], cwd, fake, T0 + 31 * DAY)).code).toBe(0);
    expect(await lastReport(cwd)).toMatchObject({ withdrawn: [wandering], reinstated: [] });
    fake.setRecord(wandering, xml);
    expect((await cli(['refresh', '--full'], cwd, fake, T0 + 32 * DAY)).code).toBe(0);
    expect(await lastReport(cwd)).toMatchObject({ withdrawn: [], reinstated: [wandering] });
    expect((await readRefreshState(join(cwd, 'cache'))).withdrawn).toEqual({});
  }, 120_000);

  it('a failed run leaves the watermark; the next resumes it without fetching a stored batch again', async () => {
    server = await startFakeEutils({ rateLimitPerSecond: 100 });
    const fake = server;
    const cwd = await workdir({ ...CONFIG, batchSize: 40, maxInFlight: 1 });
    const env = { EUTILS_BASE_URL: fake.url, EVIDENCE_DIGEST_NOW: at(T0) };
    const child = spawnCli(['refresh'], { cwd, env });
    const done = collect(child);
    // Let four batches through, then efetch goes down for good.
    while (fake.requests.filter((r) => r.endpoint === 'efetch').length < 4)
      await new Promise((resolve) => setTimeout(resolve, 10));
    fake.injectFaults([{ fault: 'http-503', endpoint: 'efetch', probability: 1 }]);
    const failed = await done;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('the watermark did not move');
    const failedReport = await lastReport(cwd);
    expect(failedReport).toMatchObject({ status: 'failed', watermark: { before: null, after: null } });
    expect(failedReport.error).toContain('HTTP 503');
    const stored = Object.keys((await openRawCache(join(cwd, 'cache'))).manifest.records);
    expect(stored.length).toBeGreaterThanOrEqual(4 * 40);
    expect((await readRefreshState(join(cwd, 'cache'))).watermark).toBeNull();

    fake.clearFaults();
    const mark = fake.requests.length;
    const resumed = await cli(['refresh'], cwd, fake, T0 + DAY);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resuming the unfinished refresh');
    const asked = fake.requests
      .slice(mark)
      .filter((r) => r.endpoint === 'efetch')
      .flatMap((r) => r.params.id?.split(',') ?? []);
    expect(asked.filter((pmid) => stored.includes(pmid))).toEqual([]);
    expect([...asked, ...stored].sort()).toEqual([...fake.pmids()].sort());
    const report = await lastReport(cwd);
    expect(report).toMatchObject({
      status: 'complete',
      mode: 'full',
      resumedFrom: failedReport.startedAt,
      counts: { new: fake.pmids().length },
      watermark: { before: null, after: failedReport.startedAt },
    });
  }, 120_000);

  it('two runs at once: the second exits 75, a build meanwhile too, and the first completes', async () => {
    // The first run's refresh must outlast two CLI starts (a few seconds on a loaded machine): 37 efetch
    // batches at 100 ms each.
    server = await startFakeEutils({ rateLimitPerSecond: 100, latencyMs: 100 });
    const fake = server;
    const cwd = await workdir({ ...CONFIG, batchSize: 10, maxInFlight: 1 });
    const env = { EUTILS_BASE_URL: fake.url, EVIDENCE_DIGEST_NOW: at(T0) };
    const first = spawnCli(['run'], { cwd, env });
    const firstDone = collect(first);
    while (!fake.requests.some((r) => r.endpoint === 'efetch'))
      await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await runCli(['run'], { cwd, env });
    expect(second.code).toBe(75);
    expect(second.stderr).toContain('another refresh is running on this cache');
    const build = await runCli(['build'], { cwd, env });
    expect(build.code).toBe(75);
    const result = await firstDone;
    expect(result.code, result.stderr).toBe(0);
    expect(await lastReport(cwd)).toMatchObject({ status: 'complete', counts: { new: fake.pmids().length } });
    expect((await stat(join(cwd, 'site', 'index.html'))).isFile()).toBe(true);
    expect((await readRunReports(join(cwd, 'cache'))).length).toBe(1);
  }, 120_000);
});
