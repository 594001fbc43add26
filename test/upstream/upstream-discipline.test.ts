import { CROWD_USER_EVENT_COUNTS, DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { graphql } from '../__generated__';
import { AuthEventIdsQuery } from '../support/auth-events.operations';
import { expectedAuthEventId } from '../support/expected-auth-events';
import { maxStartsInWindow } from '../support/call-windows';
import { type ReceivedResponse, startTestStack, type TestStack } from '../support/test-stack';

/** The same first page asked for under three aliases and through two fragments. */
const SamePageFiveWaysQuery = graphql(`
  query SamePageFiveWays {
    a: authEvents(username: "alice", first: 5) {
      edges {
        node {
          eventId
        }
      }
    }
    b: authEvents(username: "alice", first: 5) {
      pageInfo {
        hasNextPage
      }
    }
    c: authEvents(username: "alice", first: 5) {
      edges {
        cursor
      }
    }
    ...AliceFirstFive
    ...AliceFirstFiveAgain
  }

  fragment AliceFirstFive on Query {
    d: authEvents(username: "alice", first: 5) {
      edges {
        node {
          eventType
        }
      }
    }
  }

  fragment AliceFirstFiveAgain on Query {
    e: authEvents(username: "alice", first: 5) {
      edges {
        node {
          creationDate
        }
      }
    }
  }
`);

/** Builds one operation reading the first page of each of `usernames` under an alias each. */
async function firstPagesOf(stack: TestStack, usernames: readonly string[], first = 3) {
  const fields = usernames.map(
    (username, index) =>
      `u${index}: authEvents(username: ${JSON.stringify(username)}, first: ${first}) { edges { node { eventId } } }`,
  );
  const { body } = await stack.executeRaw({ query: `{ ${fields.join('\n')} }` });
  return body as ReceivedResponse<Record<string, { edges: Array<{ node: { eventId: string } }> } | null>>;
}

/** 25 distinct users of the seed's crowd. */
const DISTINCT_USERS = Object.keys(CROWD_USER_EVENT_COUNTS).slice(0, 25);

describe('upstream discipline', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // These operations are deliberately big, to load the guard; the operation limits that would
    // refuse them before it have their own tests.
    stack = await startTestStack({
      env: { COGNITO_MAX_CONCURRENCY: '4', MAX_OPERATION_ALIASES: '100', MAX_OPERATION_COGNITO_READS: '1000' },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.emulator.reset();
  });

  test('reads the same page once however many aliases and fragments ask for it', async () => {
    const response = await stack.execute(SamePageFiveWaysQuery);

    expect(response.errors).toBeUndefined();
    expect(Object.keys(response.data ?? {}).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(stack.emulator.calls.list().map((call) => [call.operation, call.username, call.maxResults])).toEqual([
      ['AdminListUserAuthEvents', 'alice', 6],
    ]);
  });

  test('reads 25 distinct users with exactly 25 calls, never more than the cap at once, and returns all of them', async () => {
    stack.emulator.faults.set({ latencyMs: 40 });
    const names = DISTINCT_USERS;
    const response = await firstPagesOf(stack, names);

    const expected = Object.fromEntries(
      names.map((name, index) => [
        `u${index}`,
        {
          edges: stack.emulator.store
            .eventsOf(DEMO_POOL_ID, name)
            .slice(0, 3)
            .map((event) => ({ node: { eventId: event.EventId } })),
        },
      ]),
    );
    expect(response).toEqual({ data: expected });
    expect({ calls: stack.emulator.calls.count(), maxConcurrency: stack.emulator.calls.maxConcurrency }).toEqual({
      calls: 25,
      maxConcurrency: 4,
    });
  });

  test('finds 30 events of one user by id with one scan of the pages that hold them', async () => {
    const events = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'frequent-flyer');
    // 30 events spread over the first two Cognito pages (0..119): a scan reads exactly two pages.
    const wanted = Array.from({ length: 30 }, (_, index) => events[index * 4]?.EventId ?? '');
    const fields = wanted.map(
      (eventId, index) =>
        `e${index}: authEvent(id: "${expectedAuthEventId(DEMO_POOL_ID, 'frequent-flyer', eventId)}") { eventId }`,
    );
    const { body } = await stack.executeRaw({ query: `{ ${fields.join('\n')} }` });

    expect(body).toEqual({ data: Object.fromEntries(wanted.map((eventId, index) => [`e${index}`, { eventId }])) });
    expect(stack.emulator.calls.list().map((call) => [call.maxResults, call.nextToken === undefined])).toEqual([
      [60, true],
      [60, false],
    ]);
  });

  test('reuses a page the same operation already reads for the connection when finding events by id', async () => {
    const events = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'frequent-flyer');
    const inFirstPage = events[10]?.EventId ?? '';
    const { body } = await stack.executeRaw({
      query: `{
        authEvents(username: "frequent-flyer", first: 59) { pageInfo { hasNextPage } }
        authEvent(id: "${expectedAuthEventId(DEMO_POOL_ID, 'frequent-flyer', inFirstPage)}") { eventId }
      }`,
    });

    expect(body).toEqual({ data: { authEvents: { pageInfo: { hasNextPage: true } }, authEvent: { eventId: inFirstPage } } });
    // The connection's first page (59 and a lookahead) is the scan's first page: one call for both.
    expect(stack.emulator.calls.count()).toBe(1);
  });

  test('answers null for an id beyond the scan bound and BAD_USER_INPUT for an id it did not issue', async () => {
    const events = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'frequent-flyer');
    const beyond = expectedAuthEventId(DEMO_POOL_ID, 'frequent-flyer', events[420]?.EventId ?? '');
    const { body } = await stack.executeRaw({
      query: `{ beyond: authEvent(id: "${beyond}") { eventId } forged: authEvent(id: "bm90LWFuLWlk") { eventId } }`,
    });

    expect({
      data: body.data,
      errors: body.errors?.map((error) => [error.path, error.extensions?.code, error.message]),
    }).toEqual({
      data: { beyond: null, forged: null },
      errors: [[['forged'], 'BAD_USER_INPUT', 'id is not an AuthEvent id issued by this gateway.']],
    });
  });

  test('succeeds when Cognito throttles every other call, the retries showing in the call log', async () => {
    stack.emulator.faults.set({ throttleEvery: 2 });
    const response = await firstPagesOf(stack, ['alice', 'bob', 'single-event']);

    const outcomes = stack.emulator.calls.list().map((call) => call.outcome);
    expect(response.errors).toBeUndefined();
    expect({
      ok: outcomes.filter((outcome) => outcome === 'ok').length,
      throttled: outcomes.filter((outcome) => outcome === 'TooManyRequestsException').length,
    }).toEqual({ ok: 3, throttled: 2 });
    expect(stack.gateway.upstreamCalls.snapshot()).toEqual(
      expect.arrayContaining([
        { operation: 'AdminListUserAuthEvents', outcome: 'TooManyRequestsException', count: expect.any(Number) },
      ]),
    );
  });

  test("fails only the throttled user's field with RATE_LIMITED, delivers its siblings, and stays healthy", async () => {
    stack.emulator.faults.set({ throttleRate: 1, usernames: ['bob'] });
    const response = await firstPagesOf(stack, ['alice', 'bob', 'single-event']);

    expect({
      returned: Object.entries(response.data ?? {}).map(([alias, value]) => [alias, value === null ? null : value.edges.length]),
      errors: response.errors?.map((error) => [error.path, error.extensions?.code]),
      bobAttempts: stack.emulator.calls.list().filter((call) => call.username === 'bob').length,
    }).toEqual({
      returned: [
        ['u0', 3],
        ['u1', null],
        ['u2', 1],
      ],
      errors: [[['u1'], 'RATE_LIMITED']],
      bobAttempts: 3,
    });

    stack.emulator.faults.reset();
    const after = await firstPagesOf(stack, ['bob']);
    expect(after.errors).toBeUndefined();
  });
});

