import type { GatewayConfig, RedisConfig } from '../config/config';
import type { GatewayLogger } from '../logging/logger';
import type { SharedState } from './shared-state';
import type { InMemoryCallerReadBuckets } from './local-caller-read-buckets';
import type { InMemoryPageCache } from './local-page-cache';
import type { LocalRateSlots } from './local-rate-slots';
import { FallbackCallerReadBuckets } from './fallback-caller-read-buckets';
import { FallbackPageCache } from './fallback-page-cache';
import { FallbackRateSlots } from './fallback-rate-slots';
import { RedisCallerReadBuckets } from './redis-caller-read-buckets';
import { openRedisConnection } from './redis-connection';
import { RedisPageCache } from './redis-page-cache';
import { RedisRateSlots } from './redis-rate-slots';
import { SharedStateSwitch } from './shared-state-switch';

/** This process's own state, which the Redis state falls back to. */
export interface LocalSharedState {
  readonly rateSlots: LocalRateSlots;
  readonly callerBuckets: InMemoryCallerReadBuckets;
  readonly pageCache: InMemoryPageCache | undefined;
}

/**
 * The shared state in Redis (`REDIS_URL`), with `local` as the fallback while Redis cannot be
 * reached: one switch for all three kinds of state (see `SharedStateSwitch`).
 */
export async function createRedisSharedState(
  config: GatewayConfig,
  redisConfig: RedisConfig,
  logger: GatewayLogger,
  local: LocalSharedState,
): Promise<SharedState> {
  const limits = config.upstreamLimits;
  const { ttlMs } = config.pageCache;
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
    local.rateSlots,
    sharedState,
  );
  const callerBuckets = new FallbackCallerReadBuckets(
    new RedisCallerReadBuckets({
      redis,
      keyPrefix,
      ratePerSecond: config.fairUse.callerReadsPerSecond,
      burst: config.fairUse.callerReadBurst,
    }),
    local.callerBuckets,
    sharedState,
  );
  const pageCache =
    local.pageCache === undefined
      ? undefined
      : new FallbackPageCache(
          new RedisPageCache({ redis, keyPrefix, ttlMs, generationTtlMs: ttlMs + limits.requestDeadlineMs + 1000 }),
          local.pageCache,
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
