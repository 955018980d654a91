import { closeSync, openSync, readSync } from 'node:fs';
import { DigestError, isDigestError } from '../errors.ts';
import { parseChunk, type RecordChunk } from './parse-chunk.ts';
import type { ParseEvent } from './parse-event.ts';
import { PUBMED_ROOTS } from './refuse-non-xml.ts';
import { firstRecordEnd, MAX_RECORD_BYTES } from './slice-records.ts';

/** One byte range of a plain file, as the pool hands it to a worker. */
export interface RecordRange {
  file: string;
  start: number;
  end: number;
  /** The file's size when the ranges were planned. */
  size: number;
  /** The document's root element, as refuseNonXml named it. */
  root: string;
}

/** Read past a range's end in one go: enough for the record that straddles it, almost always. */
const READ_AHEAD_BYTES = 64 * 1024;

/**
 * Reads the whole records a byte range owns, on the worker that parses them, so the main thread neither
 * reads nor copies the file. Ranges are cut where streaming would see a record end: the range
 * [start, end) runs from the cut at `start` to the cut at `end`, the cut at X being the end of the first
 * record end tag that starts at or after X (the file's start for the first range, its end for the last).
 * Both workers either side of a boundary compute the same cut from the same bytes, so every record is
 * read by exactly one range, and each range starts where the slicer would stand between two records.
 * With no record end within MAX_RECORD_BYTES of X the cut is made there anyway, bounding memory; the
 * slicer then reports the unfinished record, as streaming reports a record that is too large.
 */
export function readRecordRange(range: RecordRange): RecordChunk {
  const legacySet = range.root === 'MedlineCitationSet' || range.root === 'MedlineCitation';
  let fd: number | undefined;
  try {
    fd = openSync(range.file, 'r');
    const reader = rangeReader(fd, range, range.end - range.start + READ_AHEAD_BYTES);
    const from = range.start === 0 ? 0 : reader.cutAt(range.start, legacySet);
    const to = range.end >= range.size ? range.size : reader.cutAt(range.end, legacySet);
    return {
      file: range.file,
      base: from,
      bytes: reader.bytes(from, Math.max(from, to)),
      // Ranges after the first start inside the set element the first one opened (none for bare records).
      state: { root: range.start === 0 || !PUBMED_ROOTS.has(range.root) ? null : range.root },
      final: to >= range.size,
    };
  } catch (error) {
    throw isDigestError(error) ? error : unreadable(range, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads and parses one range: what a pool worker does with a range task. */
export function parseRecordRange(range: RecordRange): ParseEvent[] {
  const chunk = readRecordRange(range);
  // No record end of its own (one record spans the whole range): the range before it read that record.
  return chunk.bytes.length === 0 ? [] : parseChunk(chunk);
}

function rangeReader(fd: number, range: RecordRange, initialBytes: number) {
  let buffer = Buffer.allocUnsafe(Math.max(0, Math.min(initialBytes, range.size - range.start)));
  let filled = 0;
  const fill = () => {
    while (filled < buffer.length) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, range.start + filled);
      if (read === 0)
        throw unreadable(range, `it shrank to ${range.start + filled} bytes while being parsed`);
      filled += read;
    }
  };
  fill();
  return {
    /** The cut at `at` (see readRecordRange), reading further into the file as needed. */
    cutAt(at: number, legacySet: boolean): number {
      const limit = Math.min(range.size, at + MAX_RECORD_BYTES);
      for (;;) {
        const window = buffer.subarray(0, Math.min(filled, limit - range.start));
        const found = firstRecordEnd(window, at - range.start, legacySet);
        if (found >= 0) return range.start + found;
        if (range.start + filled >= limit) return limit;
        const next = Buffer.allocUnsafe(Math.min(limit - range.start, buffer.length * 2));
        buffer.copy(next, 0, 0, filled);
        buffer = next;
        fill();
      }
    },
    bytes: (from: number, to: number) => buffer.subarray(from - range.start, to - range.start),
  };
}

function unreadable(range: RecordRange, problem: unknown): DigestError {
  const reason = problem instanceof Error ? problem.message : String(problem);
  return new DigestError('PARSE_UNREADABLE_FILE', `cannot read ${range.file}: ${reason}`, {
    ...(problem instanceof Error ? { cause: problem } : {}),
    context: { file: range.file, offset: range.start },
  });
}
