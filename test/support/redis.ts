import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { Redis } from 'ioredis';

/** The Redis the machine and CI run; `TEST_REDIS_URL` points the tests elsewhere. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const START_REDIS_HINT = "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no";

/**
 * Whether Redis at `url` answers a PING within half a second. Spoken over a bare socket (RESP's
 * inline PING), so nothing of a client library lingers after a refusal.
 */
function answersPing(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    let answer = '';
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
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
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}/0`;
  let child: ChildProcess | undefined;
  const start = async () => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const failed = new Promise<never>((_, reject) => started.once('error', (error) => reject(new Error(`redis-server could not start: ${error.message}`))));
    child = started;
    const deadline = Date.now() + 5000;
    while (!(await Promise.race([answersPing(url), failed]))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port} within 5 s`);
      await new Promise((done) => setTimeout(done, 50));
    }
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
