import { type EmulatorCall, syntheticUsername } from 'cognito-auth-events-emulator';
import type { SharedStateMode } from '../../src/shared-state/shared-state-switch';
import { maxStartsInWindow } from '../support/call-windows';
import { type OwnRedis, startOwnRedis, testKeyPrefix, testRedisClient } from '../support/redis';
import { type ReplicaSet, startReplicaSet } from '../support/replica-set';

const READ_RPS = 20;
const REPLICAS = 3;
/** Each replica's share while Redis is away. */
const LOCAL_SHARE = Math.floor(READ_RPS / REPLICAS);
/** Synthetic users 1–600: 200 per replica, so the call log tells which replica called. */
const USERS_PER_REPLICA = 200;

const PAGE = 'query P($u: String, $n: Int) { authEvents(username: $u, first: $n) { edges { node { eventId } } } }';

/** The replica that reads synthetic user `ordinal` in these tests. */
function replicaOf(call: EmulatorCall): number {
  return Math.floor((Number(call.username?.slice('synthetic-'.length)) - 1) / USERS_PER_REPLICA);
}

describe('replicas when their Redis fails and comes back', () => {
  // Every test starts its own Redis and replicas: nothing a test leaves behind (slots held for a
  // window, releases in flight, a replica still on its fallback) can reach the next one.
  let redis: OwnRedis;
  let replicas: ReplicaSet;
  let nextUser: number[];
  beforeEach(async () => {
    nextUser = [0, 0, 0];
    redis = await startOwnRedis();
    replicas = await startReplicaSet({
      replicas: REPLICAS,
      emulator: { syntheticUsers: REPLICAS * USERS_PER_REPLICA },
      env: {
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: testKeyPrefix('redis-failure'),
        COGNITO_READ_RPS: String(READ_RPS),
        GATEWAY_REPLICAS: String(REPLICAS),
        REQUEST_DEADLINE_MS: '60000',
      },
    });
  }, 30_000);
  afterEach(async () => {
    await replicas?.close();
    await redis?.stop();
  });

  const modes = (): SharedStateMode[] => replicas.gateways.map((gateway) => gateway.sharedState.status().mode);
  /** Resolves once replica `replica` has logged that it shares state through Redis again. */
  const backInRedis = (replica: number) =>
    replicas.waitForLog(replica, (line) => typeof line.msg === 'string' && line.msg.startsWith('Redis answers again'));

  /** `perReplica` reads of users no other request reads, sent to each replica at once. */
  const load = (perReplica: number) =>
    Promise.all(
      Array.from({ length: REPLICAS * perReplica }, (_, index) => {
        const replica = index % REPLICAS;
        nextUser[replica] = (nextUser[replica] as number) + 1;
        const username = syntheticUsername(replica * USERS_PER_REPLICA + (nextUser[replica] as number));
        return replicas.executeRaw(replica, { query: PAGE, variables: { u: username, n: 3 } });
      }),
    );
  const failures = (responses: Awaited<ReturnType<typeof load>>) =>
    responses.filter((response) => response.status !== 200 || response.body.errors !== undefined).length;

  test('keeps answering under each replica’s share of the rate while Redis is down, and shares the rate again once it is back', async () => {
    // Redis stops early in a load that takes several seconds at the shared rate: once the first
    // window's calls have reached Cognito through it.
    const duringOutage = load(30);
    await replicas.emulator.calls.waitFor((call) => call.sequence === READ_RPS);
    await redis.stop();
    const outageResponses = await duringOutage;
    const modesDuringOutage = modes();
    const switchedAt = Math.max(...replicas.gateways.map((gateway) => gateway.sharedState.status().since));
    // Calls admitted once every replica had switched: only the local limits held them.
    const localCalls = replicas.emulator.calls.list().filter((call) => call.startedAt > switchedAt + 50);
    const localMostPerReplica = Math.max(
      ...Array.from({ length: REPLICAS }, (_, replica) => maxStartsInWindow(localCalls.filter((call) => replicaOf(call) === replica), 1000)),
    );

    await redis.start();
    // Each replica's probe (once a second) finds Redis again, switches back and says so.
    await Promise.all(replicas.gateways.map((_, replica) => backInRedis(replica)));
    const modesAfterReturn = modes();
    replicas.emulator.calls.clear();
    // Only replica 0 is loaded now: with the rate shared again it may use all of it.
    const afterReturn = await Promise.all(
      Array.from({ length: 3 * READ_RPS }, () => {
        nextUser[0] = (nextUser[0] as number) + 1;
        return replicas.executeRaw(0, { query: PAGE, variables: { u: syntheticUsername(nextUser[0] as number), n: 3 } });
      }),
    );
    const sharedMost = maxStartsInWindow(replicas.emulator.calls.list(), 1000);

    expect({
      outageFailures: failures(outageResponses),
      modesDuringOutage,
      localCalls: localCalls.length > 2 * LOCAL_SHARE,
      localWithinShare: localMostPerReplica <= LOCAL_SHARE,
      modesAfterReturn,
      afterReturnFailures: failures(afterReturn),
      sharedWithinRate: sharedMost <= READ_RPS,
      sharedAboveShare: sharedMost > LOCAL_SHARE,
      switchesLogged: Array.from({ length: REPLICAS }, (_, replica) => ({
        failed: replicas.logs(replica).split('Redis failed').length - 1,
        back: replicas.logs(replica).split('Redis answers again').length - 1,
      })),
    }).toEqual({
      outageFailures: 0,
      modesDuringOutage: ['local-fallback', 'local-fallback', 'local-fallback'],
      localCalls: true,
      localWithinShare: true,
      modesAfterReturn: ['redis', 'redis', 'redis'],
      afterReturnFailures: 0,
      sharedWithinRate: true,
      sharedAboveShare: true,
      switchesLogged: [
        { failed: 1, back: 1 },
        { failed: 1, back: 1 },
        { failed: 1, back: 1 },
      ],
    });
  }, 90_000);

  test('answers within a command timeout while Redis is too slow, and shares state again when it is quick', async () => {
    const control = testRedisClient(redis.url);
    try {
      // CLIENT PAUSE holds every client's commands: Redis is there but does not answer.
      await control.call('CLIENT', 'PAUSE', '1500', 'ALL');
      const started = Date.now();
      const response = await replicas.executeRaw(1, { query: PAGE, variables: { u: syntheticUsername(USERS_PER_REPLICA + 150), n: 3 } });
      const answeredInMs = Date.now() - started;
      const modeWhileSlow = replicas.gateways[1]?.sharedState.status().mode;
      // Only replica 1 was asked anything; its probe finds Redis quick again once the pause ends.
      await backInRedis(1);

      expect({ errors: response.body.errors, quick: answeredInMs < 1000, modeWhileSlow, modesAfterwards: modes() }).toEqual({
        errors: undefined,
        quick: true,
        modeWhileSlow: 'local-fallback',
        modesAfterwards: ['redis', 'redis', 'redis'],
      });
    } finally {
      control.disconnect();
    }
  }, 30_000);
});
