import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { AuthEventsResolver } from '../auth-events/auth-events.resolver';
import { UpdateAuthEventFeedbackResolver } from '../auth-events/update-auth-event-feedback.resolver';
import { buildFederatedSchema, DEFAULT_FEDERATION_LIMITS, type FederationLimits } from '../federation/build-federated-schema';
// The zero weights a router's cost estimate gives the objects one Cognito read answers.
import { resolveUserReference } from '../federation/user.reference';
import { UserAuthEventsResolver } from '../federation/user.resolver';
import { User } from '../federation/user.type';

/** Every resolver class of the schema, in one list. */
export const RESOLVERS = [AuthEventsResolver, UpdateAuthEventFeedbackResolver, UserAuthEventsResolver] as const;

/**
 * Builds the gateway's executable schema from the type-graphql classes: a Federation 2 subgraph
 * (the supergraph's `User` gains `authEvents`) that also serves every root field on its own, so
 * the same schema backs `npm start`'s Sandbox and a router.
 */
export function buildGatewaySchema(limits: FederationLimits = DEFAULT_FEDERATION_LIMITS): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    // No root field returns a `User` (the supergraph owns `user`/`me`), so it is listed explicitly.
    { resolvers: RESOLVERS, orphanedTypes: [User] },
    { User: resolveUserReference },
    limits,
  );
}
