import { describe, expect, it } from 'vitest';
import type { Classification, ResponseKind } from '../../src/fetch/classify-response.ts';
import { backoffDelay, decideRetry } from '../../src/fetch/retry-policy.ts';

const policy = { maxAttempts: 5, baseMs: 1000, maxMs: 20_000 };

function outcome(kind: ResponseKind, transient: boolean, retryAfterMs: number | null = null): Classification {
  return { kind, code: null, transient, message: kind, retryAfterMs, smallerBatch: false };
}

describe('decideRetry', () => {
  it('retries transient shapes with capped exponential backoff, jitter between half and all of it', () => {
    const fault = outcome('server-error', true);
    expect([1, 2, 3, 4].map((attempt) => decideRetry(fault, attempt, policy, 0).delayMs)).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([1, 2, 3, 4].map((attempt) => decideRetry(fault, attempt, policy, 0.999999).delayMs)).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    expect(backoffDelay(fault, 10, policy, 1)).toBe(20_000);
  });

  it('stops at the attempt cap', () => {
    expect(decideRetry(outcome('timeout', true), 5, policy, 0.5)).toEqual({
      retry: false,
      delayMs: 0,
      reason: 'gave up after 5 attempts',
    });
  });

  it('never retries client mistakes, PhraseNotFound or unknown bodies', () => {
    for (const kind of ['client-error', 'no-results', 'unexpected-body', 'webenv-expired'] as const) {
      expect(decideRetry(outcome(kind, false), 1, policy, 0.5)).toEqual({
        retry: false,
        delayMs: 0,
        reason: `${kind} is not retried`,
      });
    }
  });

  it('honours Retry-After exactly, capped at maxMs', () => {
    expect(decideRetry(outcome('rate-limited', true, 3000), 1, policy, 0.3)).toEqual({
      retry: true,
      delayMs: 3000,
      reason: 'Retry-After',
    });
    expect(decideRetry(outcome('rate-limited', true, 3_600_000), 1, policy, 0.3).delayMs).toBe(20_000);
  });

  it('waits at least 1.5 s after a 429 without Retry-After', () => {
    expect(decideRetry(outcome('rate-limited', true), 1, policy, 0).delayMs).toBe(1500);
    expect(
      decideRetry(outcome('rate-limited', true), 1, { ...policy, baseMs: 10, maxMs: 40 }, 0).delayMs,
    ).toBe(40);
  });
});
