/**
 * One temp folder per test run: every cache, site and working directory a test makes (in-process or
 * in a spawned CLI) goes under it through TMPDIR, and it is removed when the run ends, pass or fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-digest-tests-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
