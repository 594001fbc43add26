import { DEMO_POOL_ID, EMULATOR_ADMIN_GROUP, seedUser } from 'cognito-auth-events-emulator';
import { startTestStack, type TestStack } from '../support/test-stack';
import { expectedConnectionPage, postGraphQL, USER_ENTITIES_WITH_AUTH_EVENTS } from './federation.operations';

const READ_FORBIDDEN =
  "You may read only your own auth events: username must be your username or sub in your own user pool (or omitted). Reading other users' events needs an admin caller.";

/** A connection page as `USER_ENTITIES_WITH_AUTH_EVENTS` selects it: no cursors. */
function expectedCursorlessPage(...args: Parameters<typeof expectedConnectionPage>) {
  const { edges, pageInfo } = expectedConnectionPage(...args);
  return {
    edges: edges.map(({ node }) => ({ node })),
    pageInfo: { hasNextPage: pageInfo.hasNextPage, hasPreviousPage: pageInfo.hasPreviousPage },
  };
}

/** `authEvents` of the `index`th entity refused, as a production gateway sends it. */
function forbiddenAt(index: number) {
  return {
    message: READ_FORBIDDEN,
    locations: expect.any(Array),
    path: ['_entities', index, 'authEvents'],
    extensions: { code: 'FORBIDDEN' },
  };
}

describe("who may read a User entity's authEvents", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'silent' } });
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.emulator.calls.clear());

  const eventsOf = (username: string) => stack.emulator.store.eventsOf(DEMO_POOL_ID, username);
  const upstreamUsers = () => stack.emulator.calls.list().map((call) => [call.operation, call.userPoolId, call.username]);
  const entities = (authorization: string, ids: readonly string[]) =>
    postGraphQL(
      stack.gateway.graphqlUrl,
      USER_ENTITIES_WITH_AUTH_EVENTS,
      { representations: ids.map((id) => ({ __typename: 'User', id })), first: 3 },
      authorization,
    );

  test.each([
    ['sub', () => seedUser('alice').sub],
    ['username', () => 'alice'],
  ])("a user resolves the authEvents of their own User whose id is their %s", async (_label, id) => {
    const alice = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice' });

    const response = await entities(alice, [id()]);

    expect({ response, upstream: upstreamUsers() }).toEqual({
      response: {
        data: { _entities: [{ __typename: 'User', id: id(), authEvents: expectedCursorlessPage(eventsOf('alice'), id(), 0, 3) }] },
      },
      upstream: [['AdminListUserAuthEvents', DEMO_POOL_ID, id()]],
    });
  });

  test("a user gets FORBIDDEN for other Users' authEvents, entity by entity, while their own entities in the list resolve and only they are read", async () => {
    const alice = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice' });
    const { sub } = seedUser('alice');
    const ids = ['bob', sub, seedUser('frequent-flyer').sub, 'alice', 'alice@example.com'];

    const response = await entities(alice, ids);

    expect({ response, upstream: upstreamUsers().sort() }).toEqual({
      response: {
        data: {
          _entities: [
            { __typename: 'User', id: 'bob', authEvents: null },
            { __typename: 'User', id: sub, authEvents: expectedCursorlessPage(eventsOf('alice'), sub, 0, 3) },
            { __typename: 'User', id: seedUser('frequent-flyer').sub, authEvents: null },
            { __typename: 'User', id: 'alice', authEvents: expectedCursorlessPage(eventsOf('alice'), 'alice', 0, 3) },
            { __typename: 'User', id: 'alice@example.com', authEvents: null },
          ],
        },
        errors: [forbiddenAt(0), forbiddenAt(2), forbiddenAt(4)],
      },
      upstream: [
        ['AdminListUserAuthEvents', DEMO_POOL_ID, sub],
        ['AdminListUserAuthEvents', DEMO_POOL_ID, 'alice'],
      ].sort(),
    });
  });

  test.each([
    ['a user in an admin group', () => stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', groups: [EMULATOR_ADMIN_GROUP] })],
    ['a machine client with the admin scope', () => Promise.resolve(stack.authorization)],
  ])("%s resolves every User's authEvents", async (_label, authorization) => {
    const ids = ['bob', seedUser('alice').sub, 'frequent-flyer'];

    const response = await entities(await authorization(), ids);

    expect({ response, upstream: upstreamUsers().sort() }).toEqual({
      response: {
        data: {
          _entities: [
            { __typename: 'User', id: 'bob', authEvents: expectedCursorlessPage(eventsOf('bob'), 'bob', 0, 3) },
            { __typename: 'User', id: ids[1], authEvents: expectedCursorlessPage(eventsOf('alice'), seedUser('alice').sub, 0, 3) },
            { __typename: 'User', id: 'frequent-flyer', authEvents: expectedCursorlessPage(eventsOf('frequent-flyer'), 'frequent-flyer', 0, 3) },
          ],
        },
      },
      upstream: ids.map((id) => ['AdminListUserAuthEvents', DEMO_POOL_ID, id]).sort(),
    });
  });
});
