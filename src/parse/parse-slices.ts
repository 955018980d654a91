import { isAscii } from 'node:buffer';
import type { ParseEvent } from './parse-event.ts';
import { problemFromError } from './parse-problem.ts';
import { parseRecordXml } from './parse-record-xml.ts';
import type { SliceResult } from './slice-records.ts';

/**
 * Turns one sliceRecords result over `buffer` into events, in byte order: each slice parsed (a bad record
 * becomes a problem event and the next one is parsed), faults between records as problems. `base` is
 * the file offset of `buffer[0]`.
 */
export function parseSlices(buffer: Buffer, result: SliceResult, file: string, base: number): ParseEvent[] {
  const events: { at: number; event: ParseEvent }[] = [];
  for (const fault of result.faults) {
    events.push({
      at: fault.at,
      event: {
        kind: 'problem',
        problem: {
          code: fault.code,
          file,
          pmid: fault.pmid ?? null,
          offset: base + fault.at,
          reason: fault.reason,
        },
      },
    });
  }
  // NCBI writes non-ASCII as character references, so chunks are usually ASCII: then one decode serves
  // every record and byte offsets equal string offsets.
  const ascii = result.slices.length > 1 && isAscii(buffer) ? buffer.toString('latin1') : null;
  for (const slice of result.slices) {
    const source = { file, offset: base + slice.start, length: slice.end - slice.start };
    let event: ParseEvent;
    try {
      const xml = ascii?.slice(slice.start, slice.end) ?? buffer.toString('utf8', slice.start, slice.end);
      const parsed = parseRecordXml(xml, source);
      event =
        parsed.kind === 'deletion'
          ? { kind: 'deletion', deletion: parsed, source }
          : { kind: 'record', record: parsed, source };
    } catch (error) {
      event = { kind: 'problem', problem: problemFromError(error, file) };
    }
    events.push({ at: slice.start, event });
  }
  if (result.faults.length > 0) events.sort((a, b) => a.at - b.at);
  return events.map((entry) => entry.event);
}
