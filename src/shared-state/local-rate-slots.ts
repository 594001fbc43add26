import { DEFAULT_RATE_WINDOW_MS, type QuotaCategory, type RateSlotDecision, type RateSlotLease, type RateSlots } from '../cognito/rate-slots';

/** Settings of `LocalRateSlots`. */
export interface LocalRateSlotsOptions {
  /** Most calls Cognito may receive in any window, per category. */
  readonly ratePerSecond: Readonly<Record<QuotaCategory, number>>;
  /** The window the rate applies to (default {@link DEFAULT_RATE_WINDOW_MS}). */
  readonly rateWindowMs?: number;
  /** Clock in milliseconds; tests pass their own. */
  readonly now?: () => number;
}

/**
 * Rate slots in this process's memory: per category, the calls in flight and, for each
 * completed call, when its slot comes back. The only limit when no shared store is configured,
 * and each replica's share of the rate when the shared store cannot be reached.
 */
export class LocalRateSlots implements RateSlots {
  private readonly slots: Record<QuotaCategory, { inFlight: number; releases: number[] }> = {
    read: { inFlight: 0, releases: [] },
    write: { inFlight: 0, releases: [] },
  };
  private readonly rateWindowMs: number;
  private readonly now: () => number;

  /** @throws RangeError when a rate is not a whole number of at least 1. */
  constructor(private readonly options: LocalRateSlotsOptions) {
    for (const category of ['read', 'write'] as const) {
      const rate = options.ratePerSecond[category];
      if (!Number.isInteger(rate) || rate < 1) {
        throw new RangeError(`LocalRateSlots ratePerSecond.${category} must be a whole number of at least 1; received ${rate}`);
      }
    }
    this.rateWindowMs = options.rateWindowMs ?? DEFAULT_RATE_WINDOW_MS;
    this.now = options.now ?? Date.now;
  }

  tryTake(category: QuotaCategory): RateSlotDecision {
    const slots = this.slots[category];
    const now = this.now();
    // Completions happen in order of their release times, so the oldest are at the front.
    while (slots.releases.length > 0 && (slots.releases[0] as number) <= now) slots.releases.shift();
    if (slots.inFlight + slots.releases.length >= this.options.ratePerSecond[category]) {
      const earliest = slots.releases[0];
      return { granted: false, retryInMs: earliest === undefined ? undefined : earliest - now };
    }
    return { granted: true, lease: this.occupy(category) };
  }

  /**
   * Counts a call admitted elsewhere (by the shared store) as if admitted here, whatever the
   * rate: should this replica fall back to its local share, its own calls of the last window
   * already count against it.
   */
  occupy(category: QuotaCategory): RateSlotLease {
    const slots = this.slots[category];
    slots.inFlight += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        slots.inFlight -= 1;
        slots.releases.push(this.now() + this.rateWindowMs);
      },
    };
  }
}
