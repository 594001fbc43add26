/**
 * Read access to the count of JWKS downloads, so a gateway's tests can assert that its verifier
 * fetched a pool's keys once and then served every token from its cache. Kept apart from the
 * Cognito call log: that log counts calls to Cognito's API, and a request the gateway refuses for
 * its token must show zero of those.
 */
export interface EmulatorJwksRequestLog {
  /** `GET /<poolId>/.well-known/jwks.json` requests since start or the last `clear()`, optionally for one pool only. */
  count(poolId?: string): number;
  /** The same counts per pool id named in the path (unknown pools included: they were asked for). */
  byPool(): Record<string, number>;
  /** Starts counting from zero. */
  clear(): void;
}

/** Counts JWKS requests as they arrive. */
export class JwksRequestCounter implements EmulatorJwksRequestLog {
  private counts = new Map<string, number>();

  /** Counts one request for the JWKS of `poolId`. */
  record(poolId: string): void {
    this.counts.set(poolId, (this.counts.get(poolId) ?? 0) + 1);
  }

  count(poolId?: string): number {
    if (poolId !== undefined) return this.counts.get(poolId) ?? 0;
    return [...this.counts.values()].reduce((total, count) => total + count, 0);
  }

  byPool(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  clear(): void {
    this.counts = new Map();
  }
}
