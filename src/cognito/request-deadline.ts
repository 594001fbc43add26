import { setMaxListeners } from 'node:events';

/**
 * A request's deadline for its upstream work, counted from the request's start. Its abort
 * signal is made on first use: most requests answered from the page cache, or refused before
 * reading, never need one, and each costs a timer.
 */
export class RequestDeadline {
  private readonly startedAt = Date.now();
  private made: AbortSignal | undefined;

  constructor(private readonly deadlineMs: number) {}

  /** Aborts when the deadline passes: queued upstream calls leave the queue, running ones are cancelled. */
  get signal(): AbortSignal {
    if (this.made === undefined) {
      const remaining = this.deadlineMs - (Date.now() - this.startedAt);
      this.made = remaining > 0 ? AbortSignal.timeout(remaining) : AbortSignal.abort(new DOMException('The request deadline passed', 'TimeoutError'));
      // Every upstream attempt of the request listens to this signal; a federated `_entities`
      // call for many users legitimately has more than Node's default of ten listeners at once.
      setMaxListeners(0, this.made);
    }
    return this.made;
  }
}
