import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { startTestStack, type TestStack } from '../support/test-stack';
import {
  expectedConnectionPage,
  postGraphQL,
  USER_WITH_AUTH_EVENTS,
  USERS_WITH_AUTH_EVENTS,
  type UserWithAuthEventsData,
} from './federation.operations';
import { composeSupergraph } from './supergraph.composition';
import { DIRECTORY_USERS, type RunningUsersSubgraph, startUsersSubgraph } from './users.subgraph';

/** What the router keeps of each request: the caller's token, to forward. */
interface RouterContext {
  readonly authorization: string | undefined;
}

/** The gateway's cap on Cognito calls in flight, set low so ten users must queue behind it. */
const MAX_CONCURRENCY = 4;

describe('the supergraph, through an Apollo gateway', () => {
  let users: RunningUsersSubgraph;
  let stack: TestStack;
  let router: ApolloServer<RouterContext>;
  let routerUrl: string;

  beforeAll(async () => {
    users = await startUsersSubgraph();
    // Each Cognito call takes a while, so calls that are allowed to overlap do overlap.
    stack = await startTestStack({
      env: { COGNITO_MAX_CONCURRENCY: String(MAX_CONCURRENCY) },
      emulator: { faults: { latencyMs: 25 } },
    });
    const composition = composeSupergraph({ users: users.url, authEvents: stack.gateway.graphqlUrl });
    if (composition.errors !== undefined) throw new AggregateError(composition.errors, 'composition failed');
    router = new ApolloServer<RouterContext>({
      gateway: new ApolloGateway({
        supergraphSdl: composition.supergraphSdl,
        // What docs/authentication.md tells @apollo/gateway users to do: forward the caller's Authorization
        // header to every subgraph, so this one knows who is asking.
        buildService: ({ url }) =>
          new RemoteGraphQLDataSource<RouterContext>({
            url,
            willSendRequest({ request, context }) {
              if (context.authorization !== undefined) request.http?.headers.set('authorization', context.authorization);
            },
          }),
      }),
    });
    routerUrl = (
      await startStandaloneServer(router, {
        listen: { host: '127.0.0.1', port: 0 },
        context: async ({ req }) => ({ authorization: req.headers.authorization }),
      })
    ).url;
  });
  afterAll(async () => {
    await router?.stop();
    await stack?.close();
    await users?.close();
  });
  beforeEach(() => stack.emulator.calls.clear());

  const eventsOf = (username: string) => stack.emulator.store.eventsOf(DEMO_POOL_ID, username);

  test('lists users with their email and first auth events, reading Cognito once per user within the cap', async () => {
    const response = await postGraphQL(routerUrl, USERS_WITH_AUTH_EVENTS, { first: 5 }, stack.authorization);

    expect(response).toEqual({
      data: {
        users: {
          edges: DIRECTORY_USERS.map((user) => ({
            node: {
              id: user.id,
              email: user.email,
              authEvents: expectedConnectionPage(eventsOf(user.username), user.id, 0, 5),
            },
          })),
        },
      },
    });
    const readsPerUser = stack.emulator.calls
      .list()
      .map((call) => [call.operation, call.userPoolId, call.username, call.maxResults, call.nextToken])
      .sort();
    expect(readsPerUser).toEqual(
      DIRECTORY_USERS.map((user) => ['AdminListUserAuthEvents', DEMO_POOL_ID, user.id, 6, undefined]).sort(),
    );
    expect(stack.emulator.calls.maxConcurrency).toBeLessThanOrEqual(MAX_CONCURRENCY);
  });

  test("pages one user's history by following endCursor through the router", async () => {
    const alice = DIRECTORY_USERS.find((user) => user.username === 'alice');
    if (alice === undefined) throw new Error('the directory has no alice');
    const firstPage = await postGraphQL<UserWithAuthEventsData>(routerUrl, USER_WITH_AUTH_EVENTS, {
      id: alice.id,
      first: 5,
    }, stack.authorization);
    const after = firstPage.data?.user?.authEvents?.pageInfo.endCursor;
    stack.emulator.calls.clear();

    const nextPage = await postGraphQL(routerUrl, USER_WITH_AUTH_EVENTS, { id: alice.id, first: 5, after }, stack.authorization);

    expect({ after: typeof after, nextPage }).toEqual({
      after: 'string',
      nextPage: {
        data: {
          user: {
            id: alice.id,
            email: alice.email,
            authEvents: expectedConnectionPage(eventsOf('alice'), alice.id, 5, 5),
          },
        },
      },
    });
    expect(stack.emulator.calls.list().map((call) => [call.operation, call.userPoolId, call.username])).toEqual([
      ['AdminListUserAuthEvents', DEMO_POOL_ID, alice.id],
    ]);
  });
});
