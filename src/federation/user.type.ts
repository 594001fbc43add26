import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The supergraph's `User` entity, as this subgraph contributes to it: another subgraph owns the
 * user, this one adds the user's authentication history. The key is all it holds, and `id` is
 * looked up in the pool `FEDERATION_USER_POOL_ID` names.
 *
 * The descriptions are written for the supergraph, not for this subgraph: the owning subgraph
 * describes `User` in its own words, and composition keeps one of the two (hinting
 * INCONSISTENT_DESCRIPTION), so either must read right there.
 */
@Directive('@key(fields: "id")')
@ObjectType({ simpleResolvers: true, description: 'A user: an account of the Cognito user pool, identified by its `sub` (or username).' })
export class User {
  @Field(() => ID, { description: "The user's Cognito `sub` (or username)." })
  id!: string;
}
