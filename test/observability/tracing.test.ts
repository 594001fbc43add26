import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { type CognitoEmulator, DEMO_POOL_ID, DEMO_WEB_CLIENT_ID, SEED_USERS, startCognitoEmulator } from 'cognito-auth-events-emulator';
import { tracingRequested } from '../../src/tracing/tracing.bootstrap';
import { type HiveGatewayConfigContext, type HiveRouter, startHiveRouter } from '../federation/hive-gateway.router';
import { composeSupergraph } from '../federation/supergraph.composition';
import { type RunningUsersSubgraph, startUsersSubgraph } from '../federation/users.subgraph';
import { productionEnv, type StartedProcess, startEntryPoint, stopProcess, waitForOutput } from '../support/gateway-process';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver';

// Required, not imported, for the reason test/federation/hive-gateway.router.ts gives: the
// plugin's declarations bring Hive Gateway's. These are the two functions used, as documented.
const { useOpenTelemetry } = require('@graphql-hive/plugin-opentelemetry') as {
  useOpenTelemetry(options: HiveGatewayConfigContext & { traces: boolean }): unknown;
};
const { openTelemetrySetup } = require('@graphql-hive/plugin-opentelemetry/setup') as {
  openTelemetrySetup(options: {
    log: unknown;
    contextManager: AsyncLocalStorageContextManager;
    resource: { serviceName: string };
    traces: { exporter: InMemorySpanExporter; batching: false };
  }): void;
};

const { Logger: HiveLogger } = require('@graphql-hive/logger') as { Logger: new (options: { level: false }) => unknown };

const SUBGRAPH_SERVICE = 'auth-events-subgraph';
const ALICE = SEED_USERS.find((user) => user.poolId === DEMO_POOL_ID && user.username === 'alice');
if (ALICE === undefined) throw new Error('the emulator seeds no alice');

/** One page of alice's events through the router: her email from the users subgraph, her events from this one. */
const ALICES_RECENT_EVENTS = `
  query RecentSignIns($id: ID!) {
    user(id: $id) { email authEvents(first: 2) { edges { node { eventType } } pageInfo { hasNextPage endCursor } } }
  }`;

/** A span of either side, as far as these tests compare them. */
interface TracedSpan {
  readonly side: 'router' | 'subgraph';
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

function routerSpan(span: ReadableSpan): TracedSpan {
  return {
    side: 'router',
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? '',
    name: span.name,
    attributes: span.attributes,
  };
}

function subgraphSpan(span: ReceivedSpan): TracedSpan {
  return { side: 'subgraph', traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId, name: span.name, attributes: span.attributes };
}

/** `span`'s ancestors, nearest first, as `side: name`, as far as the links in `spans` go. */
function ancestryOf(span: TracedSpan, spans: readonly TracedSpan[]): string[] {
  const path: string[] = [];
  for (let parent = spans.find((candidate) => candidate.spanId === span.parentSpanId); parent !== undefined; ) {
    path.push(`${parent.side}: ${parent.name}`);
    const next = parent.parentSpanId;
    parent = spans.find((candidate) => candidate.spanId === next);
  }
  return path;
}

/** Spans in tree order: by depth, then by name. */
function byDepthThenName(a: { name: string; ancestry: string[] }, b: { name: string; ancestry: string[] }): number {
  return a.ancestry.length - b.ancestry.length || a.name.localeCompare(b.name, 'en');
}

/** Every attribute value of `spans`, flattened to strings. */
function attributeValuesOf(spans: readonly TracedSpan[]): string[] {
  return spans.flatMap((span) => Object.values(span.attributes).flatMap((value) => (Array.isArray(value) ? value : [value]).map(String)));
}

/** What a secret must never be part of: each value that must not appear in any attribute. */
function leakedSecrets(spans: readonly TracedSpan[], secrets: Readonly<Record<string, string>>): string[] {
  const values = attributeValuesOf(spans);
  return Object.entries(secrets)
    .filter(([, secret]) => values.some((value) => value.includes(secret)))
    .map(([name]) => name);
}

describe('tracing is asked for by the standard OpenTelemetry variables', () => {
  test.each([
    [{}, false],
    [{ OTEL_SERVICE_NAME: 'gateway' }, false],
    [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, false],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }, true],
    [{ OTEL_TRACES_EXPORTER: 'console' }, true],
    [{ OTEL_TRACES_EXPORTER: 'none, otlp' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }, false],
    [{ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }, false],
    [{ OTEL_SDK_DISABLED: 'false', OTEL_TRACES_EXPORTER: 'otlp' }, true],
  ])('%j → %s', (env, expected) => {
    expect(tracingRequested(env)).toBe(expected);
  });
});

