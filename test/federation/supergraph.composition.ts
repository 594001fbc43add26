import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CompositionResult, composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { USERS_SUBGRAPH_TYPE_DEFS } from './users.subgraph';

/** The committed `schema.graphql`: what `rover subgraph publish` sends for this subgraph. */
export const COMMITTED_SUBGRAPH_SDL = readFileSync(resolve(__dirname, '..', '..', 'schema.graphql'), 'utf8');

/** The subgraphs' routing URLs. */
export interface SubgraphUrls {
  readonly users: string;
  readonly authEvents: string;
}

/**
 * Composes the users subgraph and ours (from the committed `schema.graphql`, as a registry
 * would) the way `rover supergraph compose` does.
 */
export function composeSupergraph(urls: SubgraphUrls): CompositionResult {
  return composeServices([
    { name: 'users', url: urls.users, typeDefs: USERS_SUBGRAPH_TYPE_DEFS },
    { name: 'auth-events', url: urls.authEvents, typeDefs: parse(COMMITTED_SUBGRAPH_SDL) },
  ]);
}
