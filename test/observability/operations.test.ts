import { loadConfig } from '../../src/config/config';
import { DEMO_POOL_ID, DEMO_WEB_CLIENT_ID, seedUser } from 'cognito-auth-events-emulator';
import { startGateway } from '../../src/server/gateway.server';
import { postJson, sendHttp } from '../support/http';
import { delta, scrape } from '../support/metrics';
import { startTestStack, TEST_AUTH_CLIENT_IDS, TEST_CURSOR_SECRET, type TestStack } from '../support/test-stack';

const PRODUCTION = { NODE_ENV: 'production', HOST: '127.0.0.1' } as const;
const PAGE = 'query AuthEventsPage($u: String) { authEvents(username: $u, first: 2) { edges { cursor node { eventId eventContextData { ipAddress city } } } } }';

describe('probes', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: PRODUCTION });
  });
  afterAll(() => stack?.close());

  const origin = () => new URL(stack.gateway.graphqlUrl).origin;

  test('answer liveness and readiness without a token and without calling Cognito', async () => {
    stack.emulator.calls.clear();
    const health = await sendHttp(`${origin()}/healthz`, { method: 'GET' });
    const ready = await sendHttp(`${origin()}/readyz`, { method: 'GET' });

    expect({
      health: { status: health.status, body: health.json },
      ready: { status: ready.status, body: ready.json },
      cognitoCalls: stack.emulator.calls.count(),
    }).toEqual({
      health: { status: 200, body: { status: 'ok' } },
      ready: { status: 200, body: { status: 'ready' } },
      cognitoCalls: 0,
    });
  });

  test('refuse methods other than GET with 405', async () => {
    const answer = await sendHttp(`${origin()}/healthz`, { method: 'POST', body: '{}' });

    expect({ status: answer.status, allow: answer.headers.get('allow') }).toEqual({ status: 405, allow: 'GET, HEAD' });
  });

  test('turn /readyz to 503 with its reason while draining, and keep /healthz at 200', async () => {
    const draining = await startTestStack({ env: PRODUCTION });
    try {
      draining.gateway.beginDraining();
      const base = new URL(draining.gateway.graphqlUrl).origin;
      const ready = await sendHttp(`${base}/readyz`, { method: 'GET' });
      const health = await sendHttp(`${base}/healthz`, { method: 'GET' });

      expect({ ready: { status: ready.status, body: ready.json }, health: health.status }).toEqual({
        ready: { status: 503, body: { status: 'not ready', reasons: ['draining: the process is shutting down'] } },
        health: 200,
      });
    } finally {
      await draining.close();
    }
  });

  test('report not ready while the signing keys of the served pools cannot be loaded', async () => {
    const gateway = await startGateway(
      loadConfig({
        ...PRODUCTION,
        PORT: '0',
        LOG_LEVEL: 'silent',
        COGNITO_USER_POOL_IDS: DEMO_POOL_ID,
        CURSOR_SECRET: TEST_CURSOR_SECRET,
        AUTH_CLIENT_IDS: TEST_AUTH_CLIENT_IDS,
      }),
      // Nothing listens on port 9 of loopback: no issuer, no keys.
      { upstream: { endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } },
    );
    try {
      const ready = await sendHttp(`${new URL(gateway.graphqlUrl).origin}/readyz`, { method: 'GET' });

      expect({ status: ready.status, body: ready.json }).toEqual({
        status: 503,
        body: { status: 'not ready', reasons: ['the signing keys of the served user pools are not loaded'] },
      });
    } finally {
      await gateway.close();
    }
  });
});

