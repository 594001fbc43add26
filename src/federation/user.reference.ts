import type { ValidRepresentation } from './entity-representations';
import { User } from './user.type';

/**
 * Resolves a `User` representation from the router. It reads nothing upstream: the key is all
 * a `User` holds here, and only selecting `authEvents` reads Cognito, through the request's
 * loaders, so a router's `_entities` call with many representations costs one read per distinct
 * page and never one per representation.
 *
 * The subgraph has checked the whole representation list before this runs (`__typename`, and
 * `id` as a string), so it cannot fail: a representation is never half-resolved.
 */
export function resolveUserReference(reference: ValidRepresentation): User {
  return Object.assign(new User(), { id: reference.id as string });
}
