import { GatewayError, GatewayErrorCode } from '../errors/gateway-errors';
import type { GatewayTracer } from '../tracing/gateway-tracer';
import { type QuotaCategory, type RateSlotDecision, type RateSlotLease, type RateSlots } from './rate-slots';

export type { QuotaCategory } from './rate-slots';

/** Limits of an `UpstreamGuard`. */
export interface UpstreamGuardOptions {
  /** Most calls in flight at once, in this process. */
  readonly maxConcurrency: number;
  /** Calls allowed to wait; past that, new calls fail fast with `RATE_LIMITED`. */
  readonly maxQueue: number;
  /** Where rate slots are taken: this process's (`LocalRateSlots`) or a store shared by replicas. */
  readonly rateSlots: RateSlots;
  /** When tracing is on: a call that must wait for its slot gets a span for the wait. */
  readonly tracer?: GatewayTracer | undefined;
}

interface Waiter {
  readonly category: QuotaCategory;
  readonly start: (lease: RateSlotLease) => void;
  readonly fail: (error: unknown) => void;
}

/**
 * Admits upstream calls one HTTP attempt at a time: at most `maxConcurrency` in flight, at
 * most the rate of each category arriving at Cognito in any rate window, FIFO within a
 * category, waiting while the queue is short and failing fast when it is not. A waiting call
 * whose signal aborts (the GraphQL request's deadline passed) leaves the queue at once; a
 * running one releases its slot when it settles.
 *
 * The rate is enforced on what Cognito sees, not on when calls were admitted here: a call holds
 * its rate slot from admission until one window after it completes. Whatever delays a call
 * between admission and the wire (a busy event loop, signing, a slow network), it reaches
 * Cognito between those two instants, so no `rate + 1` calls can ever arrive within one
 * window. Counting admissions alone does not hold: calls admitted late in one window and
 * dispatched late arrive together with the next window's. The slots themselves are behind
 * `RateSlots`, so replicas can hold them in one shared store and keep that guarantee together;
 * the concurrency cap and the queue are always this process's.
 *
 * Written here rather than taken from a library because none that is maintained and loads
 * as CommonJS combines a concurrency cap, per-category rates counted until completion and a
 * bounded queue with AbortSignal support (bottleneck has no AbortSignal and is unmaintained since
 * 2019; p-queue has no per-category rates and is ESM-only).
 */
export class UpstreamGuard {
  /** Calls running, plus calls holding a concurrency slot while their rate slot is asked for. */
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  private readonly rateSlots: RateSlots;
  /** Categories told to wait: not asked again until their timer fires. */
  private readonly blocked = new Set<QuotaCategory>();
  /** Categories whose first waiter's rate slot is being asked of a shared store (FIFO: one at a time). */
  private readonly asking = new Set<QuotaCategory>();

  constructor(private readonly options: UpstreamGuardOptions) {
    if (!Number.isInteger(options.maxConcurrency) || options.maxConcurrency < 1) {
      throw new RangeError(`UpstreamGuard maxConcurrency must be a whole number of at least 1; received ${options.maxConcurrency}`);
    }
    this.rateSlots = options.rateSlots;
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
    const lease = (await this.admitAtOnce(category, signal)) ?? (await this.waitForSlot(category, signal));
    try {
      return await task();
    } finally {
      this.inFlight -= 1;
      lease.release();
      this.drain();
    }
  }

  /** A lease when nobody waits and a slot is free now; undefined when the call must queue. */
  private async admitAtOnce(category: QuotaCategory, signal: AbortSignal | undefined): Promise<RateSlotLease | undefined> {
    if (this.queue.length > 0 || this.blocked.has(category) || this.inFlight >= this.options.maxConcurrency) return undefined;
    this.inFlight += 1;
    let decision: RateSlotDecision;
    try {
      decision = await this.rateSlots.tryTake(category);
    } catch (error) {
      this.inFlight -= 1;
      this.drain();
      throw error;
    }
    if (decision.granted && signal?.aborted === true) {
      // The deadline passed while a shared store answered.
      decision.lease.release();
      this.inFlight -= 1;
      this.drain();
      signal.throwIfAborted();
    }
    if (decision.granted) return decision.lease;
    this.inFlight -= 1;
    this.blockFor(category, decision.retryInMs);
    return undefined;
  }