describe('GET /metrics', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { ...PRODUCTION, METRICS_MAX_OPERATIONS: '2', PAGE_CACHE_TTL_MS: '60000' } });
  });
  afterAll(() => stack?.close());

  test('counts requests, Cognito calls, cache hits and authentication failures by exactly what a test did', async () => {
    const before = await scrape(stack.gateway.metricsUrl);
    stack.emulator.calls.clear();
    await postJson(stack.gateway.graphqlUrl, { query: PAGE, variables: { u: 'bob' } }, { authorization: stack.authorization });
    await postJson(stack.gateway.graphqlUrl, { query: PAGE, variables: { u: 'bob' } }, { authorization: stack.authorization });
    await postJson(stack.gateway.graphqlUrl, { query: PAGE, variables: { u: 'no-such-user' } }, { authorization: stack.authorization });
    await postJson(stack.gateway.graphqlUrl, { query: PAGE, variables: { u: 'bob' } });
    const after = await scrape(stack.gateway.metricsUrl);

    expect({
      ok: delta(after, before, 'graphql_requests_total{operation="AuthEventsPage",outcome="ok"}'),
      partial: delta(after, before, 'graphql_requests_total{operation="AuthEventsPage",outcome="partial"}'),
      refused: delta(after, before, 'graphql_requests_total{operation="anonymous",outcome="refused"}'),
      durations: delta(after, before, 'graphql_request_duration_seconds_count{operation="AuthEventsPage",outcome="ok"}'),
      cognitoOk: delta(after, before, 'cognito_calls_total{operation="AdminListUserAuthEvents",outcome="ok"}'),
      cognitoNotFound: delta(after, before, 'cognito_calls_total{operation="AdminListUserAuthEvents",outcome="UserNotFoundException"}'),
      cognitoTimed: delta(after, before, 'cognito_call_duration_seconds_count{operation="AdminListUserAuthEvents"}'),
      emulatorCalls: stack.emulator.calls.count(),
      cacheHits: delta(after, before, 'page_cache_hits_total'),
      authMissing: delta(after, before, 'authentication_failures_total{reason="missing"}'),
      waiting: after.get('cognito_limiter_waiting'),
      processMetrics: after.has('process_cpu_seconds_total'),
    }).toEqual({
      ok: 2,
      // An unknown user: the field is null with NOT_FOUND beside it, data with an error.
      partial: 1,
      refused: 1,
      durations: 2,
      cognitoOk: 1,
      cognitoNotFound: 1,
      cognitoTimed: 2,
      emulatorCalls: 2,
      cacheHits: 1,
      authMissing: 1,
      waiting: 0,
      processMetrics: true,
    });
  });

  test('caps operation names: past METRICS_MAX_OPERATIONS (2) distinct names they count as other', async () => {
    for (const name of ['First', 'Second', 'Third', 'Fourth']) {
      await postJson(stack.gateway.graphqlUrl, { query: `query ${name} { __typename }` }, { authorization: stack.authorization });
    }
    const samples = await scrape(stack.gateway.metricsUrl);
    const operations = [...samples.keys()]
      .filter((key) => key.startsWith('graphql_requests_total{'))
      .map((key) => /operation="([^"]*)"/.exec(key)?.[1]);

    // AuthEventsPage came first (the test above), First second; anonymous is no name.
    expect(new Set(operations)).toEqual(new Set(['AuthEventsPage', 'First', 'anonymous', 'other']));
  });

  test('holds no username, sub, email, IP or token after a run over many users', async () => {
    const users = ['alice', 'bob', 'frequent-flyer', 'future-fiona', 'full-page', 'two-full-pages'];
    for (const username of users) {
      await postJson(stack.gateway.graphqlUrl, { query: PAGE, variables: { u: username } }, { authorization: stack.authorization });
    }
    const alice = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', clientId: DEMO_WEB_CLIENT_ID });
    await postJson(stack.gateway.graphqlUrl, { query: PAGE }, { authorization: alice });
    const text = (await sendHttp(stack.gateway.metricsUrl, { method: 'GET' })).text;
    const secrets = [
      ...users,
      ...users.map((username) => seedUser(username).sub),
      ...users.map((username) => seedUser(username).email),
      ...stack.emulator.store.eventsOf(DEMO_POOL_ID, 'alice').flatMap((event) => event.EventContextData?.IpAddress ?? []),
      alice.slice('Bearer '.length),
      stack.authorization.slice('Bearer '.length),
    ];

    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
  });
});

