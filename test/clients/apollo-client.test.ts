import { ApolloClient, HttpLink, InMemoryCache, NetworkStatus, type ObservableQuery } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { graphql } from '../__generated__';
import type { ApolloHistoryPageQuery, ApolloHistoryPageQueryVariables } from '../__generated__/graphql';
import { expectedAuthEventId } from '../support/expected-auth-events';
import { CLIENT_PAGE_SIZE, expectedGrowth, FEEDBACK_TARGET_INDEX } from './client-paging';
import { startTestStack, type TestStack } from '../support/test-stack';

/** One page of a history, as an app using Apollo Client's relayStylePagination would ask for it. */
const ApolloHistoryPageQueryDocument = graphql(`
  query ApolloHistoryPage($username: String!, $first: Int, $after: String) {
    authEvents(username: $username, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          eventId
          eventFeedback {
            feedbackValue
            provider
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The feedback mutation, selecting just what the cache needs to update the event in place. */
const ApolloFeedbackMutationDocument = graphql(`
  mutation ApolloFeedback($input: UpdateAuthEventFeedbackInput!) {
    updateAuthEventFeedback(input: $input) {
      authEvent {
        id
        eventFeedback {
          feedbackValue
          provider
        }
      }
    }
  }
`);


/** An unmodified Apollo Client over HTTP, with a log of the requests its HttpLink sent. */
function apolloClientFor(stack: TestStack) {
  const requests: Array<{ operationName: unknown }> = [];
  const countingFetch: typeof fetch = async (input, init) => {
    requests.push({ operationName: (JSON.parse(String(init?.body)) as { operationName?: unknown }).operationName });
    return fetch(input, init);
  };
  const client = new ApolloClient({
    link: new HttpLink({
      uri: stack.gateway.graphqlUrl,
      headers: { authorization: stack.authorization },
      fetch: countingFetch,
    }),
    cache: new InMemoryCache({
      typePolicies: {
        // Keyed by the arguments that pick the list, so pages of one user merge and users never mix.
        Query: { fields: { authEvents: relayStylePagination(['username', 'userPoolId', 'filter']) } },
      },
    }),
  });
  return { client, requests };
}

type HistoryWatch = ObservableQuery<ApolloHistoryPageQuery, ApolloHistoryPageQueryVariables>;

/**
 * What a watched query has emitted once settled (complete data, no request in flight). Apollo
 * Client 4 broadcasts a merged fetchMore result a tick after `fetchMore` resolves (here once,
 * after the last page), so tests wait for the emission instead of reading it right away.
 */
function recordEmissions(watched: HistoryWatch) {
  const emitted: ApolloHistoryPageQuery[] = [];
  let wake = () => {};
  const subscription = watched.subscribe((result) => {
    if (result.dataState !== 'complete' || result.networkStatus !== NetworkStatus.ready) return;
    emitted.push(result.data);
    wake();
  });
  return {
    get count() {
      return emitted.length;
    },
    /** The first emission (0-based position and data) that `matches`, waiting for it if need be. */
    async first(matches: (data: ApolloHistoryPageQuery, index: number) => boolean): Promise<ApolloHistoryPageQuery> {
      for (let index = 0; ; index += 1) {
        while (emitted.length <= index) await new Promise<void>((resolve) => (wake = resolve));
        const data = emitted[index] as ApolloHistoryPageQuery;
        if (matches(data, index)) return data;
      }
    },
    stop: () => subscription.unsubscribe(),
  };
}

/** Loads a user's first page with `client.query`, then `fetchMore` along `endCursor` to the end. */
async function loadWholeHistory(client: ApolloClient, username: string) {
  const variables: ApolloHistoryPageQueryVariables = { username, first: CLIENT_PAGE_SIZE };
  const first = await client.query({ query: ApolloHistoryPageQueryDocument, variables });
  // The first page is in the cache now, so watching the query sends nothing; fetchMore merges into it.
  const watched = client.watchQuery({ query: ApolloHistoryPageQueryDocument, variables, fetchPolicy: 'cache-first' });
  const watch = recordEmissions(watched);
  const cachedEdgeCount = () => client.readQuery({ query: ApolloHistoryPageQueryDocument, variables })?.authEvents?.edges.length;
  const edgesAfterEachPage = [cachedEdgeCount()];
  let pageInfo = first.data?.authEvents?.pageInfo;
  while (pageInfo?.hasNextPage) {
    const more = await watched.fetchMore({ variables: { after: pageInfo.endCursor } });
    pageInfo = more.data?.authEvents?.pageInfo;
    edgesAfterEachPage.push(cachedEdgeCount());
    if (edgesAfterEachPage.length > 100) throw new Error(`fetchMore did not reach the end of ${username}'s history`);
  }
  return { variables, watch, edgesAfterEachPage };
}

