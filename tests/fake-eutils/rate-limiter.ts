const WINDOW_MS = 1000;

export interface RateDecision {
  limit: number;
  /** Requests in the last second from the same client, this one included (NCBI's "count"). */
  count: number;
  allowed: boolean;
}

/**
 * NCBI's limit: requests counted by their start in a sliding one-second window, rejected ones included
 * (the transcribed 429s report counts of 17 and 26 against a limit of 3). Clients without a key share one
 * window, as every local client is the same loopback IP; each api_key has its own window.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    /** Limit without a key; null disables rejection (headers still report NCBI's nominal limits). */
    private readonly perSecond: number | null,
  ) {}

  hit(apiKey: string, atMs: number): RateDecision {
    const keyed = apiKey !== '';
    const limit = this.limitFor(keyed);
    const id = keyed ? `key:${apiKey}` : 'ip';
    const starts = (this.windows.get(id) ?? []).filter((t) => t > atMs - WINDOW_MS && t <= atMs + WINDOW_MS);
    starts.push(atMs);
    this.windows.set(id, starts);
    const count = starts.filter((t) => t > atMs - WINDOW_MS && t <= atMs).length;
    return { limit, count, allowed: this.perSecond === null || count <= limit };
  }

  /** Injected rate-limit faults report a count over the limit, as a real rejection would. */
  limitFor(keyed: boolean): number {
    const base = this.perSecond ?? 3;
    // An API key raises NCBI's limit to 10; a configured limit above that applies to keys too.
    return keyed ? Math.max(base, 10) : base;
  }
}
