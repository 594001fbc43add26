import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { DEMO_POOL_ID, NO_THREAT_PROTECTION_POOL_ID, OTHER_POOL_ID } from 'cognito-auth-events-emulator';
import { startTestStack, type TestStack } from '../support/test-stack';
import {
  expectedConnectionPage,
  postGraphQL,
  SERVICE_SDL,
  type ServiceSdlData,
  USER_ENTITIES_WITH_AUTH_EVENTS,
  USER_ENTITY_IDS,
} from './federation.operations';
import { COMMITTED_SUBGRAPH_SDL } from './supergraph.composition';
import { DIRECTORY_USERS, type DirectoryUser } from './users.subgraph';

const MAX_CONCURRENCY = 4;

/** A connection page as `USER_ENTITIES_WITH_AUTH_EVENTS` selects it: no cursors. */
function expectedCursorlessPage(...args: Parameters<typeof expectedConnectionPage>) {
  const { edges, pageInfo } = expectedConnectionPage(...args);
  return {
    edges: edges.map(({ node }) => ({ node })),
    pageInfo: { hasNextPage: pageInfo.hasNextPage, hasPreviousPage: pageInfo.hasPreviousPage },
  };
}

/**
 * The SDL a schema text stands for, printed the one way `@apollo/subgraph` prints a subgraph:
 * `_service.sdl` spells out what `@link` imports and the `_entities`/`_service` machinery, the
 * committed file does not, and both describe the same subgraph exactly when this agrees.
 */
function normalisedSubgraphSdl(sdl: string): string {
  return `${printSubgraphSchema(buildSubgraphSchema(parse(sdl)))}\n`;
}

