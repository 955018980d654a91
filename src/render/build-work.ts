import { linkSiteFile, writeSiteFile } from '../publish/index.ts';
import type { DigestStudy } from '../search/index.ts';
import type { BuildWorkerInit, RenderBatch, RenderBatchResult, RenderPage } from './build-worker-protocol.ts';
import { createRenderer, type PageRenderer } from './create-renderer.ts';
import {
  deriveStudy,
  type PrepareContext,
  type PrepareJob,
  type PrepareResult,
  parseCachedRecord,
  prepareStudy,
  RawReader,
} from './prepare-study.ts';
import {
  type PreparedLine,
  type PreparedLineBytes,
  SegmentReader,
  SegmentWriter,
  type StoredLocation,
} from './prepared-store.ts';
import { applyMarks } from './refresh-history.ts';
import { type PageCitations, renderStudyPage, studyPagePaths } from './render-study-page.ts';
import { termsMessage } from './search-index-thread.ts';

/**
 * JSON bytes of stored lines a build thread keeps in memory to render their pages from (about 1.3 times
 * that in heap): every study of a 10,000-study build on two threads, a part of a 100,000-study one.
 */
export const HELD_LINE_BYTES = 128 * 1024 * 1024;

/**
 * What one build thread does (a worker, or the main thread for a small cache): prepare records (parse,
 * tag, cite, store), then write the pages of the studies it is sent into the staging folder. A page is
 * rendered from the study's line this thread still holds (the main thread sends each thread the studies
 * it prepared), else read back from the store, so no thread ever holds every record of a large cache.
 */
export class BuildWork {
  readonly #init: BuildWorkerInit;
  readonly #raw: RawReader;
  readonly #context: PrepareContext;
  /**
   * Lines kept in memory: all when there is no store to read them back from, else up to the budget. A
   * line stored now is kept as the parts of its stored bytes that are its record's and tags' JSON and its
   * downloads, outside the JavaScript heap, and its cite box: a heap holding every record's objects made
   * each young-generation collection about twice as slow (0.5 s of a thread's time in a 10,000-study
   * build), more than parsing the record and tags again when the page is rendered.
   */
  readonly #held = new Map<string, PreparedLine | HeldLine>();
  #heldBytes = 0;
  #render: PageRenderer | null = null;

