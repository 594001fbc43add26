/** One row of the upstream call count. */
export interface UpstreamCallCount {
  readonly operation: string;
  /** `ok`, or the error's name (`TooManyRequestsException`, `TimeoutError`, …). */
  readonly outcome: string;
  readonly count: number;
}

/**
 * Counts every HTTP attempt sent to Cognito, by operation and outcome. Tests read it; the
 * metrics endpoint that comes later exports the same numbers (outcomes are error names, never
 * values, so no token or username can become a label).
 */
export class UpstreamCallCounter {
  private readonly counts = new Map<string, number>();

  /** Records one attempt. */
  record(operation: string, outcome: string): void {
    const key = `${operation}\u0000${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Every (operation, outcome) seen, sorted, with its count. */
  snapshot(): UpstreamCallCount[] {
    return [...this.counts.entries()]
      .map(([key, count]) => {
        const [operation = '', outcome = ''] = key.split('\u0000');
        return { operation, outcome, count };
      })
      .sort((a, b) => a.operation.localeCompare(b.operation) || a.outcome.localeCompare(b.outcome));
  }
}
