import { type CognitoEmulator, DEMO_POOL_ID, DEMO_WEB_CLIENT_ID } from 'cognito-auth-events-emulator';
import { InMemoryPageCache } from '../../src/shared-state/local-page-cache';
import { startTestStack, type TestStack } from '../support/test-stack';

const PAGE = 'query P($u: String, $n: Int) { authEvents(username: $u, first: $n) { edges { node { eventId eventFeedback { feedbackValue } } } } }';

interface PageData {
  authEvents: { edges: Array<{ node: { eventId: string; eventFeedback: { feedbackValue: string } | null } }> } | null;
}

function readsOf(emulator: CognitoEmulator): Array<[string, string | undefined, number | undefined]> {
  return emulator.calls.list().map((call) => [call.operation, call.username, call.maxResults]);
}

describe('the page cache', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { PAGE_CACHE_TTL_MS: '60000' } });
  });
  afterAll(() => stack?.close());
  beforeEach(() => {
    stack.emulator.reset();
  });

  const read = async (username: string, first: number, authorization?: string) =>
    (await stack.executeRaw({ query: PAGE, variables: { u: username, n: first } }, authorization === undefined ? {} : { authorization })).body;

  test('answers a page read again within the TTL from memory, with the same events', async () => {
    const first = await read('bob', 2);
    const second = await read('bob', 2);

    expect({ same: JSON.stringify(second) === JSON.stringify(first), reads: readsOf(stack.emulator) }).toEqual({
      same: true,
      reads: [['AdminListUserAuthEvents', 'bob', 3]],
    });
  });

  test('forgets a user’s pages when feedback is given through the gateway, so the next read shows it', async () => {
    const [newest] = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'alice');
    await read('alice', 1);
    await stack.executeRaw({
      query: 'mutation F($id: String!) { updateAuthEventFeedback(input: { username: "alice", eventId: $id, feedbackValue: INVALID }) { authEvent { eventId } } }',
      variables: { id: newest?.EventId },
    });
    const afterwards = (await read('alice', 1)).data as unknown as PageData;

    expect({
      feedback: afterwards.authEvents?.edges[0]?.node.eventFeedback,
      operations: readsOf(stack.emulator).map(([operation]) => operation),
    }).toEqual({
      feedback: { feedbackValue: 'INVALID' },
      // read, update, the payload's read-back (a full page), then the page read again
      operations: ['AdminListUserAuthEvents', 'AdminUpdateAuthEventFeedback', 'AdminListUserAuthEvents', 'AdminListUserAuthEvents'],
    });
  });

  test('serves concurrent requests that miss the same page with one Cognito call', async () => {
    stack.emulator.faults.set({ latencyMs: 200 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => read('full-page', 5)));

    expect({
      answered: answers.filter((answer) => (answer.data as unknown as PageData).authEvents?.edges.length === 5).length,
      reads: readsOf(stack.emulator),
    }).toEqual({ answered: 10, reads: [['AdminListUserAuthEvents', 'full-page', 6]] });
  });

  test('is never consulted for a caller the policy refuses', async () => {
    await read('two-full-pages', 3); // cached, as the admin
    const before = stack.gateway.pageCacheStats;
    const alice = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', clientId: DEMO_WEB_CLIENT_ID });
    const refused = await read('two-full-pages', 3, alice);

    expect({
      code: refused.errors?.[0]?.extensions?.code,
      data: refused.data,
      cacheUse: { ...stack.gateway.pageCacheStats, evictions: 0 },
    }).toEqual({ code: 'FORBIDDEN', data: { authEvents: null }, cacheUse: { hits: before.hits, misses: before.misses, evictions: 0 } });
  });
});

describe('the page cache’s bounds', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { PAGE_CACHE_TTL_MS: '60000', PAGE_CACHE_MAX_ENTRIES: '3' } });
  });
  afterAll(() => stack?.close());

  const read = (username: string, first: number) => stack.executeRaw({ query: PAGE, variables: { u: username, n: first } });

  test('keeps at most PAGE_CACHE_MAX_ENTRIES pages, dropping the least recently used', async () => {
    for (const first of [11, 12, 13, 14]) await read('frequent-flyer', first);
    await read('frequent-flyer', 14); // the newest: still held
    await read('frequent-flyer', 11); // the oldest: dropped, read again

    expect({ reads: readsOf(stack.emulator).map(([, , maxResults]) => maxResults), evictions: stack.gateway.pageCacheStats.evictions }).toEqual({
      reads: [12, 13, 14, 15, 12],
      evictions: 2,
    });
  });

});

describe('the page cache’s TTL', () => {
  // The gateway's page cache on a clock the test sets, so the TTL passes at once. (Not from 0:
  // lru-cache reads a start time of 0 as "no TTL".)
  const start = 10_000;
  let now = start;
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { PAGE_CACHE_TTL_MS: '300' }, now: () => now });
  });
  afterAll(() => stack?.close());

  test('answers a page from memory up to the last millisecond of its TTL and from Cognito again once the TTL has passed', async () => {
    const pages: unknown[] = [];
    for (const elapsed of [0, 300, 301]) {
      now = start + elapsed;
      pages.push((await stack.executeRaw({ query: PAGE, variables: { u: 'bob', n: 2 } })).body);
    }
    const newest = stack.emulator.store
      .eventsOf(DEMO_POOL_ID, 'bob')
      .slice(0, 2)
      .map((event) => ({ node: { eventId: event.EventId, eventFeedback: null } }));

    expect({ pages, reads: readsOf(stack.emulator), stats: stack.gateway.pageCacheStats }).toEqual({
      pages: [0, 1, 2].map(() => ({ data: { authEvents: { edges: newest } } })),
      reads: [
        ['AdminListUserAuthEvents', 'bob', 3],
        ['AdminListUserAuthEvents', 'bob', 3],
      ],
      stats: { hits: 1, misses: 2, evictions: 0 },
    });
  });
});

describe('InMemoryPageCache', () => {
  test('does not keep a page larger than its byte bound, and counts that as no eviction of others', async () => {
    const cache = new InMemoryPageCache({ ttlMs: 60_000, maxEntries: 10, maxBytes: 2000 });
    const small = { events: [], nextToken: null };
    const large = { events: Array.from({ length: 10 }, (_, index) => ({ EventId: `e${index}` })), nextToken: null };
    await cache.set('small', 'u', small);
    await cache.set('large', 'u', large);

    expect({ small: await cache.get('small'), large: await cache.get('large'), stats: cache.stats }).toEqual({
      small,
      large: undefined,
      stats: { hits: 1, misses: 1, evictions: 0 },
    });
  });

  test('forgets every page of one user and only that user', async () => {
    const cache = new InMemoryPageCache({ ttlMs: 60_000, maxEntries: 10, maxBytes: 1_000_000 });
    const page = { events: [], nextToken: null };
    await cache.set('a1', 'a', page);
    await cache.set('a2', 'a', page);
    await cache.set('b1', 'b', page);
    await cache.invalidateUser('a');

    expect([await cache.get('a1'), await cache.get('a2'), await cache.get('b1')]).toEqual([undefined, undefined, page]);
  });
});
