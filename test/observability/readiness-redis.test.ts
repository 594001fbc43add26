import { sendHttp } from '../support/http';
import { type OwnRedis, startOwnRedis, testKeyPrefix } from '../support/redis';
import { startTestStack, type TestStack } from '../support/test-stack';

const PRODUCTION = { NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'silent' } as const;

describe('readiness and metrics with a configured Redis', () => {
  let redis: OwnRedis;
  let stack: TestStack;
  beforeAll(async () => {
    redis = await startOwnRedis();
    stack = await startTestStack({
      env: { ...PRODUCTION, REDIS_URL: redis.url, REDIS_KEY_PREFIX: testKeyPrefix('readiness') },
      // The switches between Redis and the fallback are logged: what the test waits on.
      captureLogs: true,
    });
  });
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
  });

  const readyz = async () => {
    const answer = await sendHttp(`${new URL(stack.gateway.graphqlUrl).origin}/readyz`, { method: 'GET' });
    return { status: answer.status, body: answer.json };
  };
  const modeGauge = async () => {
    const text = (await sendHttp(stack.gateway.metricsUrl, { method: 'GET' })).text;
    return text.split('\n').filter((line) => line.startsWith('shared_state_mode{'));
  };

  /** Resolves at the first line from line number `from` on whose message starts with `message`. */
  const logged = (message: string, from: number) =>
    stack.waitForLog((line) => typeof line.msg === 'string' && line.msg.startsWith(message), from);

  test('is ready on Redis, 503 with the reason while Redis is down, and ready again once it is back', async () => {
    const onRedis = { ready: await readyz(), gauge: await modeGauge() };
    const failed = logged('Redis failed', stack.logLineCount());
    await redis.stop();
    // A request notices the failure at once (the lost connection may already have told).
    await sendHttp(stack.gateway.graphqlUrl, {
      headers: { 'content-type': 'application/json', authorization: stack.authorization },
      body: JSON.stringify({ query: '{ authEvents(username: "bob", first: 1) { edges { cursor } } }' }),
    });
    await failed;
    const down = { ready: await readyz(), gauge: await modeGauge() };
    const back = logged('Redis answers again', stack.logLineCount());
    await redis.start();
    // The switch probes Redis once a second while it is away.
    await back;

    expect({ onRedis, down, back: await readyz() }).toEqual({
      onRedis: {
        ready: { status: 200, body: { status: 'ready' } },
        gauge: ['shared_state_mode{mode="redis"} 1', 'shared_state_mode{mode="local-fallback"} 0', 'shared_state_mode{mode="local"} 0'],
      },
      down: {
        ready: { status: 503, body: { status: 'not ready', reasons: ["Redis is unreachable: serving on this replica's share of the limits"] } },
        gauge: ['shared_state_mode{mode="redis"} 0', 'shared_state_mode{mode="local-fallback"} 1', 'shared_state_mode{mode="local"} 0'],
      },
      back: { status: 200, body: { status: 'ready' } },
    });
  });
});
