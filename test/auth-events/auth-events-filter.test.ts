import { BOUNDARY_USER_EVENT_COUNTS, DEMO_POOL_ID, type EmulatorAuthEvent } from 'cognito-auth-events-emulator';
import type { AuthEventFieldsFragment, AuthEventFilter, FilteredAuthEventsQuery as FilteredAuthEventsResult } from '../__generated__/graphql';
import { expectedAuthEventNode } from '../support/expected-auth-events';
import { FilteredAuthEventsQuery } from '../support/auth-events.operations';
import { type ReceivedResponse, startTestStack, type TestStack } from '../support/test-stack';

const FILTER_SCAN_PAGES = 5;
const PAGE_SIZES = [1, 7, 60];
const USERS = [...Object.keys(BOUNDARY_USER_EVENT_COUNTS), 'frequent-flyer', 'future-fiona'];

// Written against the schema's view of an event (GraphQL enum names, unknown values as null),
// independently of the gateway's matcher: this is the contract a client reads in the schema.
function expectedMatch(filter: AuthEventFilter, node: AuthEventFieldsFragment): boolean {
  const listed = <T>(values: readonly T[] | null | undefined, value: T | null | undefined) =>
    values === null || values === undefined || (value !== null && value !== undefined && values.includes(value));
  const created = node.creationDate === null ? undefined : Date.parse(node.creationDate);
  return (
    listed(filter.eventTypes, node.eventType) &&
    listed(filter.eventResponses, node.eventResponse) &&
    listed(filter.riskLevels, node.eventRisk?.riskLevel) &&
    listed(filter.riskDecisions, node.eventRisk?.riskDecision) &&
    (filter.hasFeedback === null || filter.hasFeedback === undefined || filter.hasFeedback === (node.eventFeedback !== null)) &&
    (filter.since === null || filter.since === undefined || (created !== undefined && created >= Date.parse(filter.since))) &&
    (filter.until === null || filter.until === undefined || (created !== undefined && created < Date.parse(filter.until)))
  );
}

/**
 * An instant between event `index` and the one after it, so `since`/`until` never sit on an
 * event's own (rounded) date; far in the past for histories that short.
 */
function instantAfter(events: readonly EmulatorAuthEvent[], fraction: number): string {
  const index = Math.floor(events.length * fraction);
  const newer = events[index];
  const older = events[index + 1];
  if (newer === undefined) return '2000-01-01T00:00:00.000Z';
  const olderSeconds = older?.CreationDate ?? newer.CreationDate - 3600;
  return new Date(Math.round(((newer.CreationDate + olderSeconds) / 2) * 1000)).toISOString();
}

/** An instant between event `index` and the one before it (newer); an hour after the newest for index 0. */
function instantBefore(events: readonly EmulatorAuthEvent[], fraction: number): string {
  const index = Math.floor(events.length * fraction);
  const older = events[index];
  if (older === undefined) return '2100-01-01T00:00:00.000Z';
  const newerSeconds = events[index - 1]?.CreationDate ?? older.CreationDate + 3600;
  return new Date(Math.round(((newerSeconds + older.CreationDate) / 2) * 1000)).toISOString();
}

/** The filters every user is walked with; the dates depend on the user's history. */
const FILTER_CASES: Array<{ name: string; filterFor: (events: readonly EmulatorAuthEvent[]) => AuthEventFilter }> = [
  { name: 'eventTypes', filterFor: () => ({ eventTypes: ['SIGN_IN'] }) },
  { name: 'eventTypes of several values', filterFor: () => ({ eventTypes: ['SIGN_UP', 'FORGOT_PASSWORD', 'PASSWORD_CHANGE', 'RESEND_CODE'] }) },
  { name: 'eventResponses', filterFor: () => ({ eventResponses: ['FAIL'] }) },
  { name: 'riskLevels', filterFor: () => ({ riskLevels: ['HIGH', 'MEDIUM'] }) },
  { name: 'riskDecisions', filterFor: () => ({ riskDecisions: ['BLOCK', 'ACCOUNT_TAKEOVER'] }) },
  { name: 'hasFeedback true', filterFor: () => ({ hasFeedback: true }) },
  { name: 'hasFeedback false', filterFor: () => ({ hasFeedback: false }) },
  { name: 'since', filterFor: (events) => ({ since: instantAfter(events, 0.4) }) },
  { name: 'until', filterFor: (events) => ({ until: instantAfter(events, 0.3) }) },
  {
    name: 'every field combined',
    filterFor: (events) => ({
      eventTypes: ['SIGN_IN', 'PASSWORD_CHANGE'],
      eventResponses: ['PASS', 'FAIL'],
      riskLevels: ['LOW', 'MEDIUM', 'HIGH'],
      riskDecisions: ['NO_RISK', 'BLOCK', 'ACCOUNT_TAKEOVER'],
      hasFeedback: false,
      since: instantAfter(events, 0.9),
      until: instantBefore(events, 0.1),
    }),
  },
];

