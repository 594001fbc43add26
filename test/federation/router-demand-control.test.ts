import type { GraphQLSchema } from 'graphql';
import { DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { buildGatewaySchema } from '../../src/schema/build-schema';
import { expectedAuthEventId } from '../support/expected-auth-events';
import { cognitoReadsOfSource } from '../support/operation-reads';
import { type LogLine, startTestStack, type TestStack } from '../support/test-stack';
import { expectedConnectionPage, postGraphQL, USER_WITH_AUTH_EVENTS, USERS_WITH_AUTH_EVENTS } from './federation.operations';
import { type HiveRouter, startHiveRouter } from './hive-gateway.router';
import { composeSupergraph } from './supergraph.composition';
import { DIRECTORY_USERS, type RunningUsersSubgraph, startUsersSubgraph } from './users.subgraph';

/** The router's budget: 60 units a Cognito read, times the subgraph's own `MAX_OPERATION_COGNITO_READS` (50). */
const MAX_COST = 3000;

/** What a router answers, as far as these tests read it. */
interface RouterAnswer {
  data?: unknown;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  extensions?: { cost?: { estimated: number; max: number } };
}

/** Eleven users' high-risk events: 11 filtered pages, each up to the scan budget (5 reads), 55 reads in all. */
const ELEVEN_HIGH_RISK_HISTORIES = `query ElevenHighRiskHistories { ${DIRECTORY_USERS.slice(0, 11)
  .map((user, index) => `u${index}: authEvents(username: ${JSON.stringify(user.username)}, first: 100, filter: { riskLevels: [HIGH] }) { edges { node { id creationDate } } }`)
  .join(' ')} }`;

/** The same through the users subgraph: one user, and eleven aliases of its high-risk events. */
const ALICES_ELEVEN_HIGH_RISK_HISTORIES = `query AlicesElevenHighRiskHistories($id: ID!) { user(id: $id) { email ${Array.from(
  { length: 11 },
  (_, index) => `h${index}: authEvents(first: 100, filter: { riskLevels: [HIGH] }) { edges { node { id } } }`,
).join(' ')} } }`;

function userNamed(username: string) {
  const user = DIRECTORY_USERS.find((candidate) => candidate.username === username);
  if (user === undefined) throw new Error(`the directory has no ${username}`);
  return user;
}

describe('the subgraph behind Hive Gateway with demand control', () => {
  let users: RunningUsersSubgraph;
  let stack: TestStack;
  let router: HiveRouter;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    users = await startUsersSubgraph();
    stack = await startTestStack({ captureLogs: true });
    const composition = composeSupergraph({ users: users.url, authEvents: stack.gateway.graphqlUrl });
    if (composition.errors !== undefined) throw new AggregateError(composition.errors, 'composition failed');
    router = startHiveRouter(composition.supergraphSdl, stack.config.fairUse.maxOperationCognitoReads);
    schema = await buildGatewaySchema();
  });
  afterAll(async () => {
    await router?.close();
    await stack?.close();
    await users?.close();
  });
  beforeEach(() => stack.emulator.calls.clear());

  const eventsOf = (username: string) => stack.emulator.store.eventsOf(DEMO_POOL_ID, username);
  const viaRouter = (query: string, variables: Record<string, unknown> = {}) =>
    router.post({ query, variables }, stack.authorization) as Promise<RouterAnswer>;

  /**
   * The requests that reached the subgraph from log line `from` on, as it logged them: a
   * request sent straight to it now marks the end, so this waits on its line, not on a clock.
   */
  async function requestsReachingTheSubgraphSince(from: number): Promise<Array<Pick<LogLine, 'operationType' | 'outcome' | 'cognitoCalls'>>> {
    await postGraphQL(stack.gateway.graphqlUrl, 'query EndOfTest { __typename }', {}, stack.authorization);
    await stack.waitForLog((line) => line.msg === 'request' && line.operation === 'EndOfTest', from);
    const lines = stack
      .logs()
      .split('\n')
      .filter((line) => line !== '')
      .slice(from)
      .map((line) => JSON.parse(line) as LogLine)
      .filter((line) => line.msg === 'request');
    const end = lines.findIndex((line) => line.operation === 'EndOfTest');
    return lines.slice(0, end).map(({ operationType, outcome, cognitoCalls }) => ({ operationType, outcome, cognitoCalls }));
  }

  /** What the subgraph itself charges an operation, in Cognito reads, under the stack's settings. */
  function subgraphReadsOf(source: string, variables: Record<string, unknown> = {}): number {
    return cognitoReadsOfSource(schema, source, variables, { ...stack.config.pagination, eventScanPages: stack.config.upstreamLimits.eventScanPages });
  }

  test("serves a user's email and latest auth events under the limit, estimated at about one read", async () => {
    const alice = userNamed('alice');
    const from = stack.logLineCount();

    const answer = await viaRouter(USER_WITH_AUTH_EVENTS, { id: alice.id, first: 5 });

    // users: the User (1); auth-events: the _Entity (1), authEvents (60), 5 edges (5), pageInfo (1).
    expect(answer).toEqual({
      data: { user: { id: alice.id, email: alice.email, authEvents: expectedConnectionPage(eventsOf('alice'), alice.id, 0, 5) } },
      extensions: { cost: { estimated: 68, max: MAX_COST } },
    });
    expect(await requestsReachingTheSubgraphSince(from)).toEqual([{ operationType: 'query', outcome: 'ok', cognitoCalls: 1 }]);
    expect(stack.emulator.calls.list().map((call) => [call.operation, call.userPoolId, call.username, call.maxResults])).toEqual([
      ['AdminListUserAuthEvents', DEMO_POOL_ID, alice.id, 6],
    ]);
  });

  test('refuses an operation over the limit with COST_ESTIMATED_TOO_EXPENSIVE before anything reaches the subgraph or Cognito', async () => {
    const from = stack.logLineCount();
    const callsBefore = stack.gateway.upstreamCalls.snapshot();

    const answer = await viaRouter(ELEVEN_HIGH_RISK_HISTORIES);

    const cost = { estimated: 4400, max: MAX_COST };
    expect(answer).toEqual({
      data: Object.fromEntries(DIRECTORY_USERS.slice(0, 11).map((_, index) => [`u${index}`, null])),
      errors: DIRECTORY_USERS.slice(0, 11).map((_, index) => ({
        message: 'Operation estimated cost 4400 exceeded configured maximum 3000',
        locations: [{ line: 1, column: expect.any(Number) }],
        path: [`u${index}`],
        extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost },
      })),
      extensions: { cost },
    });
    expect({
      requestsReachingTheSubgraph: await requestsReachingTheSubgraphSince(from),
      emulatorCalls: stack.emulator.calls.list(),
      upstreamCalls: stack.gateway.upstreamCalls.snapshot(),
    }).toEqual({ requestsReachingTheSubgraph: [], emulatorCalls: [], upstreamCalls: callsBefore });
  });

  test("refuses only the fetch from this subgraph when a user's histories take the operation over the limit", async () => {
    const alice = userNamed('alice');
    const from = stack.logLineCount();

    const answer = await viaRouter(ALICES_ELEVEN_HIGH_RISK_HISTORIES, { id: alice.id });

    // Hive Gateway checks each subgraph fetch as it is about to send it: the users subgraph has
    // answered, the fetch from this one (1 for the User, 11 × 400 for the histories) is refused.
    const cost = { estimated: 4402, max: MAX_COST };
    const aliases = Array.from({ length: 11 }, (_, index) => `h${index}`);
    expect(answer).toEqual({
      data: { user: { email: alice.email, ...Object.fromEntries(aliases.map((alias) => [alias, null])) } },
      errors: aliases.map((alias) => ({
        message: 'Operation estimated cost 4402 exceeded configured maximum 3000',
        path: ['user', alias],
        extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost },
      })),
      extensions: { cost },
    });
    expect({
      requestsReachingTheSubgraph: await requestsReachingTheSubgraphSince(from),
      emulatorCalls: stack.emulator.calls.list(),
    }).toEqual({ requestsReachingTheSubgraph: [], emulatorCalls: [] });
  });

  test('agrees with the subgraph, which refuses the same operation sent straight to it', async () => {
    const direct = await postGraphQL(stack.gateway.graphqlUrl, ELEVEN_HIGH_RISK_HISTORIES, {}, stack.authorization);

    expect({
      reads: subgraphReadsOf(ELEVEN_HIGH_RISK_HISTORIES),
      errors: direct.errors?.map((error) => [error.extensions?.code, error.message]),
      emulatorCalls: stack.emulator.calls.list(),
    }).toEqual({
      reads: 55,
      errors: [
        [
          'OPERATION_LIMIT_EXCEEDED',
          'This operation may need 55 Cognito reads; the limit is 50 (MAX_OPERATION_COGNITO_READS). Ask for fewer users or smaller pages.',
        ],
      ],
      emulatorCalls: [],
    });
  });

  test('tracks the reads the subgraph charges at 60 units a read: never under unless no edge is selected, never two reads over', async () => {
    const [bobsEvent] = eventsOf('bob');
    if (bobsEvent === undefined) throw new Error('bob has no events');
    const eventId = expectedAuthEventId(DEMO_POOL_ID, 'bob', bobsEvent.EventId);
    const filter = '{ eventTypes: [SIGN_IN] }';
    const operations: Array<[string, string]> = [
      ['first page of 5', `query { authEvents(username: "bob", first: 5) { edges { node { id } } pageInfo { hasNextPage } } }`],
      ['first omitted (20)', `query { authEvents(username: "bob") { edges { node { id } } } }`],
      ['59 edges: one read', `query { authEvents(username: "bob", first: 59) { edges { cursor } } }`],
      ['60 edges: the lookahead is a second read', `query { authEvents(username: "bob", first: 60) { edges { cursor } } }`],
      ['100 edges, from a variable', `query ($first: Int) { authEvents(username: "bob", first: $first) { edges { node { eventType eventRisk { riskLevel } challengeResponses { challengeName } } } } }`],
      ['filtered, 1 edge: the scan budget', `query { authEvents(username: "bob", first: 1, filter: ${filter}) { edges { node { id } } searchedUntil } }`],
      ['filtered, 100 edges', `query { authEvents(username: "bob", first: 100, filter: ${filter}) { edges { node { id } } } }`],
      ['an event by id', `query { authEvent(id: ${JSON.stringify(eventId)}) { id eventFeedback { feedbackValue } } }`],
      [
        'feedback',
        `mutation { updateAuthEventFeedback(input: { username: "bob", eventId: ${JSON.stringify(bobsEvent.EventId)}, feedbackValue: VALID }) { authEvent { id } } }`,
      ],
      ['no edges selected: the page is read all the same', `query { authEvents(username: "bob", first: 100) { pageInfo { hasNextPage } } }`],
    ];

    const rows = [];
    for (const [name, query] of operations) {
      const variables = { first: 100 };
      const answer = await viaRouter(query, variables);
      const reads = subgraphReadsOf(query, variables);
      const estimated = answer.extensions?.cost?.estimated;
      rows.push({ name, reads, estimated, overInReads: estimated === undefined ? undefined : (estimated - 60 * reads) / 60, errors: answer.errors });
    }

    expect(rows).toEqual([
        { name: 'first page of 5', reads: 1, estimated: 66, overInReads: 0.1, errors: undefined },
        { name: 'first omitted (20)', reads: 1, estimated: 61, overInReads: 1 / 60, errors: undefined },
        { name: '59 edges: one read', reads: 1, estimated: 119, overInReads: 59 / 60, errors: undefined },
        { name: '60 edges: the lookahead is a second read', reads: 2, estimated: 120, overInReads: 0, errors: undefined },
        { name: '100 edges, from a variable', reads: 2, estimated: 160, overInReads: 40 / 60, errors: undefined },
        { name: 'filtered, 1 edge: the scan budget', reads: 5, estimated: 301, overInReads: 1 / 60, errors: undefined },
        { name: 'filtered, 100 edges', reads: 5, estimated: 400, overInReads: 100 / 60, errors: undefined },
        { name: 'an event by id', reads: 5, estimated: 300, overInReads: 0, errors: undefined },
        { name: 'feedback', reads: 5, estimated: 300, overInReads: 0, errors: undefined },
        // The one case a router estimates low: it counts edges only where they are selected.
        { name: 'no edges selected: the page is read all the same', reads: 2, estimated: 61, overInReads: -59 / 60, errors: undefined },
    ]);
  });

  test('forwards an entity fan-out it counts as one entity, which the subgraph then refuses before any Cognito read', async () => {
    const from = stack.logLineCount();

    const answer = await viaRouter(USERS_WITH_AUTH_EVENTS, { first: 100 });

    // Hive Gateway counts the `_entities` call as one User whatever the number of representations:
    // users (3) + the _Entity (1), authEvents (60), 100 edges (100) and pageInfo (1).
    expect(answer).toEqual({
      data: { users: { edges: DIRECTORY_USERS.map((user) => ({ node: { id: user.id, email: user.email, authEvents: null } })) } },
      errors: DIRECTORY_USERS.map((_, index) => ({
        message: `This operation may need ${2 * DIRECTORY_USERS.length} Cognito reads; the limit is 50 (MAX_OPERATION_COGNITO_READS). Ask for fewer users or smaller pages.`,
        path: ['users', 'edges', index, 'node', 'authEvents'],
        extensions: {
          code: 'OPERATION_LIMIT_EXCEEDED',
          limit: 'MAX_OPERATION_COGNITO_READS',
          maximum: 50,
          serviceName: 'auth-events',
          // The test stack is not in production mode, so the subgraph's errors carry their stack.
          stacktrace: expect.any(Array),
        },
      })),
      extensions: { cost: { estimated: 165, max: MAX_COST } },
    });
    expect({
      requestsReachingTheSubgraph: await requestsReachingTheSubgraphSince(from),
      emulatorCalls: stack.emulator.calls.list(),
    }).toEqual({ requestsReachingTheSubgraph: [{ operationType: 'query', outcome: 'refused', cognitoCalls: 0 }], emulatorCalls: [] });
  });
});
