import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPacer, intervalForRate, systemClock } from '../../src/fetch/pacer.ts';

describe('createPacer (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function startTimes(pacer: ReturnType<typeof createPacer>, callers: number): Promise<number[]> {
    const starts: number[] = [];
    const waits = Array.from({ length: callers }, () =>
      pacer.acquire().then(() => starts.push(Date.now() - 1_000_000)),
    );
    await vi.runAllTimersAsync();
    await Promise.all(waits);
    return starts;
  }

  it('spaces request starts exactly one interval apart, however many callers arrive at once', async () => {
    const pacer = createPacer(350, systemClock);
    expect(await startTimes(pacer, 6)).toEqual([0, 350, 700, 1050, 1400, 1750]);
  });

  it('lets a request start at once when the last one is more than an interval ago', async () => {
    const pacer = createPacer(350, systemClock);
    await startTimes(pacer, 1);
    await vi.advanceTimersByTimeAsync(5_000);
    const before = Date.now();
    await pacer.acquire();
    expect(Date.now() - before).toBe(0);
  });

  it('holds every later start until a Retry-After has passed', async () => {
    const pacer = createPacer(350, systemClock);
    pacer.holdUntil(1_000_000 + 2_000);
    expect(await startTimes(pacer, 3)).toEqual([2_000, 2_350, 2_700]);
  });

  it('never lets more than the rate start in any one-second window', async () => {
    const pacer = createPacer(intervalForRate(3), systemClock);
    const starts = await startTimes(pacer, 30);
    for (const start of starts) {
      expect(starts.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(3);
    }
  });
});

describe('intervalForRate', () => {
  it('keeps a 10% margin over 1000/rate: 3/s -> 367 ms, 10/s -> 110 ms (EDirect with a key)', () => {
    expect(intervalForRate(3)).toBe(367);
    expect(intervalForRate(10)).toBe(110);
  });
});

describe('createPacer with a late clock', () => {
  it('measures the interval from when the previous caller actually started, so a late timer never squeezes the next start', async () => {
    // A clock whose sleeps overrun by 120 ms on the first call (a busy event loop or a GC pause).
    let now = 0;
    let overrun = 120;
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms + overrun;
        overrun = 0;
      },
    };
    const pacer = createPacer(350, clock);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 4 }, () => pacer.acquire().then(() => starts.push(now))));
    expect(starts).toEqual([0, 470, 820, 1170]);
  });
});
