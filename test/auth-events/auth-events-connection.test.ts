import { DEMO_POOL_ID, seedUser } from 'cognito-auth-events-emulator';
import { AuthEventIdsQuery, AuthEventsPageQuery } from '../support/auth-events.operations';
import { expectedAuthEventId, expectedAuthEventNode } from '../support/expected-auth-events';
import type { AuthEventIdsQuery as AuthEventIdsQueryResult } from '../__generated__/graphql';
import { type ReceivedResponse, startTestStack, type TestStack } from '../support/test-stack';

describe('the authEvents connection', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.calls.clear());

  const eventIdsOf = (username: string) =>
    stack.emulator.store.eventsOf(DEMO_POOL_ID, username).map((event) => event.EventId);

  test('returns the newest events with every field, exactly as Cognito recorded them', async () => {
    const response = await stack.execute(AuthEventsPageQuery, { username: 'alice', first: 5 });

    const expectedNodes = stack.emulator.store
      .eventsOf(DEMO_POOL_ID, 'alice')
      .slice(0, 5)
      .map((event) => expectedAuthEventNode(event, DEMO_POOL_ID, 'alice'));
    const connection = response.data?.authEvents;
    expect(response.errors).toBeUndefined();
    expect(connection?.edges.map((edge) => edge.node)).toEqual(expectedNodes);
    expect(connection?.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: connection?.edges[0]?.cursor,
      endCursor: connection?.edges[4]?.cursor,
    });
    expect(stack.emulator.calls.list().map((call) => [call.operation, call.maxResults, call.nextToken])).toEqual([
      ['AdminListUserAuthEvents', 6, undefined],
    ]);
  });

  test('defaults to 20 events and the default user pool', async () => {
    const response = await stack.execute(AuthEventIdsQuery, { username: 'frequent-flyer' });

    expect(response.data?.authEvents?.edges.map((edge) => edge.node.eventId)).toEqual(
      eventIdsOf('frequent-flyer').slice(0, 20),
    );
    expect(stack.emulator.calls.list().map((call) => call.userPoolId)).toEqual([DEMO_POOL_ID]);
  });

  test('finds the same history by email alias and by sub, with ids bound to the name used', async () => {
    const { sub } = seedUser('bob');
    const byEmail = await stack.execute(AuthEventIdsQuery, { username: 'bob@example.com', first: 100 });
    const bySub = await stack.execute(AuthEventsPageQuery, { username: sub, first: 1 });

    expect({
      byEmail: byEmail.data?.authEvents?.edges.map((edge) => edge.node.eventId),
      bySubId: bySub.data?.authEvents?.edges[0]?.node.id,
    }).toEqual({
      byEmail: eventIdsOf('bob'),
      bySubId: expectedAuthEventId(DEMO_POOL_ID, sub, eventIdsOf('bob')[0] ?? ''),
    });
  });

  test('returns an empty connection for a user with no history', async () => {
    const response = await stack.execute(AuthEventIdsQuery, { username: 'no-history', first: 10 });

    expect(response).toEqual({
      data: {
        authEvents: {
          edges: [],
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        },
      },
    });
  });

  test('resumes right after every edge of a page, also in the middle of a Cognito page', async () => {
    const allIds = eventIdsOf('full-page-plus-one');
    const firstPage = await stack.execute(AuthEventIdsQuery, { username: 'full-page-plus-one', first: 20 });
    const secondPage = await stack.execute(AuthEventIdsQuery, {
      username: 'full-page-plus-one',
      first: 20,
      after: firstPage.data?.authEvents?.pageInfo.endCursor ?? null,
    });
    const edges = [...(firstPage.data?.authEvents?.edges ?? []), ...(secondPage.data?.authEvents?.edges ?? [])];
    expect(edges.map((edge) => edge.node.eventId)).toEqual(allIds.slice(0, 40));

    const resumed = [];
    for (const [index, edge] of edges.entries()) {
      stack.emulator.calls.clear();
      const response = await stack.execute(AuthEventIdsQuery, {
        username: 'full-page-plus-one',
        first: 25,
        after: edge.cursor,
      });
      resumed.push({
        ids: response.data?.authEvents?.edges.map((resumedEdge) => resumedEdge.node.eventId),
        hasNextPage: response.data?.authEvents?.pageInfo.hasNextPage,
        // From the middle of a page: one read of the rest of it, at most one more after that.
        withinTwoCalls: stack.emulator.calls.count() <= 2,
      });
      expect(resumed[index]).toEqual({
        ids: allIds.slice(index + 1, index + 26),
        hasNextPage: index + 26 < allIds.length,
        withinTwoCalls: true,
      });
    }
  });

  test('resumes from the cursor of an edge of a page that spans two Cognito pages', async () => {
    const allIds = eventIdsOf('frequent-flyer');
    const page = await stack.execute(AuthEventIdsQuery, { username: 'frequent-flyer', first: 100 });
    const edges = page.data?.authEvents?.edges ?? [];

    for (const index of [0, 58, 59, 60, 61, 98, 99]) {
      const response = await stack.execute(AuthEventIdsQuery, {
        username: 'frequent-flyer',
        first: 100,
        after: edges[index]?.cursor ?? null,
      });
      expect(response.data?.authEvents?.edges.map((edge) => edge.node.eventId)).toEqual(
        allIds.slice(index + 1, index + 101),
      );
    }
  });

  test('answers first: 0 with no edges and no upstream call', async () => {
    const fromStart = await stack.execute(AuthEventIdsQuery, { username: 'alice', first: 0 });
    const page = await stack.execute(AuthEventIdsQuery, { username: 'alice', first: 2 });
    stack.emulator.calls.clear();
    const fromCursor = await stack.execute(AuthEventIdsQuery, {
      username: 'alice',
      first: 0,
      after: page.data?.authEvents?.pageInfo.endCursor ?? null,
    });

    const empty = (hasNextPage: boolean) => ({
      data: {
        authEvents: { edges: [], pageInfo: { hasNextPage, hasPreviousPage: false, startCursor: null, endCursor: null } },
      },
    });
    // From a cursor the gateway knows an event followed it; from the start it cannot know without a call.
    expect({ fromStart, fromCursor }).toEqual({ fromStart: empty(false), fromCursor: empty(true) });
    expect(stack.emulator.calls.count()).toBe(0);
  });

  test('resolves values Cognito added after this schema to null without failing the query', async () => {
    const response = await stack.execute(AuthEventsPageQuery, { username: 'future-fiona', first: 100 });

    const expectedNodes = stack.emulator.store
      .eventsOf(DEMO_POOL_ID, 'future-fiona')
      .map((event) => expectedAuthEventNode(event, DEMO_POOL_ID, 'future-fiona'));
    expect(response.errors).toBeUndefined();
    expect(response.data?.authEvents?.edges.map((edge) => edge.node)).toEqual(expectedNodes);
    expect(expectedNodes.some((node) => node.eventType === null)).toBe(true);
  });
});

