import { isAscii } from 'node:buffer';
import type { ParseEvent } from './parse-event.ts';
import { type ParseProblem, problemFromError } from './parse-problem.ts';
import { parseRecordXml } from './parse-record-xml.ts';
import { brokenRecord, nestedRecordStart, type SliceFault, type SliceResult } from './slice-records.ts';

/**
 * Turns one sliceRecords result over `buffer` into events, in byte order: each slice parsed (a bad record
 * becomes a problem event and the next one is parsed), faults between records as problems. `base` is
 * the file offset of `buffer[0]`.
 */
export function parseSlices(buffer: Buffer, result: SliceResult, file: string, base: number): ParseEvent[] {
  const events: { at: number; event: ParseEvent }[] = result.faults.map((fault) => ({
    at: fault.at,
    event: { kind: 'problem', problem: problemOf(fault, file, base) },
  }));
  // NCBI writes non-ASCII as character references, so chunks are usually ASCII: then one decode serves
  // every record and byte offsets equal string offsets.
  const ascii = result.slices.length > 1 && isAscii(buffer) ? buffer.toString('latin1') : null;
  const pending = [...result.slices];
  for (let slice = pending.shift(); slice !== undefined; slice = pending.shift()) {
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
      const nested = nestedRecordStart(buffer, slice);
      if (nested >= 0) {
        // This record lost its end tag and ran on into the next one: report it, parse the next on its own.
        const reason = `<${slice.tag}> is not closed before the next record starts`;
        event = {
          kind: 'problem',
          problem: problemOf(brokenRecord(buffer, slice.start, nested, reason), file, base),
        };
        pending.unshift({ tag: slice.tag, start: nested, end: slice.end });
      } else event = { kind: 'problem', problem: problemFromError(error, file) };
    }
    events.push({ at: slice.start, event });
  }
  if (result.faults.length > 0) events.sort((a, b) => a.at - b.at);
  return events.map((entry) => entry.event);
}

function problemOf(fault: SliceFault, file: string, base: number): ParseProblem {
  return { code: fault.code, file, pmid: fault.pmid ?? null, offset: base + fault.at, reason: fault.reason };
}
