import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, ftruncateSync, openSync, readFileSync, renameSync } from 'node:fs';
import { readdir, rm, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Manifest } from '../cache/raw-cache.ts';
import type { StagedSite } from '../publish/index.ts';
import { writeSiteFile } from '../publish/index.ts';
import {
  createVocabulary,
  type DigestEntry,
  type DigestStudy,
  searchDocOrder,
  searchMetaFile,
} from '../search/index.ts';
import type { TagRuleSet } from '../tag/index.ts';
import { siteCodeFingerprint } from './build-fingerprint.ts';
import { citationLists, searchable, siteFilesBesideStudies, topicCitations } from './build-site.ts';
import { runOwnedOnThreads } from './build-threads.ts';
import type { RenderBatch, RenderPage } from './build-worker-protocol.ts';
import { findSimilar } from './find-similar.ts';
import type { TemplateSources } from './load-templates.ts';
import { type PrepareOptions, prepareFromCache } from './prepare-from-cache.ts';
import { MAX_IOVECS as MAX_CHUNKS, summaryHead, writeAll } from './prepared-store.ts';
import { marksFor, type RefreshHistory } from './refresh-history.ts';
import {
  type CopiedChunk,
  DataExportWriter,
  type ExportBytes,
  type ExportCopy,
} from './render-data-exports.ts';
import { studyPagePaths } from './render-study-page.ts';
import { siteFacts } from './site-facts.ts';
import type { SiteInput } from './site-input.ts';
import {
  type PublishedState,
  readPublishedState,
  type SavedPostings,
  STUDIES_STATE_FILE,
  StateWriter,
} from './site-state.ts';

/** Each study page's key and size in the published site, to know next time which pages are unchanged. */
export const PAGE_KEYS_FILE = '.evidence-digest-pages.json';
const PAGE_KEYS_LAYOUT = 2;

interface PageKey {
  key: string;
  /** Bytes of the page and its downloads. */
  bytes: number;
}

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
  onPrepared?: (summary: { studies: number; parsed: number; derived: number; summarized: number }) => void;
}

export interface StreamedBuildResult {
  /** Every study's entry, and the studies the lists show (slim). */
  entries: DigestEntry[];
  studies: DigestStudy[];
  problems: { pmid: string; message: string }[];
  parsed: number;
  derived: number;
  /** Studies taken from their stored summaries, without reading their records. */
  summarized: number;
  /** Of those, studies carried from the published site's state (site-state.ts), unseen by the build threads. */
  carried: number;
  /** Study pages rendered now, and pages taken unchanged (left in the spare, or linked from the published one). */
  rendered: number;
  reused: number;
}

/**
 * Cache -> site, written straight into `stage` without any thread holding every record or page (issue
 * 7's memory bound): build threads prepare the records in PMID order (prepare-from-cache.ts) and send
 * back each study's entry (its slim study too when on-topic) and its lines of the data exports, which
 * this thread appends in order, and send its search terms to the search index thread; then the
 * threads write the study pages, each read back from the prepared-study store, while this thread writes
 * the rest of the site. A study page whose inputs (its stored study, what the runs said about it, the
 * cards it shows, the code) are those of the page already in the staging folder (a reused spare, the
 * site published before the current one) is left as it is; one whose inputs are those of the published
 * page is hard-linked from the published site; the others are rendered. In a reused spare, files this
 * build did not write are removed at the end. The bytes are buildSite's
 * (tests/render/streamed-build.test.ts).
 */
