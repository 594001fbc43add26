import { FallbackPageCache } from './fallback-page-cache';
import { type PageCache } from '../cache/page-cache';
import { InMemoryPageCache } from './local-page-cache';
import { RedisPageCache } from './redis-page-cache';
import { FallbackRateSlots } from './fallback-rate-slots';
import { type RateSlots } from '../cognito/rate-slots';
import { LocalRateSlots } from './local-rate-slots';
import { RedisRateSlots } from './redis-rate-slots';
import type { GatewayConfig } from '../config/config';
import { type CallerReadBuckets } from '../limits/caller-read-buckets';
import { InMemoryCallerReadBuckets } from './local-caller-read-buckets';
import { FallbackCallerReadBuckets } from './fallback-caller-read-buckets';
import { RedisCallerReadBuckets } from './redis-caller-read-buckets';
import type { GatewayLogger } from '../logging/logger';
import { openRedisConnection } from './redis-connection';
import { type SharedStateHealth, SharedStateSwitch } from './shared-state-switch';

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

  let sharedState: SharedStateSwitch | undefined;
  let startupError: Error | undefined;
  // Connection errors (Redis gone, refused) switch to the fallback before any command fails.
  const { redis, ready } = await openRedisConnection(redisConfig, (error) => {
    if (sharedState === undefined) startupError ??= error;
    else sharedState.failed(error);
  });
  sharedState = new SharedStateSwitch({ probe: () => redis.ping(), logger, startInRedis: ready, startupError });
  const { keyPrefix } = redisConfig;
  const rateSlots = new FallbackRateSlots(
    new RedisRateSlots({
      redis,
      keyPrefix,
      ratePerSecond: { read: limits.readsPerSecond, write: limits.writesPerSecond },
      // Longer than one HTTP attempt can last (connect, then the request), with room to spare.
      leaseSafetyMs: limits.connectionTimeoutMs + limits.requestTimeoutMs + 2000,
      onReleaseError: (error) => sharedState?.failed(error),
    }),
    localRateSlots,
    sharedState,
  );
  const callerBuckets = new FallbackCallerReadBuckets(
    new RedisCallerReadBuckets({
      redis,
      keyPrefix,
      ratePerSecond: config.fairUse.callerReadsPerSecond,
      burst: config.fairUse.callerReadBurst,
    }),
    localBuckets,
    sharedState,
  );
  const pageCache =
    localPageCache === undefined
      ? undefined
      : new FallbackPageCache(
          new RedisPageCache({ redis, keyPrefix, ttlMs, generationTtlMs: ttlMs + limits.requestDeadlineMs + 1000 }),
          localPageCache,
          sharedState,
        );
  const health = sharedState;
  return {
    rateSlots,
    callerBuckets,
    pageCache,
    health,
    close: async () => {
      health.close();
      // QUIT lets the last releases reach Redis; when Redis is gone there is nothing to wait for.
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
