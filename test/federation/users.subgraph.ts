import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type DocumentNode, parse } from 'graphql';
import { DEMO_POOL_ID, SEED_USERS } from 'cognito-auth-events-emulator';

/**
 * Another team's subgraph, as a supergraph would have it next to ours: it owns `User` (keyed by
 * the Cognito `sub`), its `email`, the `users` and `user` root fields, and its own Relay
 * `PageInfo`, written independently of ours (other descriptions, no shared code).
 */
export const USERS_SUBGRAPH_SDL = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Query {
  "Users, oldest account first."
  users(first: Int, after: String): UserConnection!
  "One user by id."
  user(id: ID!): User
}

"A person with an account."
type User @key(fields: "id") {
  "The user's id."
  id: ID!
  "Where we write to the user."
  email: String!
}

"A page of users."
type UserConnection {
  edges: [UserEdge!]!
  pageInfo: PageInfo!
}

"A user and its cursor."
type UserEdge {
  cursor: String!
  node: User!
}

"Information about pagination in a connection."
type PageInfo @shareable {
  "When paginating forwards, are there more items?"
  hasNextPage: Boolean!
  "When paginating backwards, are there more items?"
  hasPreviousPage: Boolean!
  "When paginating backwards, the cursor to continue."
  startCursor: String
  "When paginating forwards, the cursor to continue."
  endCursor: String
}
`;

/** The users subgraph's type definitions. */
export const USERS_SUBGRAPH_TYPE_DEFS: DocumentNode = parse(USERS_SUBGRAPH_SDL);

/** A user as the users subgraph holds it. */
export interface DirectoryUser {
  readonly id: string;
  readonly email: string;
  /** The Cognito username, for the tests' expectations; not in the users subgraph's schema. */
  readonly username: string;
}

/** Every user of the gateway's default (and federation) pool, keyed by `sub`, in seed order. */
export const DIRECTORY_USERS: readonly DirectoryUser[] = SEED_USERS.filter((user) => user.poolId === DEMO_POOL_ID).map(
  (user) => ({ id: user.sub, email: user.email, username: user.username }),
);

function findUser(id: unknown): DirectoryUser | null {
  return DIRECTORY_USERS.find((user) => user.id === id) ?? null;
}

function usersPage(args: { first?: number | null; after?: string | null }) {
  // A test fixture, not a model: the cursor is the user's id, in the clear.
  const start = args.after ? DIRECTORY_USERS.findIndex((user) => user.id === args.after) + 1 : 0;
  const page = DIRECTORY_USERS.slice(start, start + (args.first ?? DIRECTORY_USERS.length));
  const edges = page.map((user) => ({ cursor: user.id, node: user }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + page.length < DIRECTORY_USERS.length,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A running users subgraph. */
export interface RunningUsersSubgraph {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the users subgraph on a loopback port picked by the OS. */
export async function startUsersSubgraph(): Promise<RunningUsersSubgraph> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: USERS_SUBGRAPH_TYPE_DEFS,
      resolvers: {
        Query: {
          users: (_source: unknown, args: { first?: number | null; after?: string | null }) => usersPage(args),
          user: (_source: unknown, args: { id: string }) => findUser(args.id),
        },
        User: {
          __resolveReference: (reference: { id?: unknown }) => findUser(reference.id),
        },
      },
    }),
    // No usage reporting here, so no traces to hand the router (and no start-up notice about them).
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, close: () => server.stop() };
}
