import { openInput } from './open-input.ts';
import type { ParseEvent } from './parse-event.ts';
import { parseSlices } from './parse-slices.ts';
import { refuseNonXml, SNIFF_BYTES } from './refuse-non-xml.ts';
import { initialSlicerState, sliceRecords } from './slice-records.ts';

/**
 * Streams a PubmedArticleSet file (plain or gzip) record by record, in one thread: memory holds one read
 * chunk plus at most one record, whatever the file size. Yields records, deletions and problems in file
 * order. Throws PARSE_UNREADABLE_FILE when the file cannot be read and PARSE_NOT_XML /
 * PARSE_UNEXPECTED_ROOT when it is not PubMed XML at all.
 */
export function streamStudyRecords(path: string): AsyncGenerator<ParseEvent> {
  return streamStudyRecordsFrom(openInput(path), { file: path });
}

/** The same over any byte stream: an HTTP body, a gunzip stream, chunks in a test. */
export async function* streamStudyRecordsFrom(
  chunks: AsyncIterable<Uint8Array>,
  source: { file: string },
): AsyncGenerator<ParseEvent> {
  let pending: Buffer = Buffer.alloc(0);
  let base = 0;
  let state = initialSlicerState();
  let sniffed = false;
  for await (const chunk of chunks) {
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
    if (!sniffed) {
      if (pending.length < SNIFF_BYTES) continue;
      refuseNonXml(pending, source);
      sniffed = true;
    }
    const result = sliceRecords(pending, state, false);
    yield* parseSlices(pending, result, source.file, base);
    state = result.state;
    base += result.consumed;
    pending = pending.subarray(result.consumed);
  }
  if (!sniffed) refuseNonXml(pending, source);
  const result = sliceRecords(pending, state, true);
  yield* parseSlices(pending, result, source.file, base);
}