describe('the gateway process with tracing on, exporting OTLP/HTTP JSON', () => {
  let emulator: CognitoEmulator;
  let receiver: OtlpReceiver;
  let gateway: StartedProcess;
  let graphqlUrl: string;
  let aliceAuthorization: string;

  beforeAll(async () => {
    emulator = await startCognitoEmulator();
    receiver = await startOtlpReceiver();
    aliceAuthorization = `Bearer ${(await emulator.mintToken({ userPoolId: DEMO_POOL_ID, username: 'alice', clientId: DEMO_WEB_CLIENT_ID })).token}`;
    gateway = startEntryPoint({
      ...productionEnv(emulator),
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_SERVICE_NAME: SUBGRAPH_SERVICE,
      // Exported within 50 ms of ending, so the tests wait on spans arriving, not on a batch timer.
      OTEL_BSP_SCHEDULE_DELAY: '50',
      // One Cognito call at a time: a second call of the same request waits for a slot, visibly.
      COGNITO_MAX_CONCURRENCY: '1',
    });
    graphqlUrl = await waitForOutput(gateway, /"url":"(http:\/\/[^"]+)"/);
  });
  afterAll(async () => {
    if (gateway !== undefined) await stopProcess(gateway);
    await receiver?.close();
    await emulator?.close();
  });

  async function post(body: { query: string; variables?: Record<string, unknown> }, headers: Record<string, string>): Promise<unknown> {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: aliceAuthorization, ...headers },
      body: JSON.stringify(body),
    });
    return response.json();
  }

  /** The spans of `traceId` once its HTTP server span, the last to end, has been received. */
  async function spansOfTrace(traceId: string): Promise<ReceivedSpan[]> {
    const serverSpanOf = (spans: readonly ReceivedSpan[]) => spans.some((span) => span.traceId === traceId && span.kind === 2);
    return (await receiver.waitFor(serverSpanOf)).filter((span) => span.traceId === traceId);
  }

  test("continues the caller's traceparent: HTTP request, GraphQL operation, page-cache lookup, Cognito call with its attempts and page size", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpanId = '00f067aa0ba902b7';

    const answer = (await post(
      { query: 'query MyLatestSignIns { authEvents(first: 2) { edges { node { eventType } } pageInfo { hasNextPage endCursor } } }' },
      { traceparent: `00-${traceId}-${callerSpanId}-01` },
    )) as { data: { authEvents: { pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    const { endCursor } = answer.data.authEvents.pageInfo;
    // The next page sends Cognito a NextToken, which no span may carry either.
    const nextPageTrace = '4bf92f3577b34da6a3ce929d0e0e4737';
    await post({ query: 'query Next($after: String) { authEvents(first: 2, after: $after) { edges { node { eventType } } } }', variables: { after: endCursor } }, {
      traceparent: `00-${nextPageTrace}-${callerSpanId}-01`,
    });
    const nextToken = emulator.calls.list().find((call) => call.nextToken !== undefined)?.nextToken;
    // The first page again: from the page cache this time, and Cognito is not called.
    const againTrace = '4bf92f3577b34da6a3ce929d0e0e4738';
    await post({ query: 'query MyLatestSignIns { authEvents(first: 2) { edges { node { eventType } } } }' }, { traceparent: `00-${againTrace}-${callerSpanId}-01` });
    const again = (await spansOfTrace(againTrace)).map(subgraphSpan);
    const firstRequest = (await spansOfTrace(traceId)).map(subgraphSpan);
    const nextRequest = (await spansOfTrace(nextPageTrace)).map(subgraphSpan);
    const first = firstRequest.find((span) => span.parentSpanId === callerSpanId);

    expect(firstRequest.map((span) => ({ name: span.name, ancestry: ancestryOf(span, firstRequest), attributes: span.attributes })).sort(byDepthThenName)).toEqual([
      {
        name: 'POST',
        ancestry: [],
        attributes: expect.objectContaining({ 'http.request.method': 'POST', 'url.path': '/graphql', 'http.response.status_code': 200 }),
      },
      {
        name: 'query MyLatestSignIns',
        ancestry: ['subgraph: POST'],
        attributes: { 'graphql.operation.type': 'query', 'graphql.operation.name': 'MyLatestSignIns', 'cognito.attempts': 1 },
      },
      { name: 'auth-events page cache lookup', ancestry: ['subgraph: query MyLatestSignIns', 'subgraph: POST'], attributes: { 'cache.hit': false } },
      {
        name: 'CognitoIdentityProvider.AdminListUserAuthEvents',
        ancestry: ['subgraph: query MyLatestSignIns', 'subgraph: POST'],
        attributes: {
          'rpc.system': 'aws-api',
          'rpc.service': 'CognitoIdentityProvider',
          'rpc.method': 'AdminListUserAuthEvents',
          'cloud.region': 'eu-west-1',
          'cognito.page.max_results': 3,
          'cognito.page.continued': false,
          'cognito.page.events': 3,
          'cognito.page.last': false,
          'cognito.outcome': 'ok',
          'cognito.attempts': 1,
          'aws.request.id': expect.any(String),
        },
      },
    ]);
    expect(again.map((span) => ({ name: span.name, ancestry: ancestryOf(span, again), attributes: span.name === 'POST' ? {} : span.attributes })).sort(byDepthThenName)).toEqual([
      { name: 'POST', ancestry: [], attributes: {} },
      { name: 'query MyLatestSignIns', ancestry: ['subgraph: POST'], attributes: { 'graphql.operation.type': 'query', 'graphql.operation.name': 'MyLatestSignIns', 'cognito.attempts': 0 } },
      { name: 'auth-events page cache lookup', ancestry: ['subgraph: query MyLatestSignIns', 'subgraph: POST'], attributes: { 'cache.hit': true } },
    ]);
    expect(receiver.spans.find((span) => span.spanId === first?.spanId)).toMatchObject({ service: SUBGRAPH_SERVICE, kind: 2, parentSpanId: callerSpanId });
    expect(
      leakedSecrets([...firstRequest, ...nextRequest, ...again], { token: aliceAuthorization.slice('Bearer '.length), username: 'alice', sub: ALICE.sub, email: ALICE.email, cursor: endCursor, nextToken: nextToken ?? 'missing' }),
    ).toEqual([]);
    expect(nextToken).toBeDefined();
    expect(receiver.exports.every((received) => received.headers['content-type'] === 'application/json')).toBe(true);
  });

  test('exports nothing for a caller that did not sample its trace, and starts a trace of its own without a traceparent', async () => {
    const unsampled = '5bf92f3577b34da6a3ce929d0e0e4736';
    await post({ query: 'query Unsampled { authEvents(first: 1) { edges { node { eventType } } } }' }, { traceparent: `00-${unsampled}-00f067aa0ba902b7-00` });
    await post({ query: 'query Untraced { authEvents(first: 1) { edges { node { eventType } } } }' }, {});

    const spans = await receiver.waitFor((received) => received.some((span) => span.name === 'query Untraced'));
    const operation = spans.find((span) => span.name === 'query Untraced') as ReceivedSpan;
    const ownTrace = await spansOfTrace(operation.traceId);

    expect({
      unsampled: spans.filter((span) => span.traceId === unsampled).length,
      ownTrace: ownTrace.filter((span) => span.parentSpanId === '').map((span) => span.name),
    }).toEqual({ unsampled: 0, ownTrace: ['POST'] });
  });

  test("keeps a GET request's query string, its document and variables, out of the server span", async () => {
    const traceId = '7bf92f3577b34da6a3ce929d0e0e4736';
    const search = new URLSearchParams({
      query: 'query ByName($username: String) { authEvents(username: $username, first: 1) { edges { node { eventType } } } }',
      variables: JSON.stringify({ username: 'alice' }),
    });
    const response = await fetch(`${graphqlUrl}?${search}`, {
      headers: { authorization: aliceAuthorization, 'apollo-require-preflight': 'true', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });

    const server = (await spansOfTrace(traceId)).find((span) => span.kind === 2) as ReceivedSpan;

    expect({ status: response.status, attributes: server.attributes }).toEqual({
      status: 200,
      attributes: expect.objectContaining({ 'http.request.method': 'GET', 'url.path': '/graphql', 'url.query': 'REDACTED' }),
    });
    expect(leakedSecrets([subgraphSpan(server)], { username: 'alice', document: 'authEvents' })).toEqual([]);
  });

  test("records the codes of a request Apollo refuses before its pipeline (a GET without the CSRF header) on the operation's span", async () => {
    const traceId = '8bf92f3577b34da6a3ce929d0e0e4736';
    const search = new URLSearchParams({ query: '{ authEvents(first: 1) { edges { node { eventType } } } }' });
    const response = await fetch(`${graphqlUrl}?${search}`, { headers: { authorization: aliceAuthorization, traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });

    const spans = (await spansOfTrace(traceId)).map(subgraphSpan);

    expect({ status: response.status, spans: spans.map((span) => ({ name: span.name, codes: span.attributes['graphql.error.codes'] })).sort((a, b) => a.name.localeCompare(b.name, 'en')) }).toEqual({
      status: 400,
      spans: [
        { name: 'GET', codes: undefined },
        { name: 'graphql operation', codes: ['BAD_REQUEST'] },
      ],
    });
  });

  test('shows a Cognito call that waited for a slot, with the wait as its child', async () => {
    // Page sizes no other test reads, so neither page is in the page cache.
    const traceId = '6bf92f3577b34da6a3ce929d0e0e4736';
    await post(
      { query: 'query TwoPageSizes { four: authEvents(first: 4) { edges { node { eventType } } } seven: authEvents(first: 7) { edges { node { eventType } } } }' },
      { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    );

    const spans = (await spansOfTrace(traceId)).map(subgraphSpan);
    const calls = spans.filter((span) => span.name === 'CognitoIdentityProvider.AdminListUserAuthEvents');
    const waits = spans.filter((span) => span.name === 'cognito rate slot wait');

    expect({
      pageSizes: calls.map((call) => call.attributes['cognito.page.max_results']).sort(),
      waits: waits.map((wait) => ({ ancestry: ancestryOf(wait, spans), attributes: wait.attributes })),
    }).toEqual({
      pageSizes: [5, 8],
      waits: [
        {
          ancestry: ['subgraph: CognitoIdentityProvider.AdminListUserAuthEvents', 'subgraph: query TwoPageSizes', 'subgraph: POST'],
          attributes: { 'cognito.quota_category': 'read', 'cognito.guard.waiting': 0, 'cognito.guard.active': 1 },
        },
      ],
    });
  });

  describe('behind Hive Gateway with its OpenTelemetry plugin', () => {
    const routerSpans = new InMemorySpanExporter();
    let users: RunningUsersSubgraph;
    let router: HiveRouter;

    beforeAll(async () => {
      openTelemetrySetup({
        log: new HiveLogger({ level: false }),
        contextManager: new AsyncLocalStorageContextManager(),
        resource: { serviceName: 'router' },
        traces: { exporter: routerSpans, batching: false },
      });
      users = await startUsersSubgraph();
      const composition = composeSupergraph({ users: users.url, authEvents: graphqlUrl });
      if (composition.errors !== undefined) throw new AggregateError(composition.errors, 'composition failed');
      router = startHiveRouter(composition.supergraphSdl, 50, { plugins: (context) => [useOpenTelemetry({ ...context, traces: true })] });
    });
    afterAll(async () => {
      await router?.close();
      await users?.close();
    });

    test("runs one trace from the router's request down to this subgraph's Cognito call, with intact parent links and no secret in any attribute", async () => {
      const answer = (await router.post({ query: ALICES_RECENT_EVENTS, variables: { id: ALICE.sub } }, aliceAuthorization)) as {
        data: { user: { email: string; authEvents: { edges: unknown[]; pageInfo: { endCursor: string } } } };
      };
      // The router's spans of this request (it also traced its own start-up, in another trace).
      const fetchFromThisSubgraph = routerSpans.getFinishedSpans().find((span) => span.name === 'subgraph.execute (auth-events)') as ReadableSpan;
      const routerSide = routerSpans
        .getFinishedSpans()
        .filter((span) => span.spanContext().traceId === fetchFromThisSubgraph.spanContext().traceId)
        .map(routerSpan);
      const root = routerSide.find((span) => span.parentSpanId === '') as TracedSpan;
      const received = await receiver.waitFor((spans) => spans.some((span) => span.traceId === root.traceId && span.kind === 2));
      const subgraphSide = received.filter((span) => span.traceId === root.traceId).map(subgraphSpan);
      const all = [...routerSide, ...subgraphSide];
      const cognitoCall = subgraphSide.find((span) => span.name === 'CognitoIdentityProvider.AdminListUserAuthEvents') as TracedSpan;
      const ancestry = ancestryOf(cognitoCall, all);

      expect(answer.data.user).toEqual({ email: ALICE.email, authEvents: { edges: [expect.anything(), expect.anything()], pageInfo: expect.anything() } });
      expect({
        traces: [...new Set(all.map((span) => span.traceId))],
        roots: all.filter((span) => span.parentSpanId === '').map((span) => `${span.side}: ${span.name}`),
        orphans: all.filter((span) => span.parentSpanId !== '' && !all.some((parent) => parent.spanId === span.parentSpanId)).map((span) => span.name),
        cognitoCallAncestry: ancestry,
        leaked: leakedSecrets(all, {
          token: aliceAuthorization.slice('Bearer '.length),
          username: 'alice',
          sub: ALICE.sub,
          email: ALICE.email,
          cursor: answer.data.user.authEvents.pageInfo.endCursor,
        }),
      }).toEqual({
        traces: [root.traceId],
        roots: [`router: ${root.name}`],
        orphans: [],
        cognitoCallAncestry: [
          'subgraph: query RecentSignIns',
          'subgraph: POST',
          'router: http.fetch',
          'router: subgraph.execute (auth-events)',
          'router: graphql.execute',
          'router: graphql.operation RecentSignIns',
          'router: POST /graphql',
        ],
        leaked: [],
      });
    });
  });
});
