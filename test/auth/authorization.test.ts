import {
  DEMO_POOL_ID,
  DEMO_SUPPORT_CONSOLE_CLIENT_ID,
  EMULATOR_ADMIN_GROUP,
  EMULATOR_ADMIN_SCOPE,
  NO_THREAT_PROTECTION_POOL_ID,
  OTHER_POOL_ID,
  seedUser,
} from 'cognito-auth-events-emulator';
import { AuthEventIdsQuery } from '../support/auth-events.operations';
import { expectedAuthEventId } from '../support/expected-auth-events';
import { startTestStack, type TestStack } from '../support/test-stack';

// Plain strings sent with `executeRaw`: `username` is optional here, which the generated
// documents (written for admins naming the user) do not allow.

const EVENT_IDS = `
  query EventIds($username: String, $userPoolId: String, $first: Int, $after: String) {
    authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {
      edges { node { eventId } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const OWN_AND_OTHER = `
  query OwnAndOther($other: String!) {
    own: authEvents(first: 3) { edges { node { eventId } } pageInfo { hasNextPage endCursor } }
    other: authEvents(username: $other, first: 3) { edges { node { eventId } } pageInfo { hasNextPage endCursor } }
  }
`;

const AUTH_EVENT_BY_ID = `
  query AuthEventById($id: ID!) {
    authEvent(id: $id) { id eventId }
  }
`;

const UPDATE_FEEDBACK = `
  mutation UpdateFeedback($input: UpdateAuthEventFeedbackInput!) {
    updateAuthEventFeedback(input: $input) {
      authEvent { eventId eventFeedback { feedbackValue provider } }
    }
  }
