/**
 * `npm run bench [name...]`: runs every bench/*.bench.ts (or the named ones) one after another, so the
 * figures of one area are not disturbed by another's. Each bench prints its own table; copy the figures
 * into bench/RESULTS.md with the machine they were measured on.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();

let failed = 0;
for (const file of files) {
  process.stderr.write(`\n== ${file}\n`);
  // With the V8 flag bin/evidence-digest.js and `npm start` run the CLI with (benches build in-process).
  const result = spawnSync(
    process.execPath,
    ['--max-semi-space-size=64', '--import', 'tsx', join(benchDir, file)],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
