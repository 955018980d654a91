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
  let outputError: unknown = null;
  // A closed pipe (`| head`) surfaces as an 'error' event; without a listener Node would crash on it.
  const onOutputError = (error: unknown) => {
    outputError ??= error;
  };
  io.stdout.on('error', onOutputError);
  const writeLine = async (line: string) => {
    if (outputError === null && !io.stdout.write(line)) {
      // Wait for the reader, so a slow consumer does not make us buffer the whole corpus.
      await once(io.stdout, 'drain').catch(onOutputError);
    }
    if (outputError !== null) throw new OutputClosed('stdout closed', { cause: outputError });
  };

  let problems = 0;
  let tagged = 0;
  try {
    for (const file of files) {
      try {
        for await (const event of readTagSources(file)) {
          if (event.kind === 'problem') {
            problems++;
            io.stderr.write(`tag: ${describeError(event.error)}\n`);
            continue;
          }
          await writeLine(`${JSON.stringify(tagStudy(event.source, rules))}\n`);
          tagged++;
        }
      } catch (error) {
        if (error instanceof OutputClosed) throw error;
        problems++;
        io.stderr.write(`tag: ${describeError(error)}\n`);
      }
    }
  } catch (error) {
    // Nothing more can be delivered once the reader has gone, so stop rather than tag into the void.
    io.stderr.write(
      `tag: output closed after ${tagged} studies (${describeError((error as Error).cause)})\n`,
    );
    return 1;
  } finally {
    io.stdout.off('error', onOutputError);
  }
  if (problems > 0) {
    io.stderr.write(`tag: ${tagged} studies tagged, ${problems} input problem(s); exit 1\n`);
    return 1;
  }
  return 0;
}

class OutputClosed extends Error {}
