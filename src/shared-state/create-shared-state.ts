import type { GatewayConfig } from '../config/config';
import type { GatewayLogger } from '../logging/logger';
import { InMemoryCallerReadBuckets } from './local-caller-read-buckets';
import { InMemoryPageCache } from './local-page-cache';
import { LocalRateSlots } from './local-rate-slots';
import type { SharedState } from './shared-state';

export type { SharedState } from './shared-state';

/** The clock local state is measured on; tests set it, so a TTL can pass without a wait. */
export interface SharedStateClock {
  /** Milliseconds; default: each structure's own clock. */
  readonly now?: () => number;
}

/** Most callers whose buckets one process remembers. */
const MAX_LOCAL_CALLERS = 100_000;

/**
 * Builds the shared state from configuration, once, at start-up: in this process's memory
 * without `REDIS_URL`; in Redis with this process's memory as the fallback with it. Nothing
 * else in the gateway knows which it got.
 *
 * Local limits are this replica's share of each rate (`rate / GATEWAY_REPLICAS`, rounded down,
 * at least 1): what keeps replicas that cannot share state within the quota together. With the
 * default of one replica, that is the whole rate.
 */
export async function createSharedState(config: GatewayConfig, logger: GatewayLogger, clock: SharedStateClock = {}): Promise<SharedState> {
  const { replicas, redis: redisConfig } = config.sharedState;
  const limits = config.upstreamLimits;
  const share = (rate: number) => Math.max(1, Math.floor(rate / replicas));
  const localRateSlots = new LocalRateSlots({ ratePerSecond: { read: share(limits.readsPerSecond), write: share(limits.writesPerSecond) } });
  const localBuckets = new InMemoryCallerReadBuckets({
    ratePerSecond: config.fairUse.callerReadsPerSecond / replicas,
    burst: config.fairUse.callerReadBurst,
    maxCallers: MAX_LOCAL_CALLERS,
  });
  const { ttlMs } = config.pageCache;
  const localPageCache =
    ttlMs === 0
      ? undefined
      : new InMemoryPageCache({
          ttlMs,
          maxEntries: config.pageCache.maxEntries,
          maxBytes: config.pageCache.maxBytes,
          ...(clock.now === undefined ? {} : { now: clock.now }),
        });

  if (redisConfig === undefined) {
    const since = Date.now();
    return {
      rateSlots: localRateSlots,
      callerBuckets: localBuckets,
      pageCache: localPageCache,
      health: { status: () => ({ mode: 'local', since }) },
      close: async () => undefined,
    };
  }

  // Loaded only here: a gateway without Redis never loads ioredis or the Redis scripts.
  const { createRedisSharedState } = await import('./redis-shared-state');
  return createRedisSharedState(config, redisConfig, logger, { rateSlots: localRateSlots, callerBuckets: localBuckets, pageCache: localPageCache });
}
