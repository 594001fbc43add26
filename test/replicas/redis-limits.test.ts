import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { FallbackRateSlots } from '../../src/shared-state/fallback-rate-slots';
import { RedisRateSlots } from '../../src/shared-state/redis-rate-slots';
import { type RateSlotDecision } from '../../src/cognito/rate-slots';
import { LocalRateSlots } from '../../src/shared-state/local-rate-slots';
import { SharedStateSwitch } from '../../src/shared-state/shared-state-switch';
import { RedisCallerReadBuckets } from '../../src/shared-state/redis-caller-read-buckets';
import {
  type KeyspaceEvents,
  keyspaceEvents,
  keysUnder,
  type OwnRedis,
  requireRedis,
  startOwnRedis,
  testKeyPrefix,
  testRedisClient,
} from '../support/redis';

/** What a decision says, without the lease object. */
const outcome = (decision: RateSlotDecision) => (decision.granted ? 'granted' : 'refused');

describe('rate slots in Redis', () => {
  // A Redis of this file's own: its keyspace notifications are what the tests wait on.
  let redis: OwnRedis;
  let events: KeyspaceEvents;
  let first: Redis;
  let second: Redis;
  beforeAll(async () => {
    redis = await startOwnRedis();
    events = await keyspaceEvents(redis.url);
    [first, second] = [testRedisClient(redis.url), testRedisClient(redis.url)];
  });
  afterAll(async () => {
    first?.disconnect();
    second?.disconnect();
    events?.close();
    await redis?.stop();
  });

  const releaseErrors: unknown[] = [];
  afterEach(() => expect(releaseErrors).toEqual([]));

  /** Two replicas' slots over one key prefix, each with its own connection. */
  const twoReplicas = (options: { rate: number; windowMs?: number; leaseSafetyMs?: number }) => {
    const keyPrefix = testKeyPrefix('rate-slots');
    const make = (redis: Redis) =>
      new RedisRateSlots({
        redis,
        keyPrefix,
        ratePerSecond: { read: options.rate, write: 1 },
        rateWindowMs: options.windowMs ?? 1010,
        leaseSafetyMs: options.leaseSafetyMs ?? 10_000,
        onReleaseError: (error) => releaseErrors.push(error),
      });
    return { keyPrefix, a: make(first), b: make(second) };
  };

  test('grants the rate across replicas together, then tells when the first released slot comes back', async () => {
    const { keyPrefix, a, b } = twoReplicas({ rate: 3, windowMs: 400 });
    const taken = [await a.tryTake('read'), await b.tryTake('read'), await a.tryTake('read')];
    const whileAllInFlight = await b.tryTake('read');
    // The release is sent without waiting for it: what lands is its lease in the released set.
    const released = events.next('zadd', (key) => key.startsWith(keyPrefix) && key.endsWith(':released'));
    if (taken[0]?.granted === true) taken[0].lease.release();
    await released;
    const afterOneRelease = await b.tryTake('read');
    const otherCategory = await b.tryTake('write');

    expect({
      taken: taken.map(outcome),
      whileAllInFlight,
      afterOneRelease: afterOneRelease.granted ? 'granted' : { retrySoon: (afterOneRelease.retryInMs ?? 0) > 300 && (afterOneRelease.retryInMs ?? 0) <= 400 },
      otherCategory: outcome(otherCategory),
    }).toEqual({
      taken: ['granted', 'granted', 'granted'],
      // every slot is held by a call in flight somewhere: ask again shortly
      whileAllInFlight: { granted: false, retryInMs: 50 },
      // a completed call's slot comes back one window after it completed, not at once
      afterOneRelease: { retrySoon: true },
      otherCategory: 'granted',
    });
    // The one real wait: Redis's own clock (TIME, in the script) decides when the slot comes
    // back, no test can set it, and no key expires at that instant to wait on. It lasts the time
    // the slots told (plus 5 ms, as Node's timers may fire a little early), and that this time
    // is true is what is checked.
    await delay((afterOneRelease.granted ? 0 : (afterOneRelease.retryInMs ?? 0)) + 5);
    expect(outcome(await a.tryTake('read'))).toBe('granted');
  });

  test('gives back the slots of a replica that never completes its calls once their safety expiry passes', async () => {
    const { keyPrefix, a, b } = twoReplicas({ rate: 2, leaseSafetyMs: 300 });
    // The in-flight set expires with the safety expiry of its newest lease, taking every lease with it.
    const leasesExpired = events.next('expired', (key) => key.startsWith(keyPrefix) && key.endsWith(':in-flight'));
    await a.tryTake('read');
    await a.tryTake('read'); // this "replica" then crashes: no release ever comes
    const whileHeld = outcome(await b.tryTake('read'));
    await leasesExpired;

    expect({ whileHeld, afterExpiry: outcome(await b.tryTake('read')) }).toEqual({ whileHeld: 'refused', afterExpiry: 'granted' });
  });

  test('counts the calls a replica made through Redis against its local share once it falls back', async () => {
    const { a } = twoReplicas({ rate: 10 });
    const sharedState = new SharedStateSwitch({ probe: () => new Promise(() => undefined), logger: pino({ level: 'silent' }) });
    const slots = new FallbackRateSlots(a, new LocalRateSlots({ ratePerSecond: { read: 2, write: 1 } }), sharedState);
    const throughRedis = [await slots.tryTake('read'), await slots.tryTake('read'), await slots.tryTake('read')];
    for (const decision of throughRedis) if (decision.granted) decision.lease.release();
    sharedState.failed(new Error('Command timed out'));
    const afterSwitch = await slots.tryTake('read');
    sharedState.close();

    expect({ throughRedis: throughRedis.map(outcome), afterSwitch: outcome(afterSwitch), mode: sharedState.status().mode }).toEqual({
      throughRedis: ['granted', 'granted', 'granted'],
      // three calls of the last window already fill a share of two
      afterSwitch: 'refused',
      mode: 'local-fallback',
    });
  });

  test('runs again after Redis forgot its scripts (a restart)', async () => {
    const { a } = twoReplicas({ rate: 5 });
    await a.tryTake('read');
    await first.script('FLUSH');

    expect(outcome(await a.tryTake('read'))).toBe('granted');
  });
});

