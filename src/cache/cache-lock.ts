/**
 * One writer at a time: a refresh holds a lock on the cache for its whole run, so a cron job and a hand
 * run cannot interleave their batch numbers. The lock is refreshed while held; a lock left by a killed
 * process goes stale and is taken over after `staleMs` without a refresh (proper-lockfile compares the
 * lock's mtime).
 */
import { mkdir } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import { DigestError } from '../errors.ts';

export interface CacheLock {
  release(): Promise<void>;
  /** Throws CACHE_LOCKED when another process has taken the lock over: stop before the next write. */
  check(): void;
}

export async function lockCache(root: string, staleMs: number): Promise<CacheLock> {
  await mkdir(root, { recursive: true });
  let compromised: Error | null = null;
  try {
    const release = await lockfile.lock(root, {
      lockfilePath: `${root}/refresh.lock`,
      stale: staleMs,
      update: Math.floor(staleMs / 3),
      realpath: false,
      retries: 0,
      onCompromised: (error) => {
        // Another process took the lock over (we were frozen longer than staleMs): every write checks
        // first, so nothing more is stored or published.
        compromised = error;
      },
    });
    return {
      release: async () => {
        if (compromised === null) await release();
      },
      check: () => {
        if (compromised !== null)
          throw new DigestError(
            'CACHE_LOCKED',
            `the lock on ${root} was lost (this process stalled for over ${staleMs} ms and another run took it over); stopped before writing more`,
            { cause: compromised, context: { file: `${root}/refresh.lock` } },
          );
      },
    };
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') {
      throw new DigestError(
        'CACHE_LOCKED',
        `another refresh is running on this cache (lock ${root}/refresh.lock); try again when it has finished`,
        { cause: error, context: { file: `${root}/refresh.lock` } },
      );
    }
    throw error;
  }
}
