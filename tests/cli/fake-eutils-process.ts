/**
 * The fake E-utilities server in a process of its own, for tests that measure pacing: in the test's own
 * process, the server's arrival times would stall whenever the test worker is busy.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RequestLogEntry } from '../fake-eutils/index.ts';
import { REPO_ROOT } from '../fixtures-path.ts';

export interface FakeEutilsProcess {
  url: string;
  requests(): Promise<RequestLogEntry[]>;
  close(): void;
}

export async function startFakeEutilsProcess(args: string[]): Promise<FakeEutilsProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'tests/fake-eutils/main.ts'), ...args],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    if (!line.startsWith('http://')) continue;
    const url = line.trim();
    const admin = new URL('/__admin/requests', url).toString();
    return {
      url,
      requests: async () => (await (await fetch(admin)).json()) as RequestLogEntry[],
      close: () => child.kill(),
    };
  }
  throw new Error('the fake E-utilities server exited before printing its URL');
}
