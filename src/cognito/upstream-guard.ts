import { GatewayError, GatewayErrorCode } from '../errors/gateway-errors';

/**
 * Cognito's quota categories: reads (`AdminListUserAuthEvents`, `UserResourceRead`, about 50
 * a second) and feedback updates (`UserResourceUpdate`, about 25 a second). Both are per AWS
 * account and shared with every other app, so the gateway keeps below them itself.
 */
export type QuotaCategory = 'read' | 'write';

/** Limits of an `UpstreamGuard`. */
export interface UpstreamGuardOptions {
  /** Most calls in flight at once, process-wide. */
  readonly maxConcurrency: number;
  /** Most calls Cognito may receive in any second, per category. */
  readonly ratePerSecond: Readonly<Record<QuotaCategory, number>>;
  /** Calls allowed to wait; past that, new calls fail fast with `RATE_LIMITED`. */
  readonly maxQueue: number;
  /** The window the rate applies to; a second plus a little for millisecond rounding. */
  readonly rateWindowMs?: number;
  /** Clock in milliseconds. */
  readonly now?: () => number;
}

interface Waiter {
  readonly category: QuotaCategory;
  readonly start: () => void;
}

/**
 * Admits upstream calls one HTTP attempt at a time: at most `maxConcurrency` in flight, at
 * most `ratePerSecond[category]` arriving at Cognito in any rate window, FIFO within a
 * category, waiting while the queue is short and failing fast when it is not. A waiting call
 * whose signal aborts (the GraphQL request's deadline passed) leaves the queue at once; a
 * running one releases its slot when it settles.
 *
 * The rate is enforced on what Cognito sees, not on when calls were admitted here: a call holds
 * its rate slot from admission until one window after it completes. Whatever delays a call
 * between admission and the wire (a busy event loop, signing, a slow network), it reaches
 * Cognito between those two instants, so no `rate + 1` calls can ever arrive within one
 * window. Counting admissions alone does not hold: calls admitted late in one window and
 * dispatched late arrive together with the next window's.
 *
 * Written here rather than taken from a library because none that is maintained and loads
 * as CommonJS combines a concurrency cap, per-category rates counted until completion and a
 * bounded queue with AbortSignal support (bottleneck has no AbortSignal and is unmaintained since
 * 2019; p-queue has no per-category rates and is ESM-only).
 */
export class UpstreamGuard {
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  /** Per category: calls in flight, and when each completed call gives its rate slot back. */
  private readonly rateSlots: Record<QuotaCategory, { inFlight: number; releases: number[] }> = {
    read: { inFlight: 0, releases: [] },
    write: { inFlight: 0, releases: [] },
  };
  private timer: NodeJS.Timeout | undefined;
  private readonly rateWindowMs: number;
  private readonly now: () => number;

  constructor(private readonly options: UpstreamGuardOptions) {
    for (const [name, value] of Object.entries({
      maxConcurrency: options.maxConcurrency,
      'ratePerSecond.read': options.ratePerSecond.read,
      'ratePerSecond.write': options.ratePerSecond.write,
    })) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`UpstreamGuard ${name} must be a whole number of at least 1; received ${value}`);
      }
    }
    this.rateWindowMs = options.rateWindowMs ?? 1010;
    this.now = options.now ?? Date.now;
  }

  /** Calls in flight now. */
  get active(): number {
    return this.inFlight;
  }

  /** Calls waiting now. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs `task` once a slot and the rate allow it.
   *
   * @throws GatewayError `RATE_LIMITED` when the queue is full; the signal's reason when it aborts first.
   */
  async run<T>(category: QuotaCategory, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    if (this.queue.length === 0 && this.canStart(category)) {
      this.begin(category);
    } else {
      await this.enqueue(category, signal);
    }
    try {
      return await task();
    } finally {
      this.inFlight -= 1;
      const slots = this.rateSlots[category];
      slots.inFlight -= 1;
      slots.releases.push(this.now() + this.rateWindowMs);
      this.drain();
    }
  }

  private enqueue(category: QuotaCategory, signal: AbortSignal | undefined): Promise<void> {
    if (this.queue.length >= this.options.maxQueue) {
      return Promise.reject(
        new GatewayError(
          'The gateway is at its limit of Cognito calls; try again shortly.',
          { code: GatewayErrorCode.RATE_LIMITED, retryAfterSeconds: 1 },
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        category,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.drain();
    });
  }

  /** Starts every waiter that may start now, in order, skipping categories still rate-limited. */
  private drain(): void {
    for (let index = 0; index < this.queue.length && this.inFlight < this.options.maxConcurrency; ) {
      const waiter = this.queue[index] as Waiter;
      if (this.canStart(waiter.category)) {
        this.queue.splice(index, 1);
        this.begin(waiter.category);
        waiter.start();
      } else {
        index += 1;
      }
    }
    this.scheduleRateWakeUp();
  }

  private canStart(category: QuotaCategory): boolean {
    if (this.inFlight >= this.options.maxConcurrency) return false;
    const slots = this.rateSlots[category];
    const now = this.now();
    // Completions happen in order of their release times, so the oldest are at the front.
    while (slots.releases.length > 0 && (slots.releases[0] as number) <= now) slots.releases.shift();
    return slots.inFlight + slots.releases.length < this.options.ratePerSecond[category];
  }

  private begin(category: QuotaCategory): void {
    this.inFlight += 1;
    this.rateSlots[category].inFlight += 1;
  }

  /** When only the rate holds waiters back, nothing else will wake them: a timer must. */
  private scheduleRateWakeUp(): void {
    if (this.timer !== undefined || this.queue.length === 0 || this.inFlight >= this.options.maxConcurrency) return;
    // Only a pending release can unblock a waiter here; completions call drain() themselves.
    const releases = this.queue.flatMap((waiter) => this.rateSlots[waiter.category].releases.slice(0, 1));
    if (releases.length === 0) return;
    const earliest = Math.min(...releases);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, Math.max(1, earliest - this.now() + 1));
    // A pending wake-up must not keep a stopping process alive.
    this.timer.unref();
  }
}
