import { BadUserInputError } from '../errors/gateway-errors';
import { User } from './user.type';

/**
 * Resolves a `User` representation from the router. It reads nothing upstream: the key is all
 * a `User` holds here, and only selecting `authEvents` reads Cognito, through the request's
 * loaders, so a router's `_entities` call with many representations costs one read per distinct
 * page and never one per representation.
 *
 * Async although it awaits nothing: `@apollo/subgraph` calls reference resolvers inside one
 * `map` over the representations, so a synchronous throw would fail the whole `_entities` list;
 * a rejection fails only this representation's slot.
 */
export async function resolveUserReference(reference: { readonly id?: unknown }): Promise<User> {
  // The router sends what the owning subgraph serialised as an `ID`, which is always a string;
  // anything else is a malformed representation and is refused here rather than half-resolved.
  if (typeof reference.id !== 'string') {
    throw new BadUserInputError(
      'representations',
      `A User representation must carry its key field id as a string; received ${typeof reference.id}.`,
    );
  }
  return Object.assign(new User(), { id: reference.id });
}
