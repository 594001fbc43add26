import { BOUNDARY_USER_EVENT_COUNTS, DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { AuthEventIdsQuery } from '../support/auth-events.operations';
import type { AuthEventIdsQuery as AuthEventIdsQueryResult } from '../__generated__/graphql';
import { type ReceivedResponse, startTestStack, type TestStack } from '../support/test-stack';

const PAGE_SIZES = [1, 7, 20, 60, 100];
const BOUNDARY_USERS = Object.keys(BOUNDARY_USER_EVENT_COUNTS);
const COGNITO_PAGE = 60;

interface Walk {
  eventIds: string[];
  pages: Array<{ edgeCount: number; hasNextPage: boolean; hasPreviousPage: boolean; cursorsMatchEdges: boolean }>;
  upstreamCalls: number;
  maxResultsSent: number[];
}

/** Follows `endCursor` from the first page to the last, as Apollo Client or Relay would. */
async function walkHistory(stack: TestStack, username: string, first: number): Promise<Walk> {
  stack.emulator.calls.clear();
  const walk: Walk = { eventIds: [], pages: [], upstreamCalls: 0, maxResultsSent: [] };
  let after: string | null = null;
  for (;;) {
    const response: ReceivedResponse<AuthEventIdsQueryResult> = await stack.execute(AuthEventIdsQuery, {
      username,
      first,
      after,
    });
    expect(response.errors).toBeUndefined();
    const connection = response.data?.authEvents;
    if (!connection) throw new Error('authEvents was null');
    const cursors = connection.edges.map((edge) => edge.cursor);
    walk.eventIds.push(...connection.edges.map((edge) => edge.node.eventId));
    walk.pages.push({
      edgeCount: connection.edges.length,
      hasNextPage: connection.pageInfo.hasNextPage,
      hasPreviousPage: connection.pageInfo.hasPreviousPage,
      cursorsMatchEdges:
        connection.pageInfo.startCursor === (cursors[0] ?? null) &&
        connection.pageInfo.endCursor === (cursors[cursors.length - 1] ?? null),
    });
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor ?? null;
    if (walk.pages.length > 1000) throw new Error('walk did not end');
  }
  const calls = stack.emulator.calls.list().filter((call) => call.operation === 'AdminListUserAuthEvents');
  walk.upstreamCalls = calls.length;
  walk.maxResultsSent = calls.map((call) => call.maxResults ?? 0);
  return walk;
}

/** The pages a client must see: full pages of `first`, the last one holding the rest, exact flags. */
function expectedPages(total: number, first: number): Walk['pages'] {
  const pageCount = Math.max(1, Math.ceil(total / first));
  return Array.from({ length: pageCount }, (_, index) => {
    const edgeCount = Math.min(first, total - index * first);
    return {
      edgeCount,
      hasNextPage: (index + 1) * first < total,
      hasPreviousPage: false,
      cursorsMatchEdges: true,
    };
  });
}

describe.each([
  { trailingEmptyPage: true, label: 'when Cognito hands out a NextToken that leads to an empty page' },
  { trailingEmptyPage: false, label: 'when Cognito ends the history without a NextToken' },
])('walking authEvents page by page $label', ({ trailingEmptyPage }) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ emulator: { trailingEmptyPage } });
  });
  afterAll(() => stack.close());

  const cases = BOUNDARY_USERS.flatMap((username) => PAGE_SIZES.map((first) => ({ username, first })));

  test.each(cases)(
    'returns every event of $username exactly once in order with exact pageInfo, within the call budget, for first=$first',
    async ({ username, first }) => {
      const expectedIds = stack.emulator.store.eventsOf(DEMO_POOL_ID, username).map((event) => event.EventId);
      const walk = await walkHistory(stack, username, first);

      expect(walk.eventIds).toEqual(expectedIds);
      expect(walk.pages).toEqual(expectedPages(expectedIds.length, first));
      // ceil(first / 60) calls a page, one more for the first page, one more at the end.
      const budget = walk.pages.length * Math.ceil(first / COGNITO_PAGE) + 2;
      expect(walk.upstreamCalls).toBeLessThanOrEqual(budget);
      expect(walk.maxResultsSent.every((maxResults) => maxResults >= 1 && maxResults <= COGNITO_PAGE)).toBe(true);
    },
  );

  test('a long walk with first=20 costs exactly one upstream call a page, the lookahead riding in endCursor', async () => {
    const walk = await walkHistory(stack, 'frequent-flyer', 20);
    // 450 events in 23 pages. The first page reads 21 (20 and the lookahead); each later one
    // reads 20 after the carried lookahead; the last one gets a short page, so the end is known.
    expect({ pages: walk.pages.length, upstreamCalls: walk.upstreamCalls, maxResultsSent: walk.maxResultsSent }).toEqual({
      pages: 23,
      upstreamCalls: 23,
      maxResultsSent: [21, ...Array<number>(22).fill(20)],
    });
  });

  test('a history that ends exactly on a full Cognito page costs one more call only if Cognito offers an empty page', async () => {
    const walk = await walkHistory(stack, 'full-page', 59);
    // 60 events, first=59: page 1 reads all 60 (59 and the lookahead) in one call. Page 2 is
    // just the carried lookahead; it needs a call only to follow a NextToken to the empty page.
    expect({ pages: walk.pages.length, upstreamCalls: walk.upstreamCalls }).toEqual({
      pages: 2,
      upstreamCalls: trailingEmptyPage ? 2 : 1,
    });
  });
});
