import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Manifest } from '../cache/raw-cache.ts';
import type { StagedSite } from '../publish/index.ts';
import { writeSiteFile } from '../publish/index.ts';
import type { DigestStudy } from '../search/index.ts';
import type { TagRuleSet } from '../tag/index.ts';
import { siteCodeFingerprint } from './build-fingerprint.ts';
import { citationLists, siteFilesBesideStudies, topicCitations } from './build-site.ts';
import { runOnThreads } from './build-threads.ts';
import type { RenderBatch, RenderPage } from './build-worker-protocol.ts';
import { findSimilar } from './find-similar.ts';
import type { TemplateSources } from './load-templates.ts';
import { type PrepareOptions, prepareFromCache } from './prepare-from-cache.ts';
import { marksFor, type RefreshHistory } from './refresh-history.ts';
import { DataExportWriter } from './render-data-exports.ts';
import { siteFacts } from './site-facts.ts';
import type { SiteInput } from './site-input.ts';

/** Each study page's key in the published site, to know next time which pages are unchanged. */
export const PAGE_KEYS_FILE = '.evidence-digest-pages.json';

export interface StreamedBuildInput {
  cacheDir: string;
  manifest: Readonly<Manifest>;
  history: RefreshHistory;
  runs: string[];
  query: string;
  rules: TagRuleSet;
  siteUrl: string | null;
  siteTitle: string;
  assets: Promise<[TemplateSources, Record<string, string>]>;
  /** Called once every record is prepared (for progress lines). */
  onPrepared?: (summary: { studies: number; parsed: number; derived: number }) => void;
}

export interface StreamedBuildResult {
  studies: DigestStudy[];
  problems: { pmid: string; message: string }[];
  parsed: number;
  derived: number;
  /** Study pages rendered now, and pages taken unchanged (hard-linked) from the published site. */
  rendered: number;
  reused: number;
}

/**
 * Cache -> site, written straight into `stage` without any thread holding every record or page (issue
 * 7's memory bound): build threads prepare the records in PMID order (prepare-from-cache.ts) and send
 * back slim studies and their lines of the data exports, which this thread appends in order; then the
 * threads write the study pages, each read back from the prepared-study store, while this thread writes
 * the rest of the site. A study page whose inputs (its stored study, what the runs said about it, the
 * cards it shows, the code) are those of the published page is hard-linked from the published site
 * instead of rendered again. The bytes are buildSite's (tests/render/streamed-build.test.ts).
 */
