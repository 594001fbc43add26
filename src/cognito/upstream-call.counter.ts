import type { CognitoOperation } from './cognito.operations';

/** One row of the upstream call count. */
export interface UpstreamCallCount {
  readonly operation: CognitoOperation;
  /** `ok`, or the error's name (`TooManyRequestsException`, `TimeoutError`, …). */
  readonly outcome: string;
  readonly count: number;
}

/** Hears of every attempt as it settles (the metrics). */
export type UpstreamCallListener = (operation: CognitoOperation, outcome: string, seconds: number) => void;

/**
 * Counts every HTTP attempt sent to Cognito, by operation and outcome, and the calls the
 * gateway's own queue refused before they were sent: the one count, taken where each attempt
 * settles (the Cognito client's guard middleware, which also tells the calling request). Tests
 * read it; `/metrics` exports the same numbers (outcomes are error names, never values, so no
 * token or username can become a label).
 */
export class UpstreamCallCounter {
  private readonly counts = new Map<CognitoOperation, Map<string, number>>();
  private readonly listeners: UpstreamCallListener[] = [];
  private refusedByQueue = 0;

  /** Records one attempt and how long it took. */
  record(operation: CognitoOperation, outcome: string, seconds = 0): void {
    let byOutcome = this.counts.get(operation);
    if (byOutcome === undefined) this.counts.set(operation, (byOutcome = new Map()));
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
    for (const listener of this.listeners) listener(operation, outcome, seconds);
  }

  /** Records a call refused because the queue of calls waiting for a slot was full. */
  recordQueueRefusal(): void {
    this.refusedByQueue += 1;
  }

  /** Calls refused by a full queue so far. */
  get queueRefusals(): number {
    return this.refusedByQueue;
  }

  /** Calls `listener` for every attempt from now on. */
  subscribe(listener: UpstreamCallListener): void {
    this.listeners.push(listener);
  }

  /** Every (operation, outcome) seen, sorted, with its count. */
  snapshot(): UpstreamCallCount[] {
    return [...this.counts.entries()]
      .flatMap(([operation, byOutcome]) => [...byOutcome.entries()].map(([outcome, count]) => ({ operation, outcome, count })))
      .sort((a, b) => a.operation.localeCompare(b.operation) || a.outcome.localeCompare(b.outcome));
  }
}
