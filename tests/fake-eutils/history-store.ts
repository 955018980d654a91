import { randomBytes } from 'node:crypto';

interface Session {
  createdAtMs: number;
  queries: string[][];
}

/**
 * NCBI's history server: a WebEnv holds numbered query results (QueryKey 1, 2, ...). A WebEnv expires a
 * fixed time after it was created (NCBI: "8 hours is a good rule of thumb", rentrez#110), read from the
 * injected clock so tests can step over the edge.
 */
export class HistoryStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Adds a result to the given WebEnv when it is still alive, else to a new one. */
  store(pmids: string[], webEnv?: string): { webEnv: string; queryKey: string } {
    this.dropExpired();
    const existing = webEnv === undefined ? undefined : this.sessions.get(webEnv);
    if (webEnv !== undefined && existing !== undefined) {
      existing.queries.push(pmids);
      return { webEnv, queryKey: String(existing.queries.length) };
    }
    // Real WebEnvs look like MCID_6927d6e7fee3e90f880ec190 (biopython__esearch2.xml).
    const created = `MCID_${randomBytes(12).toString('hex')}`;
    this.sessions.set(created, { createdAtMs: this.now(), queries: [pmids] });
    return { webEnv: created, queryKey: '1' };
  }

  /** The stored PMIDs, or undefined when the WebEnv is unknown, expired, or has no such query. */
  get(webEnv: string, queryKey: string): string[] | undefined {
    this.dropExpired();
    const index = Number(queryKey) - 1;
    if (!Number.isInteger(index) || index < 0) return undefined;
    return this.sessions.get(webEnv)?.queries[index];
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [webEnv, session] of this.sessions) {
      if (now - session.createdAtMs >= this.ttlMs) this.sessions.delete(webEnv);
    }
  }
}
