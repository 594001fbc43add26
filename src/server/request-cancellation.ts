import { setMaxListeners } from 'node:events';

/**
 * When one request's upstream work stops: at its deadline, counted from the moment the request
 * arrived, or as soon as its client goes away (nobody is left to read the answer, so Cognito's
 * quota would be spent for nobody). Queued upstream calls leave the guard's queue, running ones
 * are cancelled, and no new one starts.
 *
 * The abort signal and its timer are made on first use: most requests, answered from the page
 * cache or refused before reading, never need one. The HTTP layer owns it and calls `dispose`
 * when the request ends, so no timer outlives its request.
 */
export class RequestCancellation {
  private readonly startedAt = Date.now();
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private cancelledBy: unknown;

  constructor(private readonly deadlineMs: number) {}

  /** Aborts at the deadline or when the client leaves, whichever comes first. */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      const controller = new AbortController();
      // Every upstream attempt of the request listens to this signal; a federated `_entities`
      // call for many users legitimately has more than Node's default of ten listeners at once.
      setMaxListeners(0, controller.signal);
      this.controller = controller;
      const remaining = this.deadlineMs - (Date.now() - this.startedAt);
      if (this.cancelledBy !== undefined) {
        controller.abort(this.cancelledBy);
      } else if (remaining <= 0) {
        controller.abort(deadlinePassed());
      } else {
        this.timer = setTimeout(() => controller.abort(deadlinePassed()), remaining);
        // A request's deadline must not keep a stopping process alive.
        this.timer.unref();
      }
    }
    return this.controller.signal;
  }

  /**
   * Throws why the request's upstream work stopped (its client left, its deadline passed), if it
   * did, without making the signal: a read answered from the page cache then costs no timer.
   */
  throwIfCancelled(): void {
    if (this.cancelledBy !== undefined) throw this.cancelledBy;
    if (this.controller !== undefined) {
      this.controller.signal.throwIfAborted();
      return;
    }
    if (Date.now() - this.startedAt >= this.deadlineMs) throw deadlinePassed();
  }

  /** Whether the client went away. */
  get clientGone(): boolean {
    return this.cancelledBy !== undefined;
  }

  /** The client went away: abort everything the request still has under way or will start. */
  cancelForClientGone(): void {
    if (this.cancelledBy !== undefined) return;
    this.cancelledBy = new DOMException('The client closed the connection before its answer was sent', 'AbortError');
    clearTimeout(this.timer);
    this.controller?.abort(this.cancelledBy);
  }

  /** The request ended: its deadline timer is no longer needed. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function deadlinePassed(): DOMException {
  return new DOMException('The request deadline passed', 'TimeoutError');
}