`;

const PRODUCTION_ENV = { NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };

const READ_FORBIDDEN =
  "You may read only your own auth events: username must be your username or sub in your own user pool (or omitted). Reading other users' events needs an admin caller.";
const ADMIN_FEEDBACK_FORBIDDEN =
  "Feedback without a feedbackToken uses the gateway's admin rights and needs an admin caller; pass the feedbackToken from Cognito's email instead.";
const FEEDBACK_FORBIDDEN = 'You may give feedback only on your own auth events, unless you are an admin.';

/** The connection `EVENT_IDS` selects, for these event ids. */
function idsConnection(eventIds: readonly string[], hasNextPage: boolean) {
  return {
    edges: eventIds.map((eventId) => ({ node: { eventId } })),
    pageInfo: { hasNextPage, endCursor: eventIds.length === 0 ? null : expect.any(String) },
  };
}

/** An error on one field, as a production gateway sends it (no stack trace). */
function fieldError(path: Array<string | number>, code: string, message: string, argumentName?: string) {
  return {
    message,
    locations: expect.any(Array),
    path,
    extensions: argumentName === undefined ? { code } : { code, argumentName },
  };
}

/** A successful HTTP response with this `data`. */
function answered(data: Record<string, unknown>) {
  return { status: 200, body: { data } };
}

describe('who may read whose auth events', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: PRODUCTION_ENV });
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.emulator.calls.clear());

  const eventIdsOf = (username: string) => stack.emulator.store.eventsOf(DEMO_POOL_ID, username).map((event) => event.EventId);
  const upstreamReads = () => stack.emulator.calls.list().map((call) => [call.operation, call.userPoolId, call.username]);
  const alice = () => stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice' });

  test.each([
    ['by username', () => ({ username: 'alice' }), 'alice'],
    ['by sub', () => ({ username: seedUser('alice').sub }), seedUser('alice').sub],
    ['with username omitted', () => ({}), 'alice'],
  ])('a user reads their own history %s', async (_label, owner, sentUsername) => {
    const response = await stack.executeRaw({ query: EVENT_IDS, variables: { ...owner(), first: 4 } }, { authorization: await alice() });

    expect({ response, upstream: upstreamReads() }).toEqual({
      response: answered({ authEvents: idsConnection(eventIdsOf('alice').slice(0, 4), true) }),
      upstream: [['AdminListUserAuthEvents', DEMO_POOL_ID, sentUsername]],
    });
  });

  test.each([
    ['by username', () => ({ username: 'alice' }), 'alice'],
    ['by sub', () => ({ username: seedUser('alice').sub }), seedUser('alice').sub],
    ['with username omitted', () => ({}), 'alice'],
  ])('an ID token identifies the user as an access token does, %s', async (_label, owner, sentUsername) => {
    const idToken = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', tokenUse: 'id' });

    const response = await stack.executeRaw({ query: EVENT_IDS, variables: { ...owner(), first: 4 } }, { authorization: idToken });

    expect({ response, upstream: upstreamReads() }).toEqual({
      response: answered({ authEvents: idsConnection(eventIdsOf('alice').slice(0, 4), true) }),
      upstream: [['AdminListUserAuthEvents', DEMO_POOL_ID, sentUsername]],
    });
  });

  test("a user naming another user gets FORBIDDEN on that field alone, and Cognito is read only for the user's own history", async () => {
    const response = await stack.executeRaw({ query: OWN_AND_OTHER, variables: { other: 'bob' } }, { authorization: await alice() });

    expect({ response, upstream: upstreamReads() }).toEqual({
      response: {
        status: 200,
        body: {
          data: { own: idsConnection(eventIdsOf('alice').slice(0, 3), true), other: null },
          errors: [fieldError(['other'], 'FORBIDDEN', READ_FORBIDDEN)],
        },
      },
      upstream: [['AdminListUserAuthEvents', DEMO_POOL_ID, 'alice']],
    });
  });

  test.each([
    ["another user's sub", () => seedUser('bob').sub],
    ['their own email alias (only Cognito could tell it is theirs)', () => seedUser('alice').email],
  ])('a user naming %s gets FORBIDDEN, without a Cognito call', async (_label, username) => {
    const response = await stack.executeRaw({ query: EVENT_IDS, variables: { username: username(), first: 4 } }, { authorization: await alice() });

    expect({ response, upstreamCalls: stack.emulator.calls.count() }).toEqual({
      response: { status: 200, body: { data: { authEvents: null }, errors: [fieldError(['authEvents'], 'FORBIDDEN', READ_FORBIDDEN)] } },
      upstreamCalls: 0,
    });
  });

  test.each([
    ['a user in an admin group', () => stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', groups: [EMULATOR_ADMIN_GROUP] })],
    ['a machine client with the admin scope', () => Promise.resolve(stack.authorization)],
  ])("%s reads any user's history", async (_label, authorization) => {
    const bobs = await stack.executeRaw({ query: EVENT_IDS, variables: { username: 'bob', first: 3 } }, { authorization: await authorization() });
    const bySub = await stack.executeRaw(
      { query: EVENT_IDS, variables: { username: seedUser('frequent-flyer').sub, first: 2 } },
      { authorization: await authorization() },
    );

    expect({ bobs, bySub, upstream: upstreamReads() }).toEqual({
      bobs: answered({ authEvents: idsConnection(eventIdsOf('bob').slice(0, 3), true) }),
      bySub: answered({ authEvents: idsConnection(eventIdsOf('frequent-flyer').slice(0, 2), true) }),
      upstream: [
        ['AdminListUserAuthEvents', DEMO_POOL_ID, 'bob'],
        ['AdminListUserAuthEvents', DEMO_POOL_ID, seedUser('frequent-flyer').sub],
      ],
    });
  });

  test('a user whose access token carries the admin scope is no admin: the scope makes admins of machine clients only', async () => {
    const scopedAlice = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', scope: EMULATOR_ADMIN_SCOPE });

    const response = await stack.executeRaw({ query: OWN_AND_OTHER, variables: { other: 'bob' } }, { authorization: scopedAlice });

    expect({ response, upstream: upstreamReads() }).toEqual({
      response: {
        status: 200,
        body: {
          data: { own: idsConnection(eventIdsOf('alice').slice(0, 3), true), other: null },
          errors: [fieldError(['other'], 'FORBIDDEN', READ_FORBIDDEN)],
        },
      },
      upstream: [['AdminListUserAuthEvents', DEMO_POOL_ID, 'alice']],
    });
  });

  test('a machine client whose scope is not an admin scope gets FORBIDDEN for any user, without a Cognito call', async () => {
    const reader = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID, scope: 'other/read' });

    const response = await stack.executeRaw({ query: EVENT_IDS, variables: { username: 'bob', first: 2 } }, { authorization: reader });

    expect({ response, upstreamCalls: stack.emulator.calls.count() }).toEqual({
      response: { status: 200, body: { data: { authEvents: null }, errors: [fieldError(['authEvents'], 'FORBIDDEN', READ_FORBIDDEN)] } },
      upstreamCalls: 0,
    });
  });

  test.each([
    ['with the admin scope', () => Promise.resolve(stack.authorization)],
    ['without it', () => stack.tokenFor({ userPoolId: DEMO_POOL_ID, clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID, scope: 'other/read' })],
  ])('a machine client %s must name the user: omitting username is BAD_USER_INPUT, without a Cognito call', async (_label, authorization) => {
    const response = await stack.executeRaw({ query: EVENT_IDS, variables: { first: 2 } }, { authorization: await authorization() });

    expect({ response, upstreamCalls: stack.emulator.calls.count() }).toEqual({
      response: {
        status: 200,
        body: {
          data: { authEvents: null },
          errors: [
            fieldError(['authEvents'], 'BAD_USER_INPUT', 'username is required: the caller is not a signed-in user of a pool.', 'username'),
          ],
        },
      },
      upstreamCalls: 0,
    });
  });

  test('a user reads one of their own events by its id', async () => {
    const eventId = eventIdsOf('alice')[2] ?? '';
    const id = expectedAuthEventId(DEMO_POOL_ID, 'alice', eventId);

    const response = await stack.executeRaw({ query: AUTH_EVENT_BY_ID, variables: { id } }, { authorization: await alice() });

    expect({ response, upstream: upstreamReads() }).toEqual({
      response: answered({ authEvent: { id, eventId } }),
      upstream: [['AdminListUserAuthEvents', DEMO_POOL_ID, 'alice']],
    });
  });

  test("a user asking for another user's event by its id gets FORBIDDEN, without a Cognito call", async () => {
    const id = expectedAuthEventId(DEMO_POOL_ID, 'bob', eventIdsOf('bob')[0] ?? '');

    const response = await stack.executeRaw({ query: AUTH_EVENT_BY_ID, variables: { id } }, { authorization: await alice() });

    expect({ response, upstreamCalls: stack.emulator.calls.count() }).toEqual({
      response: { status: 200, body: { data: { authEvent: null }, errors: [fieldError(['authEvent'], 'FORBIDDEN', READ_FORBIDDEN)] } },
      upstreamCalls: 0,
    });
  });

  test('a cursor issued to one admin is BAD_USER_INPUT for another admin reading the same user, without a Cognito call', async () => {
    const aliceAdmin = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', groups: [EMULATOR_ADMIN_GROUP] });
    const firstPage = await stack.execute(AuthEventIdsQuery, { username: 'bob', first: 2 }, { authorization: aliceAdmin });
    const after = firstPage.data?.authEvents?.pageInfo.endCursor ?? '';
    const resumedByIssuer = await stack.executeRaw({ query: EVENT_IDS, variables: { username: 'bob', first: 2, after } }, { authorization: aliceAdmin });
    stack.emulator.calls.clear();

    const resumedByAnother = await stack.executeRaw({ query: EVENT_IDS, variables: { username: 'bob', first: 2, after } }, { authorization: stack.authorization });

    expect({ resumedByIssuer, resumedByAnother, upstreamCalls: stack.emulator.calls.count() }).toEqual({
      resumedByIssuer: answered({ authEvents: idsConnection(eventIdsOf('bob').slice(2, 4), true) }),
      resumedByAnother: {
        status: 200,
        body: {
          data: { authEvents: null },
          errors: [
            fieldError(['authEvents'], 'BAD_USER_INPUT', 'after was issued for a different user or user pool, to a different caller, or under a different filter (a cursor works only with the filter it was issued under).', 'after'),
          ],
        },
      },
      upstreamCalls: 0,
    });
  });
});

describe('who may read whose auth events across user pools', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { ...PRODUCTION_ENV, COGNITO_USER_POOL_IDS: `${DEMO_POOL_ID},${OTHER_POOL_ID},${NO_THREAT_PROTECTION_POOL_ID}` },
    });
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.emulator.calls.clear());

  const eventIdsOf = (poolId: string, username: string) => stack.emulator.store.eventsOf(poolId, username).map((event) => event.EventId);

  test('a user gets FORBIDDEN for the user of the same name in another pool, without a Cognito call', async () => {
    const demoAlice = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice' });

    const response = await stack.executeRaw(
      { query: EVENT_IDS, variables: { username: 'alice', userPoolId: OTHER_POOL_ID, first: 2 } },
      { authorization: demoAlice },
    );

    expect({ response, upstreamCalls: stack.emulator.calls.count() }).toEqual({
      response: { status: 200, body: { data: { authEvents: null }, errors: [fieldError(['authEvents'], 'FORBIDDEN', READ_FORBIDDEN)] } },
      upstreamCalls: 0,
    });
  });

  test("a user of another pool who names neither user nor pool reads their own history in their own pool, not the default pool's namesake", async () => {
    const otherAlice = await stack.tokenFor({ userPoolId: OTHER_POOL_ID, username: 'alice' });

    const response = await stack.executeRaw({ query: EVENT_IDS, variables: { first: 10 } }, { authorization: otherAlice });

    expect({ response, upstreamPools: stack.emulator.calls.list().map((call) => call.userPoolId) }).toEqual({
      response: answered({ authEvents: idsConnection(eventIdsOf(OTHER_POOL_ID, 'alice'), false) }),
      upstreamPools: [OTHER_POOL_ID],
    });
  });

  test('an admin of one pool reads a user of another served pool', async () => {
    const response = await stack.executeRaw({ query: EVENT_IDS, variables: { username: 'alice', userPoolId: OTHER_POOL_ID, first: 10 } });

    expect({ response, upstreamPools: stack.emulator.calls.list().map((call) => call.userPoolId) }).toEqual({
      response: answered({ authEvents: idsConnection(eventIdsOf(OTHER_POOL_ID, 'alice'), false) }),
      upstreamPools: [OTHER_POOL_ID],
    });
  });
});

describe('who may give feedback on whose auth events', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: PRODUCTION_ENV });
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.emulator.reset());

  const eventIdOf = (username: string, index: number) => stack.emulator.store.eventsOf(DEMO_POOL_ID, username)[index]?.EventId ?? '';
  const feedbackTokenFor = (username: string, eventId: string) =>
    stack.emulator.store.feedbackTokenFor({ userPoolId: DEMO_POOL_ID, username, eventId });
  const alice = () => stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice' });
  const upstreamCalls = () =>
    stack.emulator.calls.list().map((call) => [call.operation, call.username, call.feedbackTokenPresent ?? false]);

  test.each([
    ['naming themselves', { username: 'alice' }],
    ['with username omitted', {}],
  ])('a user rates their own event with the feedback token Cognito mailed, %s', async (_label, owner) => {
    const eventId = eventIdOf('alice', 1);

    const response = await stack.executeRaw(
      { query: UPDATE_FEEDBACK, variables: { input: { ...owner, eventId, feedbackValue: 'INVALID', feedbackToken: feedbackTokenFor('alice', eventId) } } },
      { authorization: await alice() },
    );

    expect({ response, upstream: upstreamCalls() }).toEqual({
      response: answered({
        updateAuthEventFeedback: { authEvent: { eventId, eventFeedback: { feedbackValue: 'INVALID', provider: 'User' } } },
      }),
      upstream: [
        ['UpdateAuthEventFeedback', 'alice', true],
        ['AdminListUserAuthEvents', 'alice', false],
      ],
    });
  });

  test('a user without a feedback token is refused the admin path with FORBIDDEN, without a Cognito call', async () => {
    const response = await stack.executeRaw(
      { query: UPDATE_FEEDBACK, variables: { input: { username: 'alice', eventId: eventIdOf('alice', 1), feedbackValue: 'VALID' } } },
      { authorization: await alice() },
    );

    expect({ response, upstreamCalls: stack.emulator.calls.count() }).toEqual({
      response: {
        status: 200,
        body: { data: { updateAuthEventFeedback: null }, errors: [fieldError(['updateAuthEventFeedback'], 'FORBIDDEN', ADMIN_FEEDBACK_FORBIDDEN)] },
      },
      upstreamCalls: 0,
    });
  });

  test("a user holding another user's feedback token gets FORBIDDEN, without a Cognito call", async () => {
    const eventId = eventIdOf('bob', 0);

    const response = await stack.executeRaw(
      { query: UPDATE_FEEDBACK, variables: { input: { username: 'bob', eventId, feedbackValue: 'VALID', feedbackToken: feedbackTokenFor('bob', eventId) } } },
      { authorization: await alice() },
    );

    expect({ response, upstreamCalls: stack.emulator.calls.count(), bobsFeedback: stack.emulator.store.eventsOf(DEMO_POOL_ID, 'bob')[0]?.EventFeedback }).toEqual({
      response: {
        status: 200,
        body: { data: { updateAuthEventFeedback: null }, errors: [fieldError(['updateAuthEventFeedback'], 'FORBIDDEN', FEEDBACK_FORBIDDEN)] },
      },
      upstreamCalls: 0,
      bobsFeedback: undefined,
    });
  });

  test.each([
    ['a user in an admin group', () => stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', groups: [EMULATOR_ADMIN_GROUP] })],
    ['a machine client with the admin scope', () => Promise.resolve(stack.authorization)],
  ])("%s rates any user's event without a feedback token", async (_label, authorization) => {
    const eventId = eventIdOf('bob', 0);

    const response = await stack.executeRaw(
      { query: UPDATE_FEEDBACK, variables: { input: { username: 'bob', eventId, feedbackValue: 'VALID' } } },
      { authorization: await authorization() },
    );

    expect({ response, upstream: upstreamCalls() }).toEqual({
      response: answered({
        updateAuthEventFeedback: { authEvent: { eventId, eventFeedback: { feedbackValue: 'VALID', provider: 'Admin' } } },
      }),
      upstream: [
        ['AdminUpdateAuthEventFeedback', 'bob', false],
        ['AdminListUserAuthEvents', 'bob', false],
      ],
    });
  });
});