describe('GET /metrics on METRICS_PORT', () => {
  test('is served on its own port and not on the API port', async () => {
    const stack = await startTestStack({ env: { ...PRODUCTION, METRICS_PORT: '0' } });
    try {
      const onApi = await sendHttp(`${new URL(stack.gateway.graphqlUrl).origin}/metrics`, { method: 'GET' });
      const own = await sendHttp(stack.gateway.metricsUrl, { method: 'GET' });

      expect({
        apiStatus: onApi.status,
        ownStatus: own.status,
        ownPort: new URL(stack.gateway.metricsUrl).port !== new URL(stack.gateway.graphqlUrl).port,
        prometheus: own.headers.get('content-type')?.startsWith('text/plain'),
      }).toEqual({ apiStatus: 404, ownStatus: 200, ownPort: true, prometheus: true });
    } finally {
      await stack.close();
    }
  });
});

describe('the request log', () => {
  test('writes one line per request with its operation, duration, status, outcome, codes, calls and a caller hash, and no secret', async () => {
    const stack = await startTestStack({ env: PRODUCTION, captureLogs: true });
    try {
      const alice = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', clientId: DEMO_WEB_CLIENT_ID });
      const own = await postJson(stack.gateway.graphqlUrl, { query: PAGE }, { authorization: alice });
      await postJson(stack.gateway.graphqlUrl, { query: PAGE, variables: { u: 'bob' } }, { authorization: alice });
      const lines = stack
        .logs()
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.msg === 'request');
      const cursors = ((own.json as { data: { authEvents: { edges: Array<{ cursor: string }> } } }).data.authEvents.edges).map((edge) => edge.cursor);
      const secrets = ['alice', 'bob', seedUser('alice').sub, seedUser('alice').email, alice.slice(7), ...cursors];

      expect({
        lines: lines.map(({ level, operation, operationType, status, outcome, errorCodes, cognitoCalls, caller, durationMs }) => ({
          level,
          operation,
          operationType,
          status,
          outcome,
          errorCodes,
          cognitoCalls,
          caller: typeof caller === 'string' && caller.length === 12,
          durationMs: typeof durationMs === 'number',
        })),
        sameCaller: lines[0]?.caller === lines[1]?.caller,
        secretsInLogs: secrets.filter((secret) => stack.logs().includes(secret)),
      }).toEqual({
        lines: [
          { level: 30, operation: 'AuthEventsPage', operationType: 'query', status: 200, outcome: 'ok', errorCodes: [], cognitoCalls: 1, caller: true, durationMs: true },
          { level: 30, operation: 'AuthEventsPage', operationType: 'query', status: 200, outcome: 'partial', errorCodes: ['FORBIDDEN'], cognitoCalls: 0, caller: true, durationMs: true },
        ],
        sameCaller: true,
        secretsInLogs: [],
      });
    } finally {
      await stack.close();
    }
  });
});

describe('CORS', () => {
  async function preflight(stack: TestStack, origin: string) {
    const answer = await sendHttp(stack.gateway.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    return { status: answer.status, allowOrigin: answer.headers.get('access-control-allow-origin'), allowHeaders: answer.headers.get('access-control-allow-headers') };
  }

  test('allows local origins and the hosted Sandbox by default outside production, and nothing else', async () => {
    const stack = await startTestStack();
    try {
      expect({
        local: await preflight(stack, 'http://localhost:5173'),
        studio: (await preflight(stack, 'https://studio.apollographql.com')).allowOrigin,
        foreign: (await preflight(stack, 'https://evil.example')).allowOrigin,
      }).toEqual({
        local: {
          status: 204,
          allowOrigin: 'http://localhost:5173',
          allowHeaders: 'content-type,authorization,apollo-require-preflight,x-apollo-operation-name,apollographql-client-name,apollographql-client-version',
        },
        studio: 'https://studio.apollographql.com',
        foreign: null,
      });
    } finally {
      await stack.close();
    }
  });

  test('allows no origin by default in production, and exactly CORS_ORIGINS when set', async () => {
    const production = await startTestStack({ env: PRODUCTION });
    const listed = await startTestStack({ env: { ...PRODUCTION, CORS_ORIGINS: 'https://app.example.com' } });
    try {
      expect({
        productionLocal: (await preflight(production, 'http://localhost:5173')).allowOrigin,
        listed: (await preflight(listed, 'https://app.example.com')).allowOrigin,
        notListed: (await preflight(listed, 'https://other.example.com')).allowOrigin,
      }).toEqual({ productionLocal: null, listed: 'https://app.example.com', notListed: null });
    } finally {
      await production.close();
      await listed.close();
    }
  });
});