/** The event ids of a history result, in order. */
const eventIdsIn = (data: ApolloHistoryPageQuery | null | undefined) => data?.authEvents?.edges.map((edge) => edge.node.eventId);

/** Each event of a history result with its feedback value, in order. */
const feedbackIn = (data: ApolloHistoryPageQuery | null | undefined) =>
  data?.authEvents?.edges.map((edge) => [edge.node.eventId, edge.node.eventFeedback?.feedbackValue ?? null]);

describe('Apollo Client 4 against the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.emulator.reset();
  });

  const eventIdsOf = (username: string) => stack.emulator.store.eventsOf(DEMO_POOL_ID, username).map((event) => event.EventId);
  const cached = (client: ApolloClient, variables: ApolloHistoryPageQueryVariables) =>
    client.readQuery({ query: ApolloHistoryPageQueryDocument, variables });
  const lastPage = (data: ApolloHistoryPageQuery) => data.authEvents?.pageInfo.hasNextPage === false;

  test('fetchMore along endCursor merges a 450-event history into one cached list holding every event once, in order', async () => {
    const { client, requests } = apolloClientFor(stack);
    const { variables, watch, edgesAfterEachPage } = await loadWholeHistory(client, 'frequent-flyer');
    const watched = await watch.first(lastPage);
    watch.stop();
    client.stop();

    expect(eventIdsIn(cached(client, variables))).toEqual(eventIdsOf('frequent-flyer'));
    expect(eventIdsIn(watched)).toEqual(eventIdsOf('frequent-flyer'));
    expect(edgesAfterEachPage).toEqual(expectedGrowth(450));
    // One request per page, the first from client.query; the watch was answered by the cache.
    expect(requests).toEqual(expectedGrowth(450).map(() => ({ operationName: 'ApolloHistoryPage' })));
  });

  test('the feedback mutation updates the cached event in place by id, with no request beyond its own', async () => {
    const { client, requests } = apolloClientFor(stack);
    const { variables, watch } = await loadWholeHistory(client, 'frequent-flyer');
    await watch.first(lastPage);
    const target = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'frequent-flyer')[FEEDBACK_TARGET_INDEX];
    if (target === undefined) throw new Error(`the seed has no event ${FEEDBACK_TARGET_INDEX} for frequent-flyer`);
    const before = feedbackIn(cached(client, variables));
    expect(before?.[FEEDBACK_TARGET_INDEX]).toEqual([target.EventId, 'VALID']);
    requests.length = 0;
    stack.emulator.calls.clear();
    const emittedBefore = watch.count;

    const result = await client.mutate({
      mutation: ApolloFeedbackMutationDocument,
      variables: { input: { username: 'frequent-flyer', eventId: target.EventId, feedbackValue: 'INVALID' } },
    });
    const watched = await watch.first((_data, index) => index >= emittedBefore);
    watch.stop();
    client.stop();

    expect(result.data?.updateAuthEventFeedback?.authEvent).toEqual({
      __typename: 'AuthEvent',
      id: expectedAuthEventId(DEMO_POOL_ID, 'frequent-flyer', target.EventId),
      eventFeedback: { __typename: 'AuthEventFeedback', feedbackValue: 'INVALID', provider: 'Admin' },
    });
    const expected = before?.map((entry, index) => (index === FEEDBACK_TARGET_INDEX ? [target.EventId, 'INVALID'] : entry));
    expect(feedbackIn(cached(client, variables))).toEqual(expected);
    expect(feedbackIn(watched)).toEqual(expected);
    expect(requests).toEqual([{ operationName: 'ApolloFeedback' }]);
    // The update, then its read-back of the event from the user's first Cognito page; no list refetch.
    expect(stack.emulator.calls.list().map((call) => call.operation)).toEqual([
      'AdminUpdateAuthEventFeedback',
      'AdminListUserAuthEvents',
    ]);
  });

  test('two usernames keep two separate cached lists in one cache', async () => {
    const { client } = apolloClientFor(stack);
    const alice = await loadWholeHistory(client, 'alice');
    const bob = await loadWholeHistory(client, 'bob');
    alice.watch.stop();
    bob.watch.stop();
    client.stop();

    expect({
      alice: eventIdsIn(cached(client, alice.variables)),
      bob: eventIdsIn(cached(client, bob.variables)),
      edgesAfterEachPage: { alice: alice.edgesAfterEachPage, bob: bob.edgesAfterEachPage },
    }).toEqual({
      alice: eventIdsOf('alice'),
      bob: eventIdsOf('bob'),
      edgesAfterEachPage: { alice: expectedGrowth(42), bob: expectedGrowth(12) },
    });
  });
});
