import type { FaultKind, FaultRule } from './types.ts';

export const FAULT_KINDS: readonly FaultKind[] = [
  'rate-limit',
  'rate-limit-retry-after',
  'http-500',
  'http-502',
  'http-503',
  'connection-reset',
  'timeout',
  'truncated-body',
  'stream-cut',
  'html-error-200',
  'plain-text-error',
  'empty-body',
  'prolog-only',
  'backend-error',
  'webenv-expired',
  'fewer-records',
];

/** Checks rules arriving from tests, the admin API or the CLI; every problem is reported at once. */
export function validateFaultRules(input: unknown): FaultRule[] {
  if (!Array.isArray(input))
    throw new Error('fault rules must be a JSON array of {fault, endpoint?, times?, probability?}');
  const problems: string[] = [];
  input.forEach((rule: unknown, i) => {
    if (typeof rule !== 'object' || rule === null) {
      problems.push(`[${i}] is not an object`);
      return;
    }
    const r = rule as Record<string, unknown>;
    if (!FAULT_KINDS.includes(r.fault as FaultKind))
      problems.push(`[${i}].fault: unknown fault ${JSON.stringify(r.fault)}`);
    if (r.endpoint !== undefined && !['esearch', 'efetch', 'any'].includes(r.endpoint as string)) {
      problems.push(`[${i}].endpoint: must be esearch, efetch or any`);
    }
    if (r.times !== undefined && !(Number.isInteger(r.times) && (r.times as number) > 0)) {
      problems.push(`[${i}].times: must be a positive integer`);
    }
    const p = r.probability;
    if (p !== undefined && !(typeof p === 'number' && p >= 0 && p <= 1)) {
      problems.push(`[${i}].probability: must be a number from 0 to 1`);
    }
    const retryAfter = r.retryAfterSeconds;
    if (retryAfter !== undefined && !(typeof retryAfter === 'number' && retryAfter >= 0)) {
      problems.push(`[${i}].retryAfterSeconds: must be a number >= 0`);
    }
  });
  if (problems.length > 0) throw new Error(`invalid fault rules: ${problems.join('; ')}`);
  return input as FaultRule[];
}
