import { DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { startTestStack, type TestStack } from '../support/test-stack';

const PAGE_WITHOUT_CURSORS = '{ authEvents(username: "alice", first: 10) { edges { node { eventId } } pageInfo { hasNextPage } } }';
const PAGE_WITH_CURSORS =
  '{ authEvents(username: "alice", first: 10) { edges { cursor node { eventId } } pageInfo { hasNextPage startCursor endCursor } } }';
const ONE_AFTER = 'query One($after: String) { authEvents(username: "alice", first: 1, after: $after) { edges { node { eventId } } } }';

interface PageData {
  authEvents: { edges: Array<{ cursor?: string; node: { eventId: string } }>; pageInfo: { startCursor?: string; endCursor?: string } };
}

describe('edge cursors', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  test('are not made at all when no cursor is selected', async () => {
    const before = stack.gateway.cursorSeals;
    const { body } = await stack.executeRaw({ query: PAGE_WITHOUT_CURSORS });

    expect({ edges: (body.data as unknown as PageData).authEvents.edges.length, seals: stack.gateway.cursorSeals - before }).toEqual({
      edges: 10,
      seals: 0,
    });
  });

  test('cost two seals for a page from one Cognito page: one shared by the edges, one for the edge carrying the lookahead', async () => {
    const before = stack.gateway.cursorSeals;
    const { body } = await stack.executeRaw({ query: PAGE_WITH_CURSORS });
    const { edges, pageInfo } = (body.data as unknown as PageData).authEvents;

    expect({
      seals: stack.gateway.cursorSeals - before,
      startIsFirst: pageInfo.startCursor === edges[0]?.cursor,
      endIsLast: pageInfo.endCursor === edges[9]?.cursor,
    }).toEqual({ seals: 2, startIsFirst: true, endIsLast: true });
  });

  test('resume right after their own edge, each of them', async () => {
    const events = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'alice');
    const { body } = await stack.executeRaw({ query: PAGE_WITH_CURSORS });
    const { edges } = (body.data as unknown as PageData).authEvents;

    const next = [];
    for (const edge of edges) {
      const { body: resumed } = await stack.executeRaw({ query: ONE_AFTER, variables: { after: edge.cursor } });
      next.push((resumed.data as unknown as PageData).authEvents.edges.map((e) => e.node.eventId));
    }

    expect(next).toEqual(events.slice(1, 11).map((event) => [event.EventId]));
  });
});
