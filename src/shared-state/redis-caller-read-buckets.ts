import type { Redis } from 'ioredis';
import { hashedKeyPart } from './redis-key';
import { RedisScript } from './redis-script';
import type { BucketDecision, CallerReadBuckets } from '../limits/caller-read-buckets';

/** Settings of `RedisCallerReadBuckets`. */
export interface RedisCallerReadBucketsOptions {
  readonly redis: Redis;
  /** Start of every key (`REDIS_KEY_PREFIX`). */
  readonly keyPrefix: string;
  /** Tokens regained per second. */
  readonly ratePerSecond: number;
  /** Size of a bucket; a new caller starts full. */
  readonly burst: number;
}

/**
 * One take from one token bucket, atomically, refilled lazily from the time of the last take
 * (Redis's clock, the same for every replica). Answers -1 when granted, otherwise the seconds
 * to wait. The bucket expires when it would be full again, which is exactly a new caller's
 * bucket, so Redis keeps only the callers that spent something lately.
 *
 * KEYS[1] the bucket (hash: tokens, at). ARGV: rate per second, burst, reads.
 */
const TAKE_TOKENS = new RedisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local reads = tonumber(ARGV[3])
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1]) or burst
local at = tonumber(stored[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
local granted = reads <= tokens
if granted then tokens = tokens - reads end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
if granted then return -1 end
return math.max(1, math.ceil((math.min(reads, burst) - tokens) / rate))
`);

/**
 * Per-caller token buckets in Redis, shared by every replica, with the same arithmetic as
 * `InMemoryCallerReadBuckets`: a caller gets its rate once, however many replicas serve it.
 * Caller ids (`<pool>/<sub>`) are hashed in keys. Rejects when Redis fails; the fallback
 * decides what to do.
 */
export class RedisCallerReadBuckets implements CallerReadBuckets {
  constructor(private readonly options: RedisCallerReadBucketsOptions) {}

  async take(callerId: string, reads: number): Promise<BucketDecision> {
    const { redis, keyPrefix, ratePerSecond, burst } = this.options;
    const reply = await TAKE_TOKENS.run(redis, [`${keyPrefix}bucket:${hashedKeyPart(callerId)}`], [ratePerSecond, burst, reads]);
    return reply === -1 ? { granted: true } : { granted: false, retryAfterSeconds: Number(reply) };
  }
}