describe('the authEvents connection with Cognito NextTokens of the maximum length', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ emulator: { nextTokenMinLength: 131072 } });
  });
  afterAll(() => stack.close());

  test.each([7, 60, 100])('walks a history with 131,072-character tokens inside its cursors, first=%i', async (first) => {
    const expectedIds = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'two-full-pages').map((event) => event.EventId);
    const ids: string[] = [];
    let after: string | null = null;
    let hasNextPage = true;
    while (hasNextPage) {
      const response: ReceivedResponse<AuthEventIdsQueryResult> = await stack.execute(AuthEventIdsQuery, {
        username: 'two-full-pages',
        first,
        after,
      });
      expect(response.errors).toBeUndefined();
      const connection = response.data?.authEvents;
      ids.push(...(connection?.edges.map((edge) => edge.node.eventId) ?? []));
      hasNextPage = connection?.pageInfo.hasNextPage ?? false;
      after = connection?.pageInfo.endCursor ?? null;
    }
    expect(ids).toEqual(expectedIds);
  });
});

describe('values Cognito added after this schema', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ captureLogs: true });
  });
  afterAll(() => stack.close());

  test('are logged once per field and value, however often they come back', async () => {
    await stack.execute(AuthEventsPageQuery, { username: 'future-fiona', first: 100 });
    await stack.execute(AuthEventsPageQuery, { username: 'future-fiona', first: 100 });

    const unknownValueLines = stack
      .logs()
      .split('\n')
      .filter((line) => line.includes('a value the schema does not know'))
      .map((line) => {
        const { field, value } = JSON.parse(line) as { field: string; value: string };
        return `${field}=${value}`;
      });
    expect(unknownValueLines.length).toBeGreaterThan(0);
    expect(unknownValueLines).toEqual([...new Set(unknownValueLines)]);
  });
});
