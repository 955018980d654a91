import { once } from 'node:events';
import { describeError } from '../errors.ts';
import { readTagSources } from './read-tag-sources.ts';
import type { TagRuleSet } from './rule-types.ts';
import { defaultRules } from './rules/default-rules.ts';
import { tagStudy } from './tag-study.ts';

export interface TagCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `evidence-digest tag FILE...`: one JSON line per study on stdout (PRODUCT.md section 5), in input order.
 * A bad line or record, or an unreadable file, is reported on stderr with the file and line or PMID; the
 * other studies are still tagged, and the exit code is 1. Exit 0 when every input was read and tagged.
 */
export async function runTagCommand(
  files: string[],
  io: TagCommandIo,
  rules: TagRuleSet = defaultRules,
): Promise<number> {
  let problems = 0;
  let tagged = 0;
  for (const file of files) {
    try {
      for await (const event of readTagSources(file)) {
        if (event.kind === 'problem') {
          problems++;
          io.stderr.write(`tag: ${describeError(event.error)}\n`);
          continue;
        }
        await writeLine(io.stdout, `${JSON.stringify(tagStudy(event.source, rules))}\n`);
        tagged++;
      }
    } catch (error) {
      if (error instanceof OutputClosed) {
        // The reader went away (e.g. `| head`): nothing more can be delivered, so stop.
        io.stderr.write(`tag: output closed after ${tagged} studies (${describeError(error.cause)})\n`);
        return 1;
      }
      problems++;
      io.stderr.write(`tag: ${describeError(error)}\n`);
    }
  }
  if (problems > 0) {
    io.stderr.write(`tag: ${tagged} studies tagged, ${problems} input problem(s); exit 1\n`);
    return 1;
  }
  return 0;
}

class OutputClosed extends Error {}

/** Writes one line, waiting for the stream to drain so a slow reader does not make us buffer the corpus. */
async function writeLine(stream: NodeJS.WritableStream, line: string): Promise<void> {
  try {
    if (!stream.write(line)) await once(stream, 'drain');
  } catch (cause) {
    throw new OutputClosed('stdout closed', { cause });
  }
}
