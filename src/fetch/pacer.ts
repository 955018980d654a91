/**
 * The one pacing gate of the process: spaces request *starts* (NCBI counts requests by start, per
 * second), retries included. Concurrency is capped elsewhere (p-limit); a gate that only capped
 * concurrency would let three fast responses start a fourth request inside the same second.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface Pacer {
  /** Resolves when the caller may start a request: at least one interval after the previous start. */
  acquire(): Promise<void>;
  /** Holds every later start until `untilMs` (a 429 with Retry-After is a message to the whole process). */
  holdUntil(untilMs: number): void;
  readonly intervalMs: number;
}

export function createPacer(intervalMs: number, clock: Clock): Pacer {
  // Callers pass the gate one at a time, and each waits for an interval after the previous caller
  // *actually* passed. Reserving slots in advance instead would let a late timer (a busy event loop, a GC
  // pause) squeeze the next start closer than the interval, which is exactly how a fourth request lands
  // inside NCBI's one-second window.
  let lastStartMs = Number.NEGATIVE_INFINITY;
  let holdUntilMs = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();
  return {
    intervalMs,
    acquire() {
      const turn = queue.then(async () => {
        for (;;) {
          const wait = Math.max(lastStartMs + intervalMs, holdUntilMs) - clock.now();
          if (wait <= 0) break;
          await clock.sleep(wait);
        }
        lastStartMs = clock.now();
      });
      queue = turn;
      return turn;
    },
    holdUntil(untilMs: number) {
      holdUntilMs = Math.max(holdUntilMs, untilMs);
    },
  };
}

/**
 * Spacing for a rate, with a 10% margin over 1000/rate: NCBI counts starts as they arrive, and arrival
 * jitters (network, a busy event loop on either side), so starts spaced exactly 1000/rate apart draw 429s
 * (bench/RESULTS.md measures it). 3/s -> 367 ms (Biopython settled on 370 ms, EDirect on 350 ms);
 * 10/s -> 110 ms (EDirect's spacing with a key).
 */
export function intervalForRate(requestsPerSecond: number): number {
  return Math.ceil(1100 / requestsPerSecond - 1e-9);
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
