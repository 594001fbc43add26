import type { SharedStateSwitch } from './shared-state-switch';
import type { BucketDecision, CallerReadBuckets } from '../limits/caller-read-buckets';
import type { InMemoryCallerReadBuckets } from './local-caller-read-buckets';
import type { RedisCallerReadBuckets } from './redis-caller-read-buckets';

/**
 * Caller buckets in Redis while Redis answers, and in this replica's memory (refilling at
 * this replica's share of the rate) while it does not.
 */
export class FallbackCallerReadBuckets implements CallerReadBuckets {
  constructor(
    private readonly shared: RedisCallerReadBuckets,
    private readonly local: InMemoryCallerReadBuckets,
    private readonly sharedState: SharedStateSwitch,
  ) {}

  async take(callerId: string, reads: number): Promise<BucketDecision> {
    if (this.sharedState.usingRedis) {
      try {
        return await this.shared.take(callerId, reads);
      } catch (error) {
        this.sharedState.failed(error);
      }
    }
    return this.local.take(callerId, reads);
  }
}