describe('upstream timeouts and deadlines', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { COGNITO_REQUEST_TIMEOUT_MS: '200', COGNITO_MAX_ATTEMPTS: '2', REQUEST_DEADLINE_MS: '1500' },
    });
  });
  afterAll(() => stack.close());

  test('fails a read that outlasts the request timeout with UPSTREAM_UNAVAILABLE long before Cognito would answer', async () => {
    stack.emulator.faults.set({ latencyMs: 6000 });
    const started = Date.now();
    const response = await stack.execute(AuthEventIdsQuery, { username: 'alice' });
    const elapsed = Date.now() - started;
    stack.emulator.faults.reset();

    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    // Two attempts of 200 ms and a backoff: well under the 6 s Cognito would take. The bound is
    // loose on purpose (shared machines); what it checks is "at the timeout, not at the answer".
    expect(elapsed).toBeLessThan(3000);
  });
});

describe('upstream limits under load', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { COGNITO_READ_RPS: '40', COGNITO_MAX_CONCURRENCY: '8', REQUEST_DEADLINE_MS: '30000' } });
  });
  afterAll(() => stack.close());

  test('never lets Cognito see more reads a second than configured, whatever the load', async () => {
    stack.emulator.calls.clear();
    // 160 different pages (8 users x 20 page sizes): concurrent reads of one page would share
    // one Cognito call, which is not what this test loads the guard with.
    const users = ['alice', 'bob', 'frequent-flyer', 'future-fiona', 'full-page', 'two-full-pages', 'full-page-plus-one', 'almost-full-page'];
    const responses = await Promise.all(
      Array.from({ length: 160 }, (_, index) =>
        stack.execute(AuthEventIdsQuery, { username: users[index % users.length] as string, first: 1 + Math.floor(index / users.length) }),
      ),
    );

    expect(responses.filter((response) => response.errors !== undefined)).toEqual([]);
    expect(stack.emulator.calls.count()).toBe(160);
    // Measured on arrival at the emulator, over every window of one second.
    expect(maxStartsInWindow(stack.emulator.calls.list(), 1000)).toBeLessThanOrEqual(40);
  });
});

describe('upstream queue', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { COGNITO_MAX_CONCURRENCY: '1', COGNITO_MAX_QUEUE: '3' } });
  });
  afterAll(() => stack.close());

  test('queues calls while the queue is short and fails the rest fast with RATE_LIMITED', async () => {
    // Long enough that all ten requests arrive while the first is still in flight.
    stack.emulator.faults.set({ latencyMs: 500 });
    // Ten different pages, so that no two requests share a Cognito call.
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) => stack.execute(AuthEventIdsQuery, { username: 'alice', first: index + 1 })),
    );

    const codes = responses.map((response) => response.errors?.[0]?.extensions?.code ?? 'ok');
    expect({
      ok: codes.filter((code) => code === 'ok').length,
      rateLimited: codes.filter((code) => code === 'RATE_LIMITED').length,
      calls: stack.emulator.calls.count(),
      maxConcurrency: stack.emulator.calls.maxConcurrency,
    }).toEqual({ ok: 4, rateLimited: 6, calls: 4, maxConcurrency: 1 });
  });
});