export async function buildSiteFromCache(
  input: StreamedBuildInput,
  stage: StagedSite,
  options: PrepareOptions = {},
): Promise<StreamedBuildResult> {
  const topicIds = [...new Set(input.rules.topics.map((rule) => rule.tag))];
  // What the reused spare's and the published site's study pages were made from (read while the build
  // threads start; the spare's page keys file is replaced last of all).
  const made: { spare: PageKeys | null; published: PageKeys | null } = { spare: null, published: null };
  const written = new Set<string>();
  const appender = new AppendFiles(stage.dir, stage.reused, written);
  const exports = new DataExportWriter<ExportBytes | ExportCopy>((path, chunk) =>
    appender.write(path, chunk),
  );
  for (const topic of topicIds) exports.touch(topicCitations(topic));
  const state = new StateWriter(topicIds, (chunk) => appender.write(STUDIES_STATE_FILE, chunk));
  // The published site's studies, to carry the unchanged ones from (read while the threads start).
  let published: PublishedState | null = null;
  const entries: DigestEntry[] = [];
  const studies: DigestStudy[] = [];
  const cards = new Map<string, string>();
  // Studies' search terms, when no search index thread took them (small caches, built on this thread).
  const terms = new Map<string, string>();
  const pass = await prepareFromCache(input.cacheDir, input.manifest, {
    ...options,
    full: false,
    marks: marksFor(input.history),
    stageDir: stage.dir,
    searchIndex: true,
    meanwhile() {
      if (stage.reused) made.spare = readPageKeys(stage.dir);
      made.published = readPageKeys(stage.target);
      published = readPublishedState(stage.target, topicIds);
      appender.source = published;
    },
    carry: () => published,
    each(prepared, job, at) {
      entries.push(prepared.entry);
      if (prepared.terms !== null) terms.set(prepared.pmid, prepared.terms);
      if (prepared.study !== null) studies.push(prepared.study);
      cards.set(prepared.pmid, prepared.card);
      exports.add(prepared.entry.onTopic, prepared.lines, citationLists(prepared.entry, { topicIds }));
      state.add(
        job.summaryKey,
        prepared.lines.sizes,
        at,
        prepared.head ?? summaryHead(prepared.entry, prepared.study, prepared.card),
      );
    },
  });
  try {
    const exportSizes = Object.fromEntries(
      appender
        .paths()
        .filter((path) => path !== STUDIES_STATE_FILE)
        .map((path) => [path, appender.size(path)]),
    );
    appender.close();
    stage.count(appender.files, appender.bytes);
    const saved = pass.save();
    saved.catch(() => {});
    input.onPrepared?.({
      studies: entries.length,
      parsed: pass.parsed,
      derived: pass.derived,
      summarized: pass.summarized,
    });

    const site: SiteInput = {
      studies,
      entries,
      searchTerms: (pmid) => terms.get(pmid)?.split('\t') ?? [],
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
    // The search index thread numbers the docs and writes the term shards meanwhile.
    const ordered = searchDocOrder(searchable(facts));
    const shards =
      pass.index?.finish({
        order: Int32Array.from(ordered, (entry) => pass.located.get(entry.pmid)?.index ?? -1),
        expected: entries.length,
        stageDir: stage.dir,
        replace: stage.reused,
      }) ?? null;
    shards?.catch(() => {});
    const similar = findSimilar(entries);
    const [[templates, scripts], code] = await Promise.all([input.assets, siteCodeFingerprint()]);
    const { spare, published: previous } = made;
    const write = (path: string, content: string | Uint8Array) => {
      written.add(path);
      stage.write(path, content);
    };

    // A page's key: everything its bytes depend on (what every page depends on, hashed once).
    const everyPage = createHash('sha256').update(
      JSON.stringify([code, input.siteTitle, topicIds, pass.derivedCode]),
    );
    const keys = new Map<string, string>();
    for (const entry of entries) {
      const pmid = entry.pmid;
      const located = pass.located.get(pmid);
      const linked = [...(similar.get(pmid) ?? []), ...entry.notices.map((notice) => notice ?? '')];
      const key = everyPage
        .copy()
        .update(
          JSON.stringify([
            located?.key,
            entry.fetchedAt,
            entry.withdrawn ?? null,
            entry.retractionNoticedAt ?? null,
            similar.get(pmid) ?? [],
            linked.map((other) => cards.get(other) ?? null),
          ]),
        )
        .digest('base64');
      keys.set(pmid, key);
    }
    // Pages the spare holds as they are now: not touched at all.
    const sizes = new Map<string, number>();
    let keptBytes = 0;
    for (const [pmid, key] of keys) {
      const there = spare?.page(pmid);
      if (there?.key !== key) continue;
      sizes.set(pmid, there.bytes);
      keptBytes += there.bytes;
    }
    const pagePaths = studyPagePaths('0').length;
    stage.count(sizes.size * pagePaths, keptBytes);
    const toWrite = sizes.size === 0 ? entries : entries.filter((entry) => !sizes.has(entry.pmid));

    // Each study's page goes to the thread that prepared it, which may still hold its line.
    const batchSize = options.batchSize ?? 100;
    const byThread = new Map<number, DigestEntry[]>();
    for (const entry of toWrite) {
      const thread = pass.located.get(entry.pmid)?.thread ?? -1;
      const list = byThread.get(thread);
      if (list === undefined) byThread.set(thread, [entry]);
      else list.push(entry);
    }
    const tasks: { slice: DigestEntry[]; owner: number }[] = [];
    for (const [owner, list] of byThread)
      for (let at = 0; at < list.length; at += batchSize)
        tasks.push({ slice: list.slice(at, at + batchSize), owner });
    const templatesSent = new Set<number>();
    const result = { rendered: 0, reused: sizes.size };
    const rendering = runOwnedOnThreads(
      pass.threads,
      tasks.map((task) => task.owner),
      async (thread, id, t) => {
        const batch = renderBatch((tasks[id] as (typeof tasks)[number]).slice);
        if (!templatesSent.has(t)) {
          templatesSent.add(t);
          batch.templates = templates;
        }
        const reply = await thread.call({ type: 'render', id, batch });
        if (reply.type !== 'rendered') throw new Error(`build thread: unexpected ${reply.type} reply`);
        return reply.result;
      },
      (id, done) => {
        for (const [i, entry] of (tasks[id] as (typeof tasks)[number]).slice.entries())
          sizes.set(entry.pmid, done.sizes[i] ?? 0);
        stage.count(done.files, done.bytes);
        result.rendered += done.rendered;
        result.reused += done.reused;
      },
    );
    rendering.catch(() => {});
    function renderBatch(slice: DigestEntry[]): RenderBatch {
      const linked = new Map<string, DigestStudy>();
      const present = new Set<string>();
      const pages = slice.map((entry): RenderPage => {
        const pmid = entry.pmid;
        const located = pass.located.get(pmid);
        const list = similar.get(pmid) ?? [];
        for (const other of list) {
          const study = facts.byPmid.get(other);
          if (study !== undefined) linked.set(other, study);
        }
        for (const notice of entry.notices)
          if (notice !== null && facts.inSite.has(notice)) present.add(notice);
        return {
          pmid,
          key: located?.key ?? '',
          stored: located?.stored ?? null,
          source: {
            pmid,
            file: located?.job.file ?? '',
            offset: located?.job.offset ?? 0,
            length: located?.job.length ?? 0,
          },
          fetchedAt: entry.fetchedAt,
          ...(entry.withdrawn ? { withdrawn: entry.withdrawn } : {}),
          ...(entry.retractionNoticedAt ? { noticedAt: entry.retractionNoticedAt } : {}),
          similar: list,
          link: previous !== null && previous.page(pmid)?.key === keys.get(pmid),
        };
      });
      return {
        siteTitle: input.siteTitle,
        topicIds,
        publishedDir: previous === null ? null : stage.target,
        replace: stage.reused,
        pages,
        linked: [...linked.values()],
        present: [...present],
      };
    }

    // The rest of the site, a few files at a time, so the threads are sent their next batches meanwhile.
    let since = performance.now();
    for (const [path, content] of siteFilesBesideStudies(
      site,
      templates,
      scripts,
      facts,
      shards === null ? {} : { searchDocs: ordered },
    )) {
      write(path, content);
      if (performance.now() - since > 20) {
        await yieldToEvents();
        since = performance.now();
      }
    }
    await rendering;
    let postings: SavedPostings = null;
    if (shards !== null) {
      const indexed = await shards;
      for (const path of indexed.paths) written.add(path);
      stage.count(indexed.paths.length, indexed.bytes);
      write(...searchMetaFile(ordered.length, createVocabulary(topicIds), indexed.parts));
      postings = indexed.postings;
    }
    const tail = state.end(postings, exportSizes);
    appendFileSync(join(stage.dir, STUDIES_STATE_FILE), tail);
    stage.count(0, tail.length);
    // The store's lines made durable and its index written (fsyncs) while the site was written.
    await saved;
    await appender.discarded();
    if (stage.reused) await removeStale(stage.dir, written, keys, spare?.code !== code);
    const pages = Object.fromEntries([...keys].map(([pmid, key]) => [pmid, [key, sizes.get(pmid) ?? 0]]));
    write(PAGE_KEYS_FILE, `${JSON.stringify({ layout: PAGE_KEYS_LAYOUT, code, pages })}\n`);
    return {
      entries,
      studies,
      problems: pass.problems,
      parsed: pass.parsed,
      derived: pass.derived,
      summarized: pass.summarized,
      carried: pass.carried,
      ...result,
    };
  } finally {
    appender.close();
    (published as PublishedState | null)?.close();
    await pass.close();
  }
}

/** A site's page keys, and the hash of the code that built it. */
interface PageKeys {
  code: string | null;
  page(pmid: string): PageKey | undefined;
}

function readPageKeys(siteDir: string): PageKeys | null {
  try {
    const parsed = JSON.parse(readFileSync(join(siteDir, PAGE_KEYS_FILE), 'utf8')) as {
      layout?: number;
      code?: string;
      pages?: Record<string, [string, number]>;
    };
    if (parsed.layout !== PAGE_KEYS_LAYOUT) return null;
    const pages = parsed.pages ?? {};
    return {
      code: parsed.code ?? null,
      page(pmid) {
        const page = Object.hasOwn(pages, pmid) ? pages[pmid] : undefined;
        return page && { key: page[0], bytes: page[1] };
      },
    };
  } catch {
    // No site there (or one from before this layout of page keys): every page is rendered.
    return null;
  }
}

/**
 * In a reused spare, everything this build did not write: the folders of studies no longer in the site,
 * and any other file not written now (index shards, topic pages, downloads that are gone), with the
 * folders that leaves empty. The files of a study still in the site are this build's, kept or written;
 * when the spare was built by other code (`deep`), which may have written other files for a study, each
 * study folder is swept too (100,000 folders read: only after a code change).
 */
async function removeStale(
  dir: string,
  written: Set<string>,
  studies: Map<string, string>,
  deep: boolean,
): Promise<void> {
  const sweep = async (folder: string): Promise<boolean> => {
    const entries = await readdir(join(dir, folder), { withFileTypes: true });
    let left = entries.length;
    for (const entry of entries) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (folder === 'studies') {
          if (studies.has(entry.name)) {
            if (deep) {
              const pages = new Set(studyPagePaths(entry.name));
              for (const file of await readdir(join(dir, path)))
                if (!pages.has(`${path}/${file}`)) await rm(join(dir, path, file), { recursive: true });
            }
            continue;
          }
          await rm(join(dir, path), { recursive: true, force: true });
          left--;
        } else if (await sweep(path)) {
          await rmdir(join(dir, path));
          left--;
        }
      } else if (!written.has(path)) {
        await unlink(join(dir, path));
        left--;
      }
    }
    return left === 0;
  };
  await sweep('');
}