  constructor(init: BuildWorkerInit) {
    this.#init = init;
    this.#raw = new RawReader(init.cacheDir);
    this.#context = {
      cacheDir: init.cacheDir,
      derivedCode: init.derivedCode,
      summaryCode: init.summaryCode,
      reader: init.storeDir ? new SegmentReader(init.storeDir) : null,
      writer: init.storeDir && init.segment ? new SegmentWriter(init.storeDir, init.segment) : null,
      full: init.full,
      keep: init.full ? undefined : (key, line, stored, made) => this.#hold(key, line, stored, made),
    };
  }

  #hold(key: string, line: PreparedLine, stored: StoredLocation | null, made?: PreparedLineBytes): void {
    if (stored !== null) {
      if (this.#heldBytes + stored.length > (this.#init.heldBytes ?? HELD_LINE_BYTES)) return;
      this.#heldBytes += stored.length;
    }
    // Else without its search terms (hundreds of strings the page does not show): less for the GC to keep.
    this.#held.set(
      key,
      made
        ? {
            record: made.record,
            tags: made.tags,
            citations: { styles: line.derived.citations.styles, files: made.files },
          }
        : { record: line.record, derived: { ...line.derived, terms: [] } },
    );
  }

  prepare(jobs: PrepareJob[]): PrepareResult[] {
    return jobs.map((job) => prepareStudy(job, this.#context, this.#raw));
  }

  /**
   * Moves a batch's bytes (export lines, summaries' JSON) into one new buffer, which a worker transfers
   * to the main thread instead of copying (a 100,000-study build hands over about 1.5 GB of them).
   */
  static packBytes(results: PrepareResult[]): ArrayBuffer {
    let total = 0;
    for (const result of results) {
      if ('error' in result || !('bytes' in result.lines)) continue;
      total += result.lines.bytes.length + (result.head?.length ?? 0);
    }
    const buffer = new ArrayBuffer(total);
    let at = 0;
    const move = (bytes: Uint8Array) => {
      const view = new Uint8Array(buffer, at, bytes.length);
      view.set(bytes);
      at += bytes.length;
      return view;
    };
    for (const result of results) {
      if ('error' in result || !('bytes' in result.lines)) continue;
      result.lines.bytes = move(result.lines.bytes);
      if (result.head !== undefined) result.head = move(result.head);
    }
    return buffer;
  }

  /**
   * Sends the results' search terms to the search index thread, when there is one, and drops them from
   * the results: the main thread never sees them. `indices`: each result's job's place in the build.
   */
  sendTerms(results: PrepareResult[], indices: number[]): void {
    const port = this.#init.index;
    if (port === undefined) return;
    const studies: { index: number; terms: string }[] = [];
    for (const [i, result] of results.entries()) {
      if ('error' in result || result.terms === null) continue;
      studies.push({ index: indices[i] as number, terms: result.terms });
      result.terms = null;
    }
    port.postMessage(termsMessage(studies));
  }

  /** Makes this thread's stored lines durable: the store's index may name them after this. */
  sync(): void {
    this.#context.writer?.close();
    this.#context.writer = null;
    this.#raw.close();
  }

  /**
   * sync(), with the fsync on libuv's pool: the thread renders pages meanwhile (nothing is appended to
   * the store after its prepare requests).
   */
  async syncDurably(): Promise<void> {
    const writer = this.#context.writer;
    this.#context.writer = null;
    this.#raw.close();
    await writer?.closeDurably();
  }

  render(batch: RenderBatch): RenderBatchResult {
    const stageDir = this.#init.stageDir;
    if (stageDir === null) throw new Error('this build thread has no staging folder to write pages into');
    if (batch.templates) this.#render = createRenderer(batch.templates);
    const render = this.#render;
    if (render === null) throw new Error('study pages asked for before the templates were sent');
    const byPmid = new Map<string, DigestStudy>(batch.linked.map((study) => [study.record.pmid, study]));
    // Which linked studies are in the site is the main thread's to say (it knows every study).
    const inSite = new Set(batch.present);
    const context = { siteTitle: batch.siteTitle, topicIds: batch.topicIds, byPmid, inSite };
    const result: RenderBatchResult = { files: 0, bytes: 0, rendered: 0, reused: 0, sizes: [] };
    for (const page of batch.pages) {
      const linked =
        page.link && batch.publishedDir !== null
          ? this.#link(stageDir, batch.publishedDir, page.pmid, batch.replace)
          : null;
      if (linked !== null) {
        result.files += linked.files;
        result.bytes += linked.bytes;
        result.sizes.push(linked.bytes);
        result.reused++;
        continue;
      }
      const held = this.#held.get(page.key);
      // Each page is rendered once: its line is let go (a held line's bytes are not counted again).
      if (held !== undefined) this.#held.delete(page.key);
      const { record, tags, citations } = this.#pageLine(page, held);
      const study = applyMarks({ record, tags, fetchedAt: page.fetchedAt }, page);
      let size = 0;
      for (const [path, content] of renderStudyPage(render, context, study, page.similar, citations)) {
        // After a failed link some of the files may be the published ones: replace, never write into them.
        size += writeSiteFile(stageDir, path, content, batch.replace || page.link);
        result.files++;
      }
      result.bytes += size;
      result.sizes.push(size);
      result.rendered++;
    }
    return result;
  }

  /** What a page is made of: the line held, else the one stored, else the record parsed again. */
  #pageLine(
    page: RenderPage,
    held: PreparedLine | HeldLine | undefined,
  ): Pick<DigestStudy, 'record' | 'tags'> & { citations: PageCitations } {
    if (held !== undefined && !('derived' in held)) {
      return {
        record: JSON.parse(held.record.toString('utf8')),
        tags: JSON.parse(held.tags.toString('utf8')),
        citations: held.citations,
      };
    }
    const line =
      held ??
      (page.stored ? this.#context.reader?.read(page.key, page.stored) : undefined) ??
      this.#parseAgain(page);
    return { record: line.record, tags: line.derived.tags, citations: line.derived.citations };
  }

  /** A study whose stored line is unreadable (the store is derived data: a miss, never an error). */
  #parseAgain(page: RenderPage): PreparedLine {
    try {
      const record = parseCachedRecord(page.source, this.#raw);
      return { record, derived: deriveStudy(record, this.#init.derivedCode) };
    } catch (error) {
      throw new Error(
        `PMID ${page.pmid}: its prepared study could not be read back from the store, nor parsed again: ${(error as Error).message}`,
      );
    }
  }

  /**
   * Hard-links a published study page and its downloads; null when one is missing (the page is then
   * rendered, replacing whatever was linked).
   */
  #link(
    stageDir: string,
    publishedDir: string,
    pmid: string,
    replace: boolean,
  ): { files: number; bytes: number } | null {
    let bytes = 0;
    const paths = studyPagePaths(pmid);
    try {
      for (const path of paths) bytes += linkSiteFile(stageDir, path, publishedDir, replace);
    } catch {
      return null;
    }
    return { files: paths.length, bytes };
  }

  close(): void {
    this.sync();
    this.#context.reader?.close();
  }
}

/** A line held as its record's and tags' JSON bytes (BuildWork.#held), with its citations. */
interface HeldLine {
  record: Buffer;
  tags: Buffer;
  citations: PageCitations;
}
