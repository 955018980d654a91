import { stat } from 'node:fs/promises';
import { describeError } from '../errors.ts';
import { createParsePool, type ParsePool } from './parse-pool.ts';
import { formatProblem, type ParseProblem } from './parse-problem.ts';
import { streamStudyRecords } from './stream-study-records.ts';

export interface ParseCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface ParseCommandOptions {
  /** Inputs at least this big (in total) go to worker threads; smaller ones parse in-process. */
  poolThresholdBytes?: number;
  workers?: number;
}

const DEFAULT_POOL_THRESHOLD_BYTES = 32 * 1024 * 1024;
const FLUSH_BYTES = 256 * 1024;

/**
 * `evidence-digest parse FILE...`: PubMed XML (plain or gzip) to one JSON study record per line on
 * stdout, in file order. A DeleteCitation becomes a line `{"kind":"deletion","pmids":[...]}` in the same
 * stream (records have kind `article` or `book`, so consumers switch on `kind`). Problems go to stderr,
 * one line each with file, byte offset, PMID and reason; every good record is still printed.
 * Exit code: 0 when every file was read and every record parsed; 1 when a file could not be read, was
 * refused (HTML, JSON, empty, not a PubmedArticleSet) or held a malformed record; 2 without files.
 */
export async function runParseCommand(
  files: string[],
  io: ParseCommandIo,
  options: ParseCommandOptions = {},
): Promise<number> {
  if (files.length === 0) {
    io.stderr.write('parse: give one or more PubMed XML files (plain or .gz)\n');
    return 2;
  }
  const out = createLineWriter(io.stdout);
  const sizes = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const threshold = options.poolThresholdBytes ?? DEFAULT_POOL_THRESHOLD_BYTES;
  let pool: ParsePool | undefined;
  const counts = { records: 0, deletions: 0, problems: 0, failedFiles: 0 };
  const report = (problem: ParseProblem) => {
    counts.problems++;
    io.stderr.write(`parse: ${formatProblem(problem)}\n`);
  };
  try {
    for (const file of files) {
      if (out.closed) break;
      try {
        if (total >= threshold && options.workers !== 1) {
          pool ??= createParsePool(options.workers === undefined ? {} : { workers: options.workers });
          // Workers build the JSON lines themselves: the main thread only reads and writes.
          for await (const batch of pool.parseFileToJsonLines(file)) {
            counts.records += batch.records;
            counts.deletions += batch.deletions;
            for (const problem of batch.problems) report(problem);
            await out.writeText(batch.lines);
            if (out.closed) break;
          }
        } else {
          for await (const event of streamStudyRecords(file)) {
            if (event.kind === 'record') {
              counts.records++;
              await out.write(JSON.stringify(event.record));
            } else if (event.kind === 'deletion') {
              counts.deletions++;
              await out.write(JSON.stringify(event.deletion));
            } else report(event.problem);
            if (out.closed) break;
          }
        }
      } catch (error) {
        counts.failedFiles++;
        io.stderr.write(`parse: ${describeError(error)}\n`);
      }
    }
    await out.end();
  } finally {
    await pool?.close();
  }
  io.stderr.write(
    `parse: ${files.length} file(s), ${counts.records} record(s), ${counts.deletions} deletion(s), ` +
      `${counts.problems} problem(s), ${counts.failedFiles} file(s) not parsed\n`,
  );
  return counts.problems > 0 || counts.failedFiles > 0 ? 1 : 0;
}

/** Batches lines, honours backpressure, and stops quietly when the reader goes away (`| head`). */
function createLineWriter(stream: NodeJS.WritableStream) {
  let buffer = '';
  let closed = false;
  stream.on('error', () => {
    closed = true;
  });
  const drain = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        stream.off('error', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
      stream.on('error', done);
    });
  const flush = async () => {
    if (buffer === '' || closed) return;
    const text = buffer;
    buffer = '';
    if (!stream.write(text)) await drain();
  };
  return {
    get closed() {
      return closed;
    },
    async write(line: string) {
      buffer += `${line}\n`;
      if (buffer.length >= FLUSH_BYTES) await flush();
    },
    /** Already newline-terminated lines. */
    async writeText(text: string) {
      buffer += text;
      if (buffer.length >= FLUSH_BYTES) await flush();
    },
    end: flush,
  };
}
