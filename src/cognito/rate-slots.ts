/**
 * Cognito's quota categories: reads (`AdminListUserAuthEvents`, `UserResourceRead`, about 50
 * a second) and feedback updates (`UserResourceUpdate`, about 25 a second). Both are per AWS
 * account and shared with every other app, so the gateway keeps below them itself.
 */
export type QuotaCategory = 'read' | 'write';

/** The window a rate applies to: a second plus a little for millisecond rounding. */
export const DEFAULT_RATE_WINDOW_MS = 1010;

/** A rate slot held by one call. */
export interface RateSlotLease {
  /** The call completed: its slot comes back one window from now. Call it once. */
  release(): void;
}

/** The answer to a request for a rate slot. */
export type RateSlotDecision =
  | { readonly granted: true; readonly lease: RateSlotLease }
  /**
   * No slot now. `retryInMs`: when one may come back; undefined when every slot is held by a
   * call still in flight here, whose completion will wake the caller anyway.
   */
  | { readonly granted: false; readonly retryInMs: number | undefined };

/**
 * Where the guard takes each call's rate slot: in this process, or in a store that every
 * replica shares. A slot is held from admission until one window after the call completes (see
 * `UpstreamGuard`), so whichever implementation holds them, no `rate + 1` calls can reach
 * Cognito within one window.
 */
export interface RateSlots {
  /**
   * Takes a slot of `category` if the rate allows one now. Synchronous when the slots live in
   * this process, so the guard admits without a turn of the event loop; a promise when they
   * live in a shared store.
   */
  tryTake(category: QuotaCategory): RateSlotDecision | Promise<RateSlotDecision>;
}