  /** `enqueue`, in a span of its own when tracing is on: time spent waiting here is time Cognito never saw. */
  private waitForSlot(category: QuotaCategory, signal: AbortSignal | undefined): Promise<RateSlotLease> {
    const { tracer } = this.options;
    if (tracer === undefined) return this.enqueue(category, signal);
    const attributes = { 'cognito.quota_category': category, 'cognito.guard.waiting': this.queue.length, 'cognito.guard.active': this.inFlight };
    return tracer.inSpan('cognito rate slot wait', { attributes }, () => this.enqueue(category, signal));
  }

  private enqueue(category: QuotaCategory, signal: AbortSignal | undefined): Promise<RateSlotLease> {
    // It may have aborted while the call was offered a slot at once.
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    if (this.queue.length >= this.options.maxQueue) {
      return Promise.reject(
        new GatewayError(
          'The gateway is at its limit of Cognito calls; try again shortly.',
          { code: GatewayErrorCode.RATE_LIMITED, retryAfterSeconds: 1 },
        ),
      );
    }
    return new Promise<RateSlotLease>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        category,
        start: (lease) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(lease);
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.drain();
    });
  }

  /** Starts every waiter that may start now, in order, skipping categories still rate-limited. */
  private drain(): void {
    const refused = new Set<QuotaCategory>();
    for (let index = 0; index < this.queue.length && this.inFlight < this.options.maxConcurrency; ) {
      const waiter = this.queue[index] as Waiter;
      const { category } = waiter;
      if (refused.has(category) || this.blocked.has(category) || this.asking.has(category)) {
        index += 1;
        continue;
      }
      // The concurrency slot is held while the rate slot is asked for, so a slot taken in a
      // shared store is never held by a call that then waits for concurrency.
      this.inFlight += 1;
      const decision = this.rateSlots.tryTake(category);
      if (decision instanceof Promise) {
        this.asking.add(category);
        decision.then(
          (answer) => {
            this.asking.delete(category);
            this.settle(waiter, answer);
            this.drain();
          },
          (error: unknown) => {
            this.asking.delete(category);
            this.inFlight -= 1;
            const at = this.queue.indexOf(waiter);
            if (at >= 0) this.queue.splice(at, 1);
            waiter.fail(error);
            this.drain();
          },
        );
        index += 1;
      } else if (!this.settle(waiter, decision)) {
        refused.add(category);
        index += 1;
      }
    }
  }

  /** Starts `waiter` with a granted slot (true), or gives the concurrency slot back (false). */
  private settle(waiter: Waiter, decision: RateSlotDecision): boolean {
    if (!decision.granted) {
      this.inFlight -= 1;
      this.blockFor(waiter.category, decision.retryInMs);
      return false;
    }
    const index = this.queue.indexOf(waiter);
    if (index === -1) {
      // It left the queue (its deadline) while a shared store answered.
      decision.lease.release();
      this.inFlight -= 1;
      return false;
    }
    this.queue.splice(index, 1);
    waiter.start(decision.lease);
    return true;
  }

  /**
   * When only the rate holds waiters back, nothing else will wake them: a timer must. Without a
   * time to wait for, every slot is held by a call running here, whose completion drains.
   */
  private blockFor(category: QuotaCategory, retryInMs: number | undefined): void {
    if (retryInMs === undefined || this.blocked.has(category)) return;
    this.blocked.add(category);
    const timer = setTimeout(() => {
      this.blocked.delete(category);
      this.drain();
    }, Math.max(1, retryInMs + 1));
    // A pending wake-up must not keep a stopping process alive.
    timer.unref();
  }
}
