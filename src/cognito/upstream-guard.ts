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
  /** Most call starts in any window of `rateWindowMs`, per category. */
  readonly ratePerSecond: Readonly<Record<QuotaCategory, number>>;
  /** Calls allowed to wait; past that, new calls fail fast with `RATE_LIMITED`. */
  readonly maxQueue: number;
  /**
   * The window the rate applies to. A little over a second, so that network jitter between
   * here and Cognito never lets Cognito see more than the rate in any one second.
   */
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
 * most `ratePerSecond[category]` starts in any rate window (a sliding-window log, so bursts
 * never exceed the rate either), FIFO within a category, waiting while the queue is short and
 * failing fast when it is not. A waiting call whose signal aborts (the GraphQL request's
 * deadline passed) leaves the queue at once; a running one releases its slot when it settles.
 *
 * Written here rather than taken from a library because none that is maintained and loads
 * as CommonJS combines a concurrency cap, a per-category sliding-window rate and a bounded
 * queue with AbortSignal support (bottleneck has no AbortSignal and is unmaintained since
 * 2019; p-queue has no per-category rates and is ESM-only).
 */
export class UpstreamGuard {
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  private readonly recentStarts: Record<QuotaCategory, number[]> = { read: [], write: [] };
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
    this.rateWindowMs = options.rateWindowMs ?? 1050;
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
    const starts = this.recentStarts[category];
    const windowStart = this.now() - this.rateWindowMs;
    while (starts.length > 0 && (starts[0] as number) <= windowStart) starts.shift();
    return starts.length < this.options.ratePerSecond[category];
  }

  private begin(category: QuotaCategory): void {
    this.inFlight += 1;
    this.recentStarts[category].push(this.now());
  }

  /** When only the rate holds waiters back, nothing else will wake them: a timer must. */
  private scheduleRateWakeUp(): void {
    if (this.timer !== undefined || this.queue.length === 0 || this.inFlight >= this.options.maxConcurrency) return;
    const earliest = Math.min(
      ...this.queue.map((waiter) => (this.recentStarts[waiter.category][0] ?? this.now()) + this.rateWindowMs),
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, Math.max(1, earliest - this.now() + 1));
    // A pending wake-up must not keep a stopping process alive.
    this.timer.unref();
  }
}