describe('caller read buckets in Redis', () => {
  let first: Redis;
  let second: Redis;
  beforeAll(async () => {
    await requireRedis();
    [first, second] = [testRedisClient(), testRedisClient()];
  });
  afterAll(() => {
    first?.disconnect();
    second?.disconnect();
  });

  test('gives a caller its burst once across replicas, and other callers their own', async () => {
    const keyPrefix = testKeyPrefix('buckets');
    const a = new RedisCallerReadBuckets({ redis: first, keyPrefix, ratePerSecond: 2, burst: 10 });
    const b = new RedisCallerReadBuckets({ redis: second, keyPrefix, ratePerSecond: 2, burst: 10 });
    const caller = 'eu-west-1_DemoPool01/2c8e6a4e-0000-4000-8000-000000000001';

    expect([
      await a.take(caller, 6),
      await b.take(caller, 6),
      await b.take(caller, 4),
      await a.take('eu-west-1_DemoPool01/someone-else', 10),
    ]).toEqual([{ granted: true }, { granted: false, retryAfterSeconds: 1 }, { granted: true }, { granted: true }]);
  });

  test('keys buckets by a hash of the caller, and lets them expire once they would be full again', async () => {
    const keyPrefix = testKeyPrefix('buckets');
    const buckets = new RedisCallerReadBuckets({ redis: first, keyPrefix, ratePerSecond: 5, burst: 10 });
    await buckets.take('eu-west-1_DemoPool01/alice-sub', 5);
    const keys = await keysUnder(first, keyPrefix);
    const ttl = await first.pttl(keys[0] ?? '');

    expect({ keys: keys.map((key) => key.includes('alice')), expiresWithinRefill: ttl > 0 && ttl <= 2000 }).toEqual({
      keys: [false],
      expiresWithinRefill: true,
    });
  });
});

describe('the Redis the tests need', () => {
  test('when none answers, fails at once with one line that says how to start one', async () => {
    const started = Date.now();
    const failure = await requireRedis('redis://127.0.0.1:1/0').then(
      () => 'answered',
      (error: Error) => error.message,
    );

    expect({ failure, fast: Date.now() - started < 2000 }).toEqual({
      failure:
        "No Redis answers at redis://127.0.0.1:1/0: start one with `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no` (or set TEST_REDIS_URL).",
      fast: true,
    });
  });
});
