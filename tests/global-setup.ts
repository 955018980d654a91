/**
 * One temp folder per test run: every cache, site and working directory a test makes (in-process or
 * in a spawned CLI) goes under it through TMPDIR, and it is removed when the run ends, pass or fail.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-digest-tests-'));
  process.env.TMPDIR = dir;
  // Asynchronous on purpose: vitest runs this teardown before it waits for the last test workers to exit,
  // and a synchronous removal of a whole run's sites (tens of thousands of files) blocked its event loop
  // long enough for it to report "Timeout terminating forks worker" for a worker that had exited.
  return () => rm(dir, { recursive: true, force: true });
}
