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
  /** Resolves when the caller may start a request; each call reserves the next slot. */
  acquire(): Promise<void>;
  /** Holds every later start until `untilMs` (a 429 with Retry-After is a message to the whole process). */
  holdUntil(untilMs: number): void;
  readonly intervalMs: number;
}

export function createPacer(intervalMs: number, clock: Clock): Pacer {
  let nextSlotMs = Number.NEGATIVE_INFINITY;
  return {
    intervalMs,
    async acquire() {
      const now = clock.now();
      const slot = Math.max(now, nextSlotMs);
      nextSlotMs = slot + intervalMs;
      if (slot > now) await clock.sleep(slot - now);
    },
    holdUntil(untilMs: number) {
      nextSlotMs = Math.max(nextSlotMs, untilMs);
    },
  };
}

/**
 * Spacing for a rate: a small margin over 1000/rate, because arrival at NCBI jitters by a few ms and a
 * start that lands one millisecond early in the server's window costs a 429 and a backoff. EDirect uses
 * 350 ms for 3/s; Biopython found 333 ms too tight.
 */
export function intervalForRate(requestsPerSecond: number): number {
  return Math.ceil((1000 / requestsPerSecond) * 1.05);
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
