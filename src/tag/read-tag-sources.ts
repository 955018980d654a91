import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { DigestError } from '../errors.ts';
import { streamStudyRecords } from '../parse/index.ts';
import type { TagSource } from './normalise-input.ts';
import { validateTagSource } from './validate-tag-source.ts';

/** One study to tag, or one input problem to report (the rest of the file is still read). */
export type TagSourceEvent = { kind: 'study'; source: TagSource } | { kind: 'problem'; error: DigestError };

/**
 * The studies in one `tag` input file: PubMed XML (plain or .gz) through the parse stage, or JSONL (plain
 * or .gz) of parsed records or minimal {pmid, title, abstract} objects. The format is chosen by extension,
 * else by the first byte. An unreadable file throws TAG_INPUT_UNREADABLE.
 */
export async function* readTagSources(file: string): AsyncGenerator<TagSourceEvent> {
  if ((await detectFormat(file)) === 'xml') {
    yield* readXml(file);
  } else {
    yield* readJsonl(file);
  }
}

async function* readXml(file: string): AsyncGenerator<TagSourceEvent> {
  // The parse stage throws PARSE_UNREADABLE_FILE / PARSE_NOT_XML for a whole file; the caller reports it.
  for await (const event of streamStudyRecords(file)) {
    if (event.kind === 'record') yield { kind: 'study', source: event.record };
    else if (event.kind === 'problem') {
      const { problem } = event;
      yield {
        kind: 'problem',
        error: new DigestError(
          'TAG_INPUT_INVALID',
          `${problem.reason} [${problem.code}]; the record is not tagged`,
          {
            context: {
              file: problem.file,
              ...(problem.pmid === null ? {} : { pmid: problem.pmid }),
              ...(problem.offset === null ? {} : { offset: problem.offset }),
            },
          },
        ),
      };
    }
    // Deletion events name PMIDs NLM removed: there is nothing to tag.
  }
}

async function* readJsonl(file: string): AsyncGenerator<TagSourceEvent> {
  const bytes = createReadStream(file);
  const lines = createInterface({
    input: file.endsWith('.gz') ? bytes.pipe(createGunzip()) : bytes,
    crlfDelay: Infinity,
  });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (cause) {
        yield {
          kind: 'problem',
          error: new DigestError('TAG_INPUT_INVALID', 'not valid JSON; the line is skipped', {
            cause,
            context: { file, line },
          }),
        };
        continue;
      }
      try {
        yield { kind: 'study', source: validateTagSource(value, { file, line }) };
      } catch (error) {
        if (!(error instanceof DigestError)) throw error;
        yield { kind: 'problem', error };
      }
    }
  } catch (cause) {
    throw unreadable(file, cause);
  }
}

async function detectFormat(file: string): Promise<'xml' | 'jsonl'> {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.xml')) return 'xml';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson') || name.endsWith('.json')) return 'jsonl';
  const head = await firstBytes(file);
  if (head[0] === 0x1f && head[1] === 0x8b) return 'xml';
  const text = head.toString('utf8').trimStart();
  return text.startsWith('{') ? 'jsonl' : 'xml';
}

async function firstBytes(file: string): Promise<Buffer> {
  try {
    for await (const chunk of createReadStream(file, { start: 0, end: 255 })) return chunk as Buffer;
    return Buffer.alloc(0);
  } catch (cause) {
    throw unreadable(file, cause);
  }
}

function unreadable(file: string, cause: unknown): DigestError {
  return new DigestError('TAG_INPUT_UNREADABLE', 'cannot read the input file; nothing from it is tagged', {
    cause,
    context: { file },
  });
}
