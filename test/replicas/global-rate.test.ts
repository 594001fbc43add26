import { syntheticUsername } from 'cognito-auth-events-emulator';
import { maxStartsInWindow } from '../support/call-windows';
import { requireRedis, TEST_REDIS_URL, testKeyPrefix } from '../support/redis';
import { type ReplicaSet, startReplicaSet } from '../support/replica-set';

const READ_RPS = 20;
const REPLICAS = 3;
const REQUESTS = 200;

const PAGE = 'query P($u: String, $n: Int) { authEvents(username: $u, first: $n) { edges { node { eventId } } } }';

describe('three replicas sharing one Cognito read rate through Redis', () => {
  let replicas: ReplicaSet;
  beforeAll(async () => {
    await requireRedis();
    replicas = await startReplicaSet({
      replicas: REPLICAS,
      emulator: { syntheticUsers: REQUESTS },
      env: {
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: testKeyPrefix('global-rate'),
        // Three gateways, an emulator and jest share two cores here: a generous command timeout
        // keeps a stalled event loop from passing for a Redis failure. This test is about the
        // shared path; the fallback has its own test.
        REDIS_COMMAND_TIMEOUT_MS: '2000',
        COGNITO_READ_RPS: String(READ_RPS),
        GATEWAY_REPLICAS: String(REPLICAS),
        REQUEST_DEADLINE_MS: '60000',
      },
    });
  }, 30_000);
  afterAll(() => replicas?.close());

  test('lets Cognito see at most COGNITO_READ_RPS reads in any second from all replicas together', async () => {
    replicas.emulator.calls.clear();
    // 200 different users, so no two requests share a Cognito call (single flight would merge them).
    const responses = await Promise.all(
      Array.from({ length: REQUESTS }, (_, index) =>
        replicas.executeRaw(index % REPLICAS, { query: PAGE, variables: { u: syntheticUsername(index + 1), n: 5 } }),
      ),
    );

    const calls = replicas.emulator.calls.list();
    const measured = maxStartsInWindow(calls, 1000);
    // Printed for the record: how close to the rate the replicas got together.
    process.stdout.write(`global-rate: ${calls.length} reads, at most ${measured} in any 1 s window\n`);
    expect({
      failed: responses.filter((response) => response.status !== 200 || response.body.errors !== undefined).length,
      reads: calls.length,
      withinRate: measured <= READ_RPS,
      sharedState: replicas.gateways.map((gateway) => gateway.sharedState.status().mode),
    }).toEqual({ failed: 0, reads: REQUESTS, withinRate: true, sharedState: ['redis', 'redis', 'redis'] });
    // Shared, not split: together they used more than their local shares (6 each) add up to.
    expect(measured).toBeGreaterThan(REPLICAS * Math.floor(READ_RPS / REPLICAS));
  }, 60_000);
});
