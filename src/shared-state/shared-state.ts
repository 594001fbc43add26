import type { PageCache } from '../cache/page-cache';
import type { RateSlots } from '../cognito/rate-slots';
import type { CallerReadBuckets } from '../limits/caller-read-buckets';
import type { SharedStateHealth } from './shared-state-switch';

/** The state that replicas may share, each behind its interface, chosen once here. */
export interface SharedState {
  /** Where the guard takes Cognito rate slots. */
  readonly rateSlots: RateSlots;
  /** Per-caller buckets of Cognito reads. */
  readonly callerBuckets: CallerReadBuckets;
  /** The page cache; undefined when `PAGE_CACHE_TTL_MS` is 0. */
  readonly pageCache: PageCache | undefined;
  /** Where the state lives right now (`redis`, `local-fallback`, `local`). */
  readonly health: SharedStateHealth;
  /** Stops probing and closes the Redis connection, if any. */
  close(): Promise<void>;
}