interface WalkedPage {
  edgeCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  cognitoCalls: number;
  cursorsMatchEdges: boolean;
  endCursorPresent: boolean;
  searchedUntil: string | null;
}

/** Follows `endCursor` under `filter` until `hasNextPage` is false, counting Cognito calls per page. */
async function walkFiltered(stack: TestStack, username: string, first: number, filter: AuthEventFilter) {
  const eventIds: string[] = [];
  const pages: WalkedPage[] = [];
  let after: string | null = null;
  for (;;) {
    stack.emulator.calls.clear();
    const response: ReceivedResponse<FilteredAuthEventsResult> = await stack.execute(FilteredAuthEventsQuery, {
      username,
      first,
      after,
      filter,
    });
    expect(response.errors).toBeUndefined();
    const connection = response.data?.authEvents;
    if (!connection) throw new Error('authEvents was null');
    const cursors = connection.edges.map((edge) => edge.cursor);
    eventIds.push(...connection.edges.map((edge) => edge.node.eventId));
    pages.push({
      edgeCount: connection.edges.length,
      hasNextPage: connection.pageInfo.hasNextPage,
      hasPreviousPage: connection.pageInfo.hasPreviousPage,
      cognitoCalls: stack.emulator.calls.list().filter((call) => call.operation === 'AdminListUserAuthEvents').length,
      cursorsMatchEdges:
        cursors.length === 0 || (connection.pageInfo.startCursor === cursors[0] && connection.pageInfo.endCursor === cursors[cursors.length - 1]),
      endCursorPresent: connection.pageInfo.endCursor !== null && connection.pageInfo.endCursor !== undefined,
      searchedUntil: connection.searchedUntil ?? null,
    });
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor ?? null;
    if (pages.length > 1000) throw new Error('walk did not end');
  }
  return { eventIds, pages };
}

