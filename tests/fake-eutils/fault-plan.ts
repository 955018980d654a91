import type { FaultKind, FaultRule } from './types.ts';

export interface FaultTarget {
  endpoint: 'esearch' | 'efetch';
  carriesWebEnv: boolean;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

/**
 * The injected faults, consulted once per E-utilities request in rule order. A rule applies to its
 * endpoint ('any' or none: both); fewer-records only to efetch and webenv-expired only to requests
 * carrying a WebEnv, so such a rule waits for a request it can affect. `times` counts the requests a rule
 * fired on; `probability` draws from the seeded PRNG on each request the rule applies to.
 */
export class FaultPlan {
  private rules: ActiveRule[] = [];

  constructor(private readonly random: () => number) {}

  add(rules: readonly FaultRule[]): void {
    for (const rule of rules)
      this.rules.push({ rule: { ...rule }, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ rule, remaining }) =>
      Number.isFinite(remaining) ? { ...rule, times: remaining } : { ...rule },
    );
  }

  pick(target: FaultTarget): FaultRule | null {
    for (const active of this.rules) {
      const { rule } = active;
      if (!appliesTo(rule, target)) continue;
      if (rule.probability !== undefined && !(this.random() < rule.probability)) continue;
      active.remaining -= 1;
      if (active.remaining <= 0) this.rules = this.rules.filter((other) => other !== active);
      return rule;
    }
    return null;
  }
}

function appliesTo(rule: FaultRule, target: FaultTarget): boolean {
  const endpoint = rule.endpoint ?? 'any';
  if (endpoint !== 'any' && endpoint !== target.endpoint) return false;
  const only: Partial<Record<FaultKind, boolean>> = {
    'fewer-records': target.endpoint === 'efetch',
    'webenv-expired': target.carriesWebEnv,
  };
  return only[rule.fault] ?? true;
}