/** A byte range of the published file of the same path (a carried study's export lines). */
interface Copied {
  offset: number;
  size: number;
}

interface AppendFile {
  fd: number;
  chunks: (Uint8Array | Copied)[];
  /** Bytes held in `chunks` (not counting ranges still to copy). */
  held: number;
  /** Bytes in the file so far, written or still to be. */
  size: number;
}

/**
 * Files the build appends to in the staging folder (the data exports, the state). Chunks are gathered
 * and written with one writev per file every MAX_CHUNKS chunks or 1 MB, never concatenated: the export
 * lines arrive as views of the buffers the build threads transferred, and copying them again was a
 * second of the main thread's time at 100,000 studies. A carried study's chunk is a range of the
 * published file (site-state.ts): adjacent ranges are merged, so a run of unchanged studies costs one
 * copy.
 */
class AppendFiles {
  readonly #dir: string;
  readonly #replace: boolean;
  readonly #written: Set<string>;
  /** Where copied chunks are copied from. */
  source: PublishedState | null = null;
  /** Files whose first flush has been (only the first may copy the published file whole). */
  readonly #started = new Set<string>();
  readonly #discarding: Promise<void>[] = [];
  readonly #open = new Map<string, AppendFile>();
  files = 0;
  bytes = 0;

  constructor(dir: string, replace: boolean, written: Set<string>) {
    this.#dir = dir;
    this.#replace = replace;
    this.#written = written;
  }

