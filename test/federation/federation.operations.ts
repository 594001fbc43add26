import { print } from 'graphql';
import { DEMO_POOL_ID, type EmulatorAuthEvent } from 'cognito-auth-events-emulator';
import { AuthEventFieldsFragment } from '../support/auth-events.operations';
import { expectedAuthEventNode } from '../support/expected-auth-events';
import type { ReceivedResponse } from '../support/test-stack';

// Plain strings, not `graphql()` documents: these operations target the supergraph and the
// subgraph's federation fields, which `schema.graphql` (codegen's schema) does not hold.

const AUTH_EVENT_FIELDS = print(AuthEventFieldsFragment);

const CONNECTION_SELECTION = `
  edges { cursor node { ...AuthEventFields } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
`;

/** Through the router: every user of the users subgraph, with its email and first auth events. */
export const USERS_WITH_AUTH_EVENTS = `
  query UsersWithAuthEvents($first: Int) {
    users {
      edges { node { id email authEvents(first: $first) { ${CONNECTION_SELECTION} } } }
    }
  }
  ${AUTH_EVENT_FIELDS}
`;

/** Through the router: one user and a page of its auth events. */
export const USER_WITH_AUTH_EVENTS = `
  query UserWithAuthEvents($id: ID!, $first: Int, $after: String) {
    user(id: $id) { id email authEvents(first: $first, after: $after) { ${CONNECTION_SELECTION} } }
  }
  ${AUTH_EVENT_FIELDS}
`;

/** Straight to the subgraph, as a router sends it: users' first auth events, without cursors. */
export const USER_ENTITIES_WITH_AUTH_EVENTS = `
  query UserEntities($representations: [_Any!]!, $first: Int) {
    _entities(representations: $representations) {
      __typename
      ... on User {
        id
        authEvents(first: $first) { edges { node { ...AuthEventFields } } pageInfo { hasNextPage hasPreviousPage } }
      }
    }
  }
  ${AUTH_EVENT_FIELDS}
`;

/** Straight to the subgraph: the entities' keys only. */
export const USER_ENTITY_IDS = `
  query UserEntityIds($representations: [_Any!]!) {
    _entities(representations: $representations) { __typename ... on User { id } }
  }
`;

/** Straight to the subgraph: the SDL a router or `rover subgraph introspect` reads. */
export const SERVICE_SDL = 'query ServiceSdl { _service { sdl } }';

/** What `USER_WITH_AUTH_EVENTS` returns, as far as the tests read it. */
export interface UserWithAuthEventsData {
  user: { authEvents: { pageInfo: { endCursor: string | null } } | null } | null;
}

/** What `SERVICE_SDL` returns. */
export interface ServiceSdlData {
  _service: { sdl: string | null };
}

/**
 * POSTs an operation to a GraphQL endpoint over HTTP. `TData` is what the caller expects back,
 * as with the test stack's `execute`; these operations have no generated types.
 */
export async function postGraphQL<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  authorization?: string,
): Promise<ReceivedResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as ReceivedResponse<TData>;
}

/**
 * The connection the gateway must return for `events[from, from + first)` of a user queried as
 * `id`. Cursors are left open: each is sealed with a fresh IV, and following one is tested
 * by following it.
 */
export function expectedConnectionPage(
  events: readonly EmulatorAuthEvent[],
  id: string,
  from: number,
  first: number,
  userPoolId: string = DEMO_POOL_ID,
) {
  const page = events.slice(from, from + first);
  return {
    edges: page.map((event) => ({ cursor: expect.any(String), node: expectedAuthEventNode(event, userPoolId, id) })),
    pageInfo: {
      hasNextPage: from + first < events.length,
      hasPreviousPage: false,
      startCursor: page.length === 0 ? null : expect.any(String),
      endCursor: page.length === 0 ? null : expect.any(String),
    },
  };
}
