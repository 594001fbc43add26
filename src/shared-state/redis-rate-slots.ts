import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisScript } from './redis-script';
import { DEFAULT_RATE_WINDOW_MS, type QuotaCategory, type RateSlotDecision, type RateSlots } from '../cognito/rate-slots';

/** Settings of `RedisRateSlots`. */
export interface RedisRateSlotsOptions {
  readonly redis: Redis;
  /** Start of every key (`REDIS_KEY_PREFIX`). */
  readonly keyPrefix: string;
  /** Most calls Cognito may receive in any window from all replicas together, per category. */
  readonly ratePerSecond: Readonly<Record<QuotaCategory, number>>;
  /** The window the rate applies to (default {@link DEFAULT_RATE_WINDOW_MS}). */
  readonly rateWindowMs?: number;
  /**
   * How long a lease counts as in flight if its replica never reports the call's completion (it
   * crashed, or lost Redis): longer than any one HTTP attempt can last, so a live call's slot is
   * never given back early.
   */
  readonly leaseSafetyMs: number;
  /** How soon to ask again when every slot is held by calls still in flight somewhere (default 50 ms). */
  readonly pollMs?: number;
  /** Hears a failed release (the lease then stays counted until its safety expiry). */
  readonly onReleaseError: (error: unknown) => void;
}

/**
 * Admission, atomically: drop leases whose time is up, count the rest, and add a lease if under
 * the rate. Answers -1 when granted, otherwise the milliseconds until a slot may come back.
 * Time is Redis's own clock, so replicas' clocks never disagree about a window.
 *
 * KEYS[1] in-flight leases (score: safety expiry), KEYS[2] released leases (score: when the slot
 * comes back). ARGV: rate, lease id, safety ms, poll ms.
 */
const TAKE_SLOT = new RedisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local held = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])
if held < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return -1
end
local earliest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if earliest[2] then return math.max(1, tonumber(earliest[2]) - now) end
return tonumber(ARGV[4])
`);

/**
 * Completion: the lease leaves the in-flight set and its slot comes back one window from now.
 * Added to the released set even if its safety expiry already dropped it, so a call that ran
 * that long still counts for the window after it.
 *
 * KEYS as above. ARGV: lease id, window ms.
 */
const RELEASE_SLOT = new RedisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]) + 1000)
return 1
`);

/**
 * Rate slots in Redis, shared by every replica: per category, a sorted set of leases in flight
 * and a sorted set of leases released, each scored by when it stops counting. A call holds its
 * lease from admission until one window after it completes, exactly as `LocalRateSlots` holds
 * a slot, so all replicas together keep the rate on what Cognito receives.
 *
 * Every failure errs on the side of Cognito: a reply lost to a timeout leaves an unused lease
 * that counts until its safety expiry, and a release that fails leaves the lease in flight
 * until then. Rejects when Redis fails; the fallback decides what to do.
 */
export class RedisRateSlots implements RateSlots {
  private readonly replicaTag = randomBytes(6).toString('base64url');
  private nextLease = 0;
  private readonly rateWindowMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: RedisRateSlotsOptions) {
    this.rateWindowMs = options.rateWindowMs ?? DEFAULT_RATE_WINDOW_MS;
    this.pollMs = options.pollMs ?? 50;
  }

  async tryTake(category: QuotaCategory): Promise<RateSlotDecision> {
    const keys = this.keysOf(category);
    this.nextLease += 1;
    const leaseId = `${this.replicaTag}:${this.nextLease}`;
    const reply = await TAKE_SLOT.run(this.options.redis, keys, [
      this.options.ratePerSecond[category],
      leaseId,
      this.options.leaseSafetyMs,
      this.pollMs,
    ]);
    if (reply !== -1) return { granted: false, retryInMs: Number(reply) };
    let released = false;
    return {
      granted: true,
      lease: {
        release: () => {
          if (released) return;
          released = true;
          RELEASE_SLOT.run(this.options.redis, keys, [leaseId, this.rateWindowMs]).catch(this.options.onReleaseError);
        },
      },
    };
  }

  /** One hash tag per category, so both sets sit in one slot of a Redis Cluster. */
  private keysOf(category: QuotaCategory): [string, string] {
    const base = `${this.options.keyPrefix}{rate:${category}}`;
    return [`${base}:in-flight`, `${base}:released`];
  }
}
