/**
 * npm run fake-eutils -- [--port N] [--multiplier N] [--rate-limit N|none] [--faults kind:p,...] [--seed N]
 * Prints the base URL as one line on stdout, logs each request to stderr, stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startFakeEutils } from './start-fake-eutils.ts';
import type { FaultRule, RequestLogEntry } from './types.ts';
import { validateFaultRules } from './validate-fault-rules.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      multiplier: { type: 'string', default: '1' },
      'rate-limit': { type: 'string', default: '3' },
      faults: { type: 'string', default: '' },
      seed: { type: 'string', default: '1' },
    },
    strict: true,
  });
  const problems: string[] = [];
  const port = integer(values.port, 'port', problems, 0);
  const multiplier = integer(values.multiplier, 'multiplier', problems, 1);
  const seed = integer(values.seed, 'seed', problems, 0);
  const rateLimit =
    values['rate-limit'] === 'none' ? null : integer(values['rate-limit'], 'rate-limit', problems, 1);
  let faults: FaultRule[] = [];
  try {
    faults = parseFaults(values.faults);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  if (problems.length > 0) {
    process.stderr.write(`fake-eutils: ${problems.join('; ')}\n`);
    process.exitCode = 2;
    return;
  }

  const fake = await startFakeEutils(
    { multiplier, seed, rateLimitPerSecond: rateLimit },
    { port, onDone: (entry) => process.stderr.write(`${describe(entry)}\n`) },
  );
  fake.injectFaults(faults);
  process.stdout.write(`${fake.url}\n`);

  const stop = (): void => {
    fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** "http-500:0.05,timeout:0.01": probabilities on any endpoint. */
function parseFaults(spec: string): FaultRule[] {
  if (spec.trim() === '') return [];
  const rules = spec.split(',').map((part) => {
    const [fault = '', probability = '1'] = part.trim().split(':');
    return { fault, endpoint: 'any', probability: Number(probability) };
  });
  return validateFaultRules(rules);
}

function integer(text: string, name: string, problems: string[], min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    problems.push(`--${name} must be an integer >= ${min}, got ${text}`);
  return value;
}

/** One line per request; params are already redacted, long id lists are shortened. */
function describe(entry: RequestLogEntry): string {
  const params = Object.entries(entry.params)
    .map(([name, value]) => `${name}=${value.length > 60 ? `${value.slice(0, 57)}...` : value}`)
    .join('&');
  const fault = entry.fault === null ? '' : ` fault=${entry.fault}`;
  const ids = entry.idCount === undefined ? '' : ` ids=${entry.idCount}`;
  return `${new Date(entry.startedAtMs).toISOString()} ${entry.method} ${entry.endpoint} ${entry.status}${fault}${ids} ${params}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-eutils: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