describe("the subgraph's federation fields", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { COGNITO_MAX_CONCURRENCY: String(MAX_CONCURRENCY) },
      emulator: { faults: { latencyMs: 25 } },
    });
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.emulator.calls.clear());

  const eventsOf = (username: string) => stack.emulator.store.eventsOf(DEMO_POOL_ID, username);

  test('resolves 50 representations in order, duplicates alike, reading Cognito once per distinct user', async () => {
    // 10 distinct users (the boundary users and personas); 7 is coprime with 10, so this visits
    // each user five times, interleaved.
    const distinctUsers = DIRECTORY_USERS.slice(0, 10);
    const users = Array.from({ length: 50 }, (_, index) => distinctUsers[(index * 7) % distinctUsers.length]).filter(
      (user): user is DirectoryUser => user !== undefined,
    );
    const representations = users.map((user) => ({ __typename: 'User', id: user.id }));

    const response = await postGraphQL(stack.gateway.graphqlUrl, USER_ENTITIES_WITH_AUTH_EVENTS, {
      representations,
      first: 3,
    }, stack.authorization);

    expect({ representations: users.length, distinct: new Set(users).size }).toEqual({ representations: 50, distinct: 10 });
    expect(response).toEqual({
      data: {
        _entities: users.map((user) => ({
          __typename: 'User',
          id: user.id,
          authEvents: expectedCursorlessPage(eventsOf(user.username), user.id, 0, 3),
        })),
      },
    });
    expect(
      stack.emulator.calls
        .list()
        .map((call) => [call.operation, call.userPoolId, call.username, call.maxResults])
        .sort(),
    ).toEqual(distinctUsers.map((user) => ['AdminListUserAuthEvents', DEMO_POOL_ID, user.id, 4]).sort());
    expect(stack.emulator.calls.maxConcurrency).toBeLessThanOrEqual(MAX_CONCURRENCY);
  });

  test('resolves User references without calling Cognito when authEvents is not selected', async () => {
    const representations = [{ __typename: 'User', id: 'alice' }, { __typename: 'User', id: 'not a username' }];

    const response = await postGraphQL(stack.gateway.graphqlUrl, USER_ENTITY_IDS, { representations }, stack.authorization);

    expect({ response, upstreamCalls: stack.emulator.calls.count() }).toEqual({
      response: {
        data: {
          _entities: [
            { __typename: 'User', id: 'alice' },
            { __typename: 'User', id: 'not a username' },
          ],
        },
      },
      upstreamCalls: 0,
    });
  });

  test('answers BAD_USER_INPUT for the authEvents of an id that is no Cognito username, and resolves the rest', async () => {
    const representations = [
      { __typename: 'User', id: 'bob' },
      { __typename: 'User', id: 'not a username' },
      { __typename: 'User', id: 'x'.repeat(129) },
    ];

    const response = await postGraphQL(stack.gateway.graphqlUrl, USER_ENTITIES_WITH_AUTH_EVENTS, {
      representations,
      first: 2,
    }, stack.authorization);

    const invalidIdError = (index: number, rule: string) => ({
      message: `id is invalid: ${rule}.`,
      locations: expect.any(Array),
      path: ['_entities', index, 'authEvents'],
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'id', stacktrace: expect.any(Array) },
    });
    expect({ response, upstreamUsers: stack.emulator.calls.list().map((call) => call.username) }).toEqual({
      response: {
        data: {
          _entities: [
            { __typename: 'User', id: 'bob', authEvents: expectedCursorlessPage(eventsOf('bob'), 'bob', 0, 2) },
            { __typename: 'User', id: 'not a username', authEvents: null },
            { __typename: 'User', id: 'x'.repeat(129), authEvents: null },
          ],
        },
        errors: [
          invalidIdError(1, 'it must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+'),
          invalidIdError(2, 'it must have length less than or equal to 128'),
        ],
      },
      upstreamUsers: ['bob'],
    });
  });

  test('refuses the whole list when a User representation has an id that is not a string, without calling Cognito', async () => {
    const response = await postGraphQL(stack.gateway.graphqlUrl, USER_ENTITIES_WITH_AUTH_EVENTS, {
      representations: [{ __typename: 'User', id: 'alice' }, { __typename: 'User', id: 42 }],
    }, stack.authorization);

    expect({ response, upstreamCalls: stack.emulator.calls.count() }).toEqual({
      response: {
        data: null,
        errors: [
          {
            message: 'representations[1]: a User representation must carry its key field id as a string; received a number.',
            locations: expect.any(Array),
            path: ['_entities'],
            extensions: { code: 'BAD_USER_INPUT', argumentName: 'representations', stacktrace: expect.any(Array) },
          },
        ],
      },
      upstreamCalls: 0,
    });
  });

  test('serves as _service.sdl the subgraph committed in schema.graphql, cost directives and all', async () => {
    const response = await postGraphQL<ServiceSdlData>(stack.gateway.graphqlUrl, SERVICE_SDL, {}, stack.authorization);
    const sdl = response.data?._service.sdl;

    expect({
      committedIsNormalised: normalisedSubgraphSdl(COMMITTED_SUBGRAPH_SDL) === COMMITTED_SUBGRAPH_SDL,
      served: typeof sdl === 'string' ? normalisedSubgraphSdl(sdl) : sdl,
    }).toEqual({ committedIsNormalised: true, served: COMMITTED_SUBGRAPH_SDL });
  });
});

describe('the pool the User entity maps to', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        COGNITO_USER_POOL_IDS: `${DEMO_POOL_ID},${OTHER_POOL_ID},${NO_THREAT_PROTECTION_POOL_ID}`,
        FEDERATION_USER_POOL_ID: OTHER_POOL_ID,
      },
    });
  });
  afterAll(() => stack?.close());

  test('is FEDERATION_USER_POOL_ID, not the default pool', async () => {
    const response = await postGraphQL(stack.gateway.graphqlUrl, USER_ENTITIES_WITH_AUTH_EVENTS, {
      representations: [{ __typename: 'User', id: 'alice' }],
      first: 10,
    }, stack.authorization);

    const otherAlicesEvents = stack.emulator.store.eventsOf(OTHER_POOL_ID, 'alice');
    expect({ response, upstreamPools: stack.emulator.calls.list().map((call) => call.userPoolId) }).toEqual({
      response: {
        data: {
          _entities: [
            {
              __typename: 'User',
              id: 'alice',
              authEvents: expectedCursorlessPage(otherAlicesEvents, 'alice', 0, 10, OTHER_POOL_ID),
            },
          ],
        },
      },
      upstreamPools: [OTHER_POOL_ID],
    });
  });
});