describe('filtering authEvents on the server', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { FILTER_SCAN_PAGES: String(FILTER_SCAN_PAGES) } });
  });
  afterAll(() => stack.close());

  const nodesOf = (username: string) =>
    stack.emulator.store.eventsOf(DEMO_POOL_ID, username).map((event) => expectedAuthEventNode(event, DEMO_POOL_ID, username));

  // first=1 over frequent-flyer's 450 events is hundreds of requests a filter (over a minute in
  // all) and proves nothing the boundary users' first=1 walks do not; 7 and 60 walk it instead.
  const cases = FILTER_CASES.flatMap(({ name, filterFor }) =>
    USERS.flatMap((username) =>
      PAGE_SIZES.filter((first) => username !== 'frequent-flyer' || first > 1).map((first) => ({ name, filterFor, username, first })),
    ),
  );

  test.each(cases)(
    'returns every $name match of $username exactly once in order with exact pageInfo, walking with first=$first',
    async ({ filterFor, username, first }) => {
      const filter = filterFor(stack.emulator.store.eventsOf(DEMO_POOL_ID, username));
      const expectedIds = nodesOf(username)
        .filter((node) => expectedMatch(filter, node))
        .map((node) => node.eventId);
      const walk = await walkFiltered(stack, username, first, filter);

      expect(walk.eventIds).toEqual(expectedIds);
      let seen = 0;
      for (const page of walk.pages) {
        seen += page.edgeCount;
        const last = page === walk.pages[walk.pages.length - 1];
        expect({
          withinBudget: page.cognitoCalls <= FILTER_SCAN_PAGES,
          // A short page that promises more must have spent the budget; a full one holds the proof
          // of a further match (the lookahead); the last page ends the walk, and only it.
          hasNextPage: page.hasNextPage,
          hasPreviousPage: page.hasPreviousPage,
          cursorsMatchEdges: page.cursorsMatchEdges,
          endCursorPresent: page.endCursorPresent,
          searchedUntilPresent: page.searchedUntil !== null,
        }).toEqual({
          withinBudget: true,
          hasNextPage: !last,
          hasPreviousPage: false,
          cursorsMatchEdges: true,
          endCursorPresent: page.edgeCount > 0 || page.hasNextPage,
          searchedUntilPresent: page.hasNextPage,
        });
        if (page.hasNextPage && page.edgeCount < first) expect(page.cognitoCalls).toBe(FILTER_SCAN_PAGES);
        if (page.hasNextPage && page.edgeCount === first) expect(seen).toBeLessThan(expectedIds.length);
      }
    },
  );

  test('since ends the scan at the first older event, with no further Cognito call and hasNextPage false', async () => {
    const events = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'frequent-flyer');
    // Between events 70 and 71: the second Cognito page (events 60–119) holds the first older event.
    const since = instantAfter(events, 70 / events.length);
    stack.emulator.calls.clear();
    const response = await stack.execute(FilteredAuthEventsQuery, { username: 'frequent-flyer', first: 100, filter: { since } });

    expect({
      eventIds: response.data?.authEvents?.edges.map((edge) => edge.node.eventId),
      hasNextPage: response.data?.authEvents?.pageInfo.hasNextPage,
      searchedUntil: response.data?.authEvents?.searchedUntil,
      calls: stack.emulator.calls.list().map((call) => ({ operation: call.operation, maxResults: call.maxResults })),
    }).toEqual({
      eventIds: events.slice(0, 71).map((event) => event.EventId),
      hasNextPage: false,
      searchedUntil: null,
      calls: [
        { operation: 'AdminListUserAuthEvents', maxResults: 60 },
        { operation: 'AdminListUserAuthEvents', maxResults: 60 },
      ],
    });
  });

  test('a page that spends its scan budget without a match has no edges, hasNextPage true and an endCursor that resumes the scan', async () => {
    const events = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'frequent-flyer');
    // Only events older than event 400 match: the first page's 5 Cognito pages (300 events) hold none.
    const filter = { until: instantAfter(events, 400 / events.length) };
    stack.emulator.calls.clear();
    const empty = await stack.execute(FilteredAuthEventsQuery, { username: 'frequent-flyer', first: 10, filter });
    const firstCalls = stack.emulator.calls.count();
    stack.emulator.calls.clear();
    const resumed = await stack.execute(FilteredAuthEventsQuery, {
      username: 'frequent-flyer',
      first: 10,
      filter,
      after: empty.data?.authEvents?.pageInfo.endCursor ?? null,
    });

    expect({
      empty: {
        edges: empty.data?.authEvents?.edges,
        hasNextPage: empty.data?.authEvents?.pageInfo.hasNextPage,
        startCursor: empty.data?.authEvents?.pageInfo.startCursor,
        endCursorIsString: typeof empty.data?.authEvents?.pageInfo.endCursor,
        searchedUntil: empty.data?.authEvents?.searchedUntil,
        calls: firstCalls,
      },
      resumed: {
        eventIds: resumed.data?.authEvents?.edges.map((edge) => edge.node.eventId),
        hasNextPage: resumed.data?.authEvents?.pageInfo.hasNextPage,
        calls: stack.emulator.calls.count(),
      },
    }).toEqual({
      empty: {
        edges: [],
        hasNextPage: true,
        startCursor: null,
        endCursorIsString: 'string',
        searchedUntil: expectedAuthEventNode(events[299] as EmulatorAuthEvent, DEMO_POOL_ID, 'frequent-flyer').creationDate,
        calls: FILTER_SCAN_PAGES,
      },
      resumed: {
        eventIds: events.slice(401, 411).map((event) => event.EventId),
        hasNextPage: true,
        // Events 300–359, then 360–419, whose event 411 is the lookahead.
        calls: 2,
      },
    });
  });

  test('refuses a cursor under another filter, or under none, with zero Cognito calls', async () => {
    const page = await stack.execute(FilteredAuthEventsQuery, { username: 'frequent-flyer', first: 3, filter: { eventResponses: ['FAIL'] } });
    const after = page.data?.authEvents?.pageInfo.endCursor ?? '';
    stack.emulator.calls.clear();
    const otherFilter = await stack.execute(FilteredAuthEventsQuery, { username: 'frequent-flyer', first: 3, after, filter: { eventResponses: ['PASS'] } });
    const noFilter = await stack.execute(FilteredAuthEventsQuery, { username: 'frequent-flyer', first: 3, after });
    const callsWhenRefused = stack.emulator.calls.count();
    // The same filter spelled otherwise (a repeated value) has the same canonical form.
    const sameFilterRespelled = await stack.execute(FilteredAuthEventsQuery, {
      username: 'frequent-flyer',
      first: 3,
      after,
      filter: { eventResponses: ['FAIL', 'FAIL'] },
    });

    const refusal = {
      message: 'after was issued for a different user or user pool, to a different caller, or under a different filter (a cursor works only with the filter it was issued under).',
      code: 'BAD_USER_INPUT',
      argumentName: 'after',
    };
    const errorsOf = (response: typeof otherFilter) =>
      response.errors?.map((error) => ({ message: error.message, code: error.extensions?.code, argumentName: error.extensions?.argumentName }));
    expect({
      otherFilter: errorsOf(otherFilter),
      noFilter: errorsOf(noFilter),
      callsWhenRefused,
      sameFilterRespelled: errorsOf(sameFilterRespelled),
    }).toEqual({ otherFilter: [refusal], noFilter: [refusal], callsWhenRefused: 0, sameFilterRespelled: undefined });
  });

  test('never matches a value the schema does not know, and never fails on one', async () => {
    const nodes = nodesOf('future-fiona');
    const everyKnownType: AuthEventFilter = { eventTypes: ['SIGN_IN', 'SIGN_UP', 'FORGOT_PASSWORD', 'PASSWORD_CHANGE', 'RESEND_CODE'] };
    const everyKnownLevel: AuthEventFilter = { riskLevels: ['LOW', 'MEDIUM', 'HIGH'] };
    const typed = await walkFiltered(stack, 'future-fiona', 60, everyKnownType);
    const leveled = await walkFiltered(stack, 'future-fiona', 60, everyKnownLevel);

    expect({ typed: typed.eventIds, leveled: leveled.eventIds }).toEqual({
      typed: nodes.filter((node) => node.eventType !== null).map((node) => node.eventId),
      leveled: nodes.filter((node) => node.eventRisk?.riskLevel != null).map((node) => node.eventId),
    });
    // The user exists to carry unknown values: the filter must have had some to skip.
    expect(nodes.some((node) => node.eventType === null || node.eventRisk?.riskLevel === null)).toBe(true);
  });

  test.each<[string, AuthEventFilter, string, string]>([
    ['an empty eventTypes list', { eventTypes: [] }, 'filter.eventTypes', 'filter.eventTypes must list at least one value (it means any of them); omit it not to filter by it.'],
    ['an empty riskDecisions list', { riskDecisions: [] }, 'filter.riskDecisions', 'filter.riskDecisions must list at least one value (it means any of them); omit it not to filter by it.'],
    [
      'since equal to until',
      { since: '2025-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z' },
      'filter.since',
      'filter.since must be before filter.until; received since 2025-01-01T00:00:00.000Z and until 2025-01-01T00:00:00.000Z.',
    ],
    [
      'since after until',
      { since: '2025-02-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z' },
      'filter.since',
      'filter.since must be before filter.until; received since 2025-02-01T00:00:00.000Z and until 2025-01-01T00:00:00.000Z.',
    ],
  ])('refuses %s as BAD_USER_INPUT with zero Cognito calls', async (_name, filter, argumentName, message) => {
    stack.emulator.calls.clear();
    const response = await stack.execute(FilteredAuthEventsQuery, { username: 'alice', first: 5, filter });

    expect({
      data: response.data,
      errors: response.errors?.map((error) => ({ message: error.message, code: error.extensions?.code, argumentName: error.extensions?.argumentName })),
      calls: stack.emulator.calls.count(),
    }).toEqual({ data: { authEvents: null }, errors: [{ message, code: 'BAD_USER_INPUT', argumentName }], calls: 0 });
  });

  test('filters User.authEvents of an entity the same way', async () => {
    const response = await stack.executeRaw({
      query:
        'query E($r: [_Any!]!) { _entities(representations: $r) { ... on User { authEvents(first: 5, filter: { eventResponses: [FAIL] }) { edges { node { eventId } } } } } }',
      variables: { r: [{ __typename: 'User', id: 'frequent-flyer' }] },
    });
    const expectedIds = nodesOf('frequent-flyer')
      .filter((node) => node.eventResponse === 'FAIL')
      .slice(0, 5)
      .map((node) => ({ node: { eventId: node.eventId } }));

    expect(response.body).toEqual({ data: { _entities: [{ authEvents: { edges: expectedIds } }] } });
  });
});
