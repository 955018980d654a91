/**
 * The one retry decision of the client: pure, so every branch is tested with plain values.
 * Only shapes classified as transient are retried; a client mistake, PhraseNotFound or an unknown body
 * is never retried (retrying what we do not understand only hides it).
 */
import type { Classification } from './classify-response.ts';

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  reason: string;
}

/** EUTILS.md: after a 429 without Retry-After, wait at least a second or two. */
const RATE_LIMIT_FLOOR_MS = 1500;

/**
 * @param attempt how many attempts have been made so far (1 after the first failure)
 * @param random a number in [0, 1) for jitter
 */
export function decideRetry(
  outcome: Classification,
  attempt: number,
  policy: RetryPolicy,
  random: number,
): RetryDecision {
  if (!outcome.transient) return { retry: false, delayMs: 0, reason: `${outcome.kind} is not retried` };
  if (attempt >= policy.maxAttempts) {
    return { retry: false, delayMs: 0, reason: `gave up after ${attempt} attempts` };
  }
  if (outcome.retryAfterMs !== null) {
    // Honour the server's word, capped so a bogus header cannot stall a run for hours.
    return { retry: true, delayMs: Math.min(outcome.retryAfterMs, policy.maxMs), reason: 'Retry-After' };
  }
  return { retry: true, delayMs: backoffDelay(outcome, attempt, policy, random), reason: 'backoff' };
}

/** Capped exponential backoff with jitter: between half and all of min(max, base * 2^(attempt-1)). */
export function backoffDelay(
  outcome: Classification,
  attempt: number,
  policy: RetryPolicy,
  random: number,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const floor = outcome.kind === 'rate-limited' ? Math.min(RATE_LIMIT_FLOOR_MS, policy.maxMs) : 0;
  return Math.max(floor, Math.round(ceiling / 2 + (ceiling / 2) * random));
}
