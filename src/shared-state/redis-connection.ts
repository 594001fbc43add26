import { Redis } from 'ioredis';
import type { RedisConfig } from '../config/config';

/** A Redis connection, and whether it answered at start-up. */
export interface OpenedRedisConnection {
  readonly redis: Redis;
  /** False when Redis did not answer at start-up: the gateway starts on local state and keeps trying. */
  readonly ready: boolean;
}

/** Longest the gateway waits for Redis at start-up before it starts on local state. */
const STARTUP_WAIT_MS = 2000;

/**
 * Opens the gateway's one Redis connection (ioredis; `rediss://` brings TLS), set so that Redis
 * can never hold a request up for long: every command fails after `commandTimeoutMs`, nothing
 * queues while the connection is down, and nothing is retried (the caller falls back to local
 * state instead). The connection itself is retried in the background, at most every second.
 *
 * @param onError hears every connection error; ioredis would print them otherwise.
 */
export async function openRedisConnection(config: RedisConfig, onError: (error: Error) => void): Promise<OpenedRedisConnection> {
  const redis = new Redis(config.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: config.commandTimeoutMs,
    connectTimeout: Math.max(1000, config.commandTimeoutMs),
    retryStrategy: (attempts) => Math.min(100 * attempts, 1000),
    connectionName: 'cognito-auth-events-gateway',
  });
  redis.on('error', onError);
  let timer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([
    redis.connect().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), STARTUP_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  return { redis, ready };
}