export async function buildSiteFromCache(
  input: StreamedBuildInput,
  stage: StagedSite,
  options: PrepareOptions = {},
): Promise<StreamedBuildResult> {
  const topicIds = [...new Set(input.rules.topics.map((rule) => rule.tag))];
  const appender = new AppendFiles(stage.dir);
  const exports = new DataExportWriter((path, chunk) => appender.write(path, chunk));
  for (const topic of topicIds) exports.touch(topicCitations(topic));
  const studies: DigestStudy[] = [];
  const cards = new Map<string, string>();
  const pass = await prepareFromCache(input.cacheDir, input.manifest, {
    ...options,
    full: false,
    marks: marksFor(input.history),
    stageDir: stage.dir,
    each(prepared) {
      const { terms, ...study } = prepared.study;
      studies.push(prepared.study);
      cards.set(prepared.pmid, prepared.card);
      exports.add(study, prepared.lines, citationLists(study, { topicIds }));
    },
  });
  try {
    appender.close();
    stage.count(appender.files, appender.bytes);
    const saved = pass.save();
    saved.catch(() => {});
    input.onPrepared?.({ studies: studies.length, parsed: pass.parsed, derived: pass.derived });

    const site: SiteInput = {
      studies,
      history: input.history,
      problems: pass.problems,
      manifest: input.manifest,
      runs: input.runs,
      query: input.query,
      rules: input.rules,
      siteUrl: input.siteUrl,
      siteTitle: input.siteTitle,
    };
    const facts = siteFacts(site);
    const similar = findSimilar(studies);
    const [[templates, scripts], code, previous] = await Promise.all([
      input.assets,
      siteCodeFingerprint(),
      readPageKeys(stage.target),
    ]);
    await saved;

    // A page's key: everything its bytes depend on.
    const keys = new Map<string, string>();
    for (const study of studies) {
      const pmid = study.record.pmid;
      const located = pass.located.get(pmid);
      const linked = [
        ...(similar.get(pmid) ?? []),
        ...study.record.retraction.notices.map((n) => n.pmid ?? ''),
      ];
      const key = createHash('sha256')
        .update(
          JSON.stringify([
            code,
            input.siteTitle,
            topicIds,
            located?.key,
            pass.derivedCode,
            study.fetchedAt,
            study.withdrawn ?? null,
            study.retractionNoticedAt ?? null,
            similar.get(pmid) ?? [],
            linked.map((other) => cards.get(other) ?? null),
          ]),
        )
        .digest('base64');
      keys.set(pmid, key);
    }
    const reusable = (pmid: string) => previous !== null && previous.get(pmid) === keys.get(pmid);

    const batchSize = options.batchSize ?? 100;
    const batches = Math.ceil(studies.length / batchSize);
    const templatesSent = new Set<number>();
    const result = { rendered: 0, reused: 0 };
    const rendering = runOnThreads(
      pass.threads,
      batches,
      async (thread, id, t) => {
        const batch = renderBatch(studies.slice(id * batchSize, (id + 1) * batchSize));
        if (!templatesSent.has(t)) {
          templatesSent.add(t);
          batch.templates = templates;
        }
        const reply = await thread.call({ type: 'render', id, batch });
        if (reply.type !== 'rendered') throw new Error(`build thread: unexpected ${reply.type} reply`);
        return reply.result;
      },
      (_, done) => {
        stage.count(done.files, done.bytes);
        result.rendered += done.rendered;
        result.reused += done.reused;
      },
    );
    rendering.catch(() => {});
    function renderBatch(slice: DigestStudy[]): RenderBatch {
      const linked = new Map<string, DigestStudy>();
      const link = (pmid: string | null) => {
        const study = pmid === null ? undefined : facts.byPmid.get(pmid);
        if (study !== undefined) linked.set(pmid as string, withoutTerms(study));
      };
      const pages = slice.map((study): RenderPage => {
        const pmid = study.record.pmid;
        const located = pass.located.get(pmid);
        const list = similar.get(pmid) ?? [];
        list.forEach(link);
        for (const notice of study.record.retraction.notices) link(notice.pmid);
        return {
          pmid,
          key: located?.key ?? '',
          stored: located?.stored ?? null,
          fetchedAt: study.fetchedAt,
          ...(study.withdrawn ? { withdrawn: study.withdrawn } : {}),
          ...(study.retractionNoticedAt ? { noticedAt: study.retractionNoticedAt } : {}),
          similar: list,
          reuse: reusable(pmid),
        };
      });
      return {
        siteTitle: input.siteTitle,
        topicIds,
        publishedDir: previous === null ? null : stage.target,
        pages,
        linked: [...linked.values()],
      };
    }

    // The rest of the site, a few files at a time, so the threads are sent their next batches meanwhile.
    let since = performance.now();
    for (const [path, content] of siteFilesBesideStudies(site, templates, scripts, facts)) {
      stage.write(path, content);
      if (performance.now() - since > 20) {
        await yieldToEvents();
        since = performance.now();
      }
    }
    await rendering;
    stage.write(PAGE_KEYS_FILE, `${JSON.stringify({ pages: Object.fromEntries(keys) })}\n`);
    return { studies, problems: pass.problems, parsed: pass.parsed, derived: pass.derived, ...result };
  } finally {
    appender.close();
    await pass.close();
  }
}

function withoutTerms({ terms, ...study }: DigestStudy): DigestStudy {
  return study;
}

async function readPageKeys(siteDir: string): Promise<Map<string, string> | null> {
  try {
    const parsed = JSON.parse(readFileSync(join(siteDir, PAGE_KEYS_FILE), 'utf8')) as {
      pages?: Record<string, string>;
    };
    return new Map(Object.entries(parsed.pages ?? {}));
  } catch {
    // No published site (or one from before page keys): every page is rendered.
    return null;
  }
}

/** Files the build appends to in the staging folder (the data exports), written in 1 MB chunks. */
class AppendFiles {
  readonly #dir: string;
  readonly #open = new Map<string, { fd: number; chunks: string[]; size: number }>();
  files = 0;
  bytes = 0;

  constructor(dir: string) {
    this.#dir = dir;
  }

  write(path: string, chunk: string): void {
    let file = this.#open.get(path);
    if (file === undefined) {
      writeSiteFile(this.#dir, path, '');
      file = { fd: openSync(join(this.#dir, path), 'a'), chunks: [], size: 0 };
      this.#open.set(path, file);
      this.files++;
    }
    file.chunks.push(chunk);
    file.size += chunk.length;
    if (file.size > 1 << 20) this.#flush(file);
  }

  #flush(file: { fd: number; chunks: string[]; size: number }): void {
    if (file.size > 0) this.bytes += writeSync(file.fd, file.chunks.join(''));
    file.chunks = [];
    file.size = 0;
  }

  close(): void {
    for (const file of this.#open.values()) {
      this.#flush(file);
      closeSync(file.fd);
    }
    this.#open.clear();
  }
}
