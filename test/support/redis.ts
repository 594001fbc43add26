import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { findFreePort } from './free-port';

/** The Redis the machine and CI run; `TEST_REDIS_URL` points the tests elsewhere. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const START_REDIS_HINT = "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no";

/** Whether Redis at `url` answers a PING within half a second; the connection is closed either way. */
async function answersPing(url: string): Promise<boolean> {
  // No reconnection and no offline queue: one attempt, answered or refused, and nothing lingers.
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * Fails at once, in one line that says how to start one, when no Redis answers at `url`: the
 * Redis tests then fail with that line instead of timing out.
 */
export async function requireRedis(url: string = TEST_REDIS_URL): Promise<void> {
  if (!(await answersPing(url))) {
    throw new Error(`No Redis answers at ${url}: start one with \`${START_REDIS_HINT}\` (or set TEST_REDIS_URL).`);
  }
}

/** A key prefix no other test file or run uses, so test files share one Redis in parallel. */
export function testKeyPrefix(name: string): string {
  return `test:${name}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

/** A connection for a test to look into Redis with. */
export function testRedisClient(url: string = TEST_REDIS_URL): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  return redis;
}

/** Every key under `prefix`. */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys.sort();
}

/** A `redis-server` this test started on a free loopback port, which it can stop and start again. */
export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server (its data goes with it: it keeps nothing on disk). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/** Starts a `redis-server` of this test's own on a free port, keeping nothing on disk. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await findFreePort();
  const url = `redis://127.0.0.1:${port}/0`;
  let child: ChildProcess | undefined;
  const start = async () => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child = started;
    // Ready once it says so on stdout (its log goes there without --logfile).
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port} within 5 s:\n${output}`)), 5000);
      started.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (!output.includes('Ready to accept connections')) return;
        clearTimeout(timer);
        started.stdout?.removeAllListeners('data');
        started.stdout?.resume();
        resolve();
      });
      started.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`redis-server could not start: ${error.message}`));
      });
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (code ${code}) before it was ready:\n${output}`));
      });
    });
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((done) => running.once('exit', done));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url, port, start, stop };
}

/** Keyspace notifications of one Redis: what a test waits on instead of polling keys. */
export interface KeyspaceEvents {
  /**
   * Resolves with the key at the next notification `event` (`zadd`, `expired`, …) about a key
   * for which `matches` holds. Only notifications from this call on count: call it before the
   * command that causes the event.
   */
  next(event: string, matches: (key: string) => boolean): Promise<string>;
  close(): void;
}

/**
 * Turns on keyspace notifications of generic, sorted-set and expiry events in the Redis at `url`
 * and listens to them. It changes the server's configuration: use it on a Redis of the test's
 * own (`startOwnRedis`), never on the shared one.
 */
export async function keyspaceEvents(url: string): Promise<KeyspaceEvents> {
  const control = testRedisClient(url);
  try {
    await control.config('SET', 'notify-keyspace-events', 'Kgzx');
  } finally {
    control.disconnect();
  }
  const subscriber = testRedisClient(url);
  const channelPrefix = '__keyspace@0__:';
  const waiters = new Set<(key: string, event: string) => boolean>();
  subscriber.on('pmessage', (_pattern: string, channel: string, event: string) => {
    const key = channel.slice(channelPrefix.length);
    for (const waiter of [...waiters]) if (waiter(key, event)) waiters.delete(waiter);
  });
  await subscriber.psubscribe(`${channelPrefix}*`);
  return {
    next: (event, matches) =>
      new Promise((resolve) => {
        waiters.add((key, seen) => {
          if (seen !== event || !matches(key)) return false;
          resolve(key);
          return true;
        });
      }),
    close: () => subscriber.disconnect(),
  };
}