  write(path: string, chunk: string | Uint8Array | CopiedChunk): void {
    let file = this.#open.get(path);
    if (file === undefined) {
      if (this.#replace) this.#discard(path);
      writeSiteFile(this.#dir, path, '', this.#replace);
      this.#written.add(path);
      file = { fd: openSync(join(this.#dir, path), 'a'), chunks: [], held: 0, size: 0 };
      this.#open.set(path, file);
      this.files++;
    }
    if (typeof chunk === 'object' && !(chunk instanceof Uint8Array)) {
      if (chunk.size === 0) return;
      const offset = this.source?.offset(path, chunk.from) ?? -1;
      if (offset < 0) throw new Error(`${path}: the published site has no lines of its study ${chunk.from}`);
      file.size += chunk.size;
      const last = file.chunks.at(-1);
      if (last !== undefined && !(last instanceof Uint8Array) && last.offset + last.size === offset)
        last.size += chunk.size;
      else file.chunks.push({ offset, size: chunk.size });
    } else {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (bytes.length === 0) return;
      file.chunks.push(bytes);
      file.held += bytes.length;
      file.size += bytes.length;
    }
    if (file.held > 1 << 20 || file.chunks.length >= MAX_CHUNKS) this.#flush(path, file);
  }

  /**
   * Moves a reused spare's file aside and removes it off this thread: an export is hundreds of MB, and
   * freeing its blocks took half a second of a weekly build's main thread.
   */
  #discard(path: string): void {
    const file = join(this.#dir, path);
    const aside = `${file}.discarded`;
    try {
      renameSync(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    this.#discarding.push(rm(aside, { force: true }));
  }

  /** Once the files moved aside are gone. */
  async discarded(): Promise<void> {
    await Promise.all(this.#discarding);
  }

  /** Bytes appended to `path` so far (0 when none). */
  size(path: string): number {
    return this.#open.get(path)?.size ?? 0;
  }

  paths(): string[] {
    return [...this.#open.keys()];
  }

  #flush(path: string, file: AppendFile): void {
    let chunks = file.chunks;
    file.chunks = [];
    file.held = 0;
    if (chunks.length === 0) return;
    // A file that begins as the published one does, for most of its length (a data export when the
    // studies that changed come late in PMID order): the published file copied whole by the kernel, then
    // cut where the two part.
    const lead = this.#sameStart(path, chunks);
    if (lead > 0) {
      (this.source as PublishedState).copyWhole(path, join(this.#dir, path));
      ftruncateSync(file.fd, lead);
      this.bytes += lead;
      chunks = chunks.slice(chunks.findIndex((chunk) => !(chunk instanceof Uint8Array)) + 1);
    }
    let bytes: Uint8Array[] = [];
    for (const chunk of chunks) {
      if (chunk instanceof Uint8Array) {
        bytes.push(chunk);
        continue;
      }
      this.#writev(file.fd, bytes);
      bytes = [];
      (this.source as PublishedState).copy(path, chunk.offset, chunk.size, (copied) =>
        this.#writev(file.fd, [copied]),
      );
    }
    this.#writev(file.fd, bytes);
  }

  /**
   * Bytes at the start of a file yet unwritten that are the published file's own, when that is most of
   * the published file: leading bytes the published file starts with, then a copied range that goes on
   * from there. 0 otherwise.
   */
  #sameStart(path: string, chunks: (Uint8Array | Copied)[]): number {
    const source = this.source;
    if (source === null || chunks.length === 0 || this.#started.has(path)) return 0;
    this.#started.add(path);
    const range = chunks.findIndex((chunk) => !(chunk instanceof Uint8Array));
    const copied = chunks[range] as Copied | undefined;
    const leading = chunks.slice(0, Math.max(0, range)) as Uint8Array[];
    const before = leading.reduce((sum, chunk) => sum + chunk.length, 0);
    if (copied === undefined || copied.offset !== before) return 0;
    if (copied.size < source.size(path) / 2 || !source.startsWith(path, Buffer.concat(leading))) return 0;
    return before + copied.size;
  }

  #writev(fd: number, all: Uint8Array[]): void {
    for (let at = 0; at < all.length; at += MAX_CHUNKS)
      this.bytes += writeAll(fd, all.slice(at, at + MAX_CHUNKS));
  }

  close(): void {
    for (const [path, file] of this.#open) {
      this.#flush(path, file);
      closeSync(file.fd);
    }
    this.#open.clear();
  }
}
