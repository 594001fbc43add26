import type { SharedStateSwitch } from './shared-state-switch';
import type { QuotaCategory, RateSlotDecision, RateSlots } from '../cognito/rate-slots';
import type { LocalRateSlots } from './local-rate-slots';
import type { RedisRateSlots } from './redis-rate-slots';

/**
 * Rate slots in Redis while Redis answers, and this replica's share of the rate
 * (`COGNITO_*_RPS / GATEWAY_REPLICAS`) in its own memory while it does not. A failed admission
 * is answered locally at once, so a Redis outage costs a request one command timeout at most.
 * Every call this replica makes holds a local slot too, so the share it falls back to starts
 * from what it really sent in the last window, not from nothing.
 */
export class FallbackRateSlots implements RateSlots {
  constructor(
    private readonly shared: RedisRateSlots,
    private readonly local: LocalRateSlots,
    private readonly sharedState: SharedStateSwitch,
  ) {}

  tryTake(category: QuotaCategory): RateSlotDecision | Promise<RateSlotDecision> {
    if (!this.sharedState.usingRedis) return this.local.tryTake(category);
    return this.shared.tryTake(category).then(
      (decision): RateSlotDecision => {
        if (!decision.granted) return decision;
        // Counted locally too, so that right after a switch to the fallback this replica's
        // share already holds the calls it just made through Redis.
        const local = this.local.occupy(category);
        return {
          granted: true,
          lease: {
            release: () => {
              decision.lease.release();
              local.release();
            },
          },
        };
      },
      (error: unknown) => {
        this.sharedState.failed(error);
        return this.local.tryTake(category);
      },
    );
  }
}
