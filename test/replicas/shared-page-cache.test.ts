import { DEMO_POOL_ID, DEMO_WEB_CLIENT_ID } from 'cognito-auth-events-emulator';
import { keysUnder, requireRedis, TEST_REDIS_URL, testKeyPrefix, testRedisClient } from '../support/redis';
import { type ReplicaSet, startReplicaSet } from '../support/replica-set';

const A = 0;
const B = 1;

const PAGE = `query P($u: String, $n: Int) {
  authEvents(username: $u, first: $n) {
    edges { node { id eventId eventType creationDate eventResponse eventRisk { riskDecision riskLevel } eventContextData { city country } eventFeedback { feedbackValue provider feedbackDate } } }
    pageInfo { hasNextPage }
  }
}`;

const FEEDBACK = 'mutation F($u: String!, $id: String!) { updateAuthEventFeedback(input: { username: $u, eventId: $id, feedbackValue: INVALID }) { authEvent { eventId } } }';

interface PageData {
  authEvents: { edges: Array<{ node: { eventId: string; eventFeedback: { feedbackValue: string } | null } }> } | null;
}

describe('the page cache shared by replicas through Redis', () => {
  const keyPrefix = testKeyPrefix('shared-page-cache');
  let replicas: ReplicaSet;
  beforeAll(async () => {
    await requireRedis();
    replicas = await startReplicaSet({
      replicas: 2,
      env: { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: keyPrefix, PAGE_CACHE_TTL_MS: '60000' },
    });
  });
  afterAll(() => replicas?.close());
  beforeEach(() => replicas.emulator.calls.clear());

  const read = async (replica: number, username: string, first: number, authorization?: string) =>
    (await replicas.executeRaw(replica, { query: PAGE, variables: { u: username, n: first } }, authorization === undefined ? {} : { authorization }))
      .body;
  const operations = () => replicas.emulator.calls.list().map((call) => [call.operation, call.username]);

  test('serves a page read through one replica through another, to an authorized caller, with no Cognito call', async () => {
    const alice = await replicas.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', clientId: DEMO_WEB_CLIENT_ID });
    const throughA = await read(A, 'alice', 5); // the admin
    const throughB = await read(B, 'alice', 5, alice);

    expect({ throughB, operations: operations() }).toEqual({
      // The whole answer, dates included: what came back from Redis is what Cognito sent.
      throughB: throughA,
      operations: [['AdminListUserAuthEvents', 'alice']],
    });
    expect(throughA.errors).toBeUndefined();
  });

  test('forgets a user’s pages on every replica when feedback is given through one of them', async () => {
    const [newest] = replicas.emulator.store.eventsOf(DEMO_POOL_ID, 'bob');
    await read(A, 'bob', 2);
    await read(B, 'bob', 2); // served from Redis
    const feedback = await replicas.executeRaw(B, { query: FEEDBACK, variables: { u: 'bob', id: newest?.EventId } });
    const afterwards = (await read(A, 'bob', 2)).data as unknown as PageData;

    expect({
      feedbackErrors: feedback.body.errors,
      feedback: afterwards.authEvents?.edges[0]?.node.eventFeedback,
      operations: operations().map(([operation]) => operation),
    }).toEqual({
      feedbackErrors: undefined,
      feedback: { feedbackValue: 'INVALID', provider: 'Admin', feedbackDate: expect.any(String) },
      // A's read; B's hit; B's update and its read-back (a full page); A's read again, no longer cached
      operations: ['AdminListUserAuthEvents', 'AdminUpdateAuthEventFeedback', 'AdminListUserAuthEvents', 'AdminListUserAuthEvents'],
    });
  });

  test('is never consulted for a caller the policy refuses', async () => {
    await read(A, 'two-full-pages', 3); // cached, as the admin
    const before = replicas.gateways[B]?.pageCacheStats;
    const alice = await replicas.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', clientId: DEMO_WEB_CLIENT_ID });
    const refused = await read(B, 'two-full-pages', 3, alice);

    expect({ code: refused.errors?.[0]?.extensions?.code, data: refused.data, cacheUse: replicas.gateways[B]?.pageCacheStats }).toEqual({
      code: 'FORBIDDEN',
      data: { authEvents: null },
      cacheUse: before,
    });
  });

  test('keeps no username in its keys, only Cognito’s page in its values, and lets every key expire', async () => {
    await read(A, 'single-event', 1);
    const redis = testRedisClient();
    try {
      const keys = await keysUnder(redis, keyPrefix);
      const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
      const pageKeys = keys.filter((key) => key.startsWith(`${keyPrefix}page:`) && !key.endsWith(':generation'));
      const values = await Promise.all(pageKeys.map(async (key) => (await redis.get(key)) ?? ''));

      expect({
        namesInKeys: keys.filter((key) => /alice|bob|single-event|two-full-pages|DemoPool/.test(key)),
        keysWithoutExpiry: ttls.filter((ttl) => ttl < 0).length,
        valueShapes: [...new Set(values.map((value) => Object.keys(JSON.parse(value.slice(value.indexOf('|') + 1)) as object).join(',')))],
      }).toEqual({ namesInKeys: [], keysWithoutExpiry: 0, valueShapes: ['events,nextToken'] });
      expect(pageKeys.length).toBeGreaterThanOrEqual(4);
    } finally {
      redis.disconnect();
    }
  });
});
