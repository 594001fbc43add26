import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { AuthEventConnection } from '../auth-events/auth-event-connection.type';
import { AuthEventFilterArgs } from '../auth-events/auth-events.args';
import type { FederationContext } from './federation.context';
import { ForwardConnectionArgs } from '../pagination/forward-connection.args';
import { assertValidUsername } from '../validation/cognito-input.validation';
import { User } from './user.type';
import { ROUTER_COST } from '../limits/router-cost';

/** The fields this subgraph adds to the supergraph's `User` entity. */
@Resolver(() => User)
export class UserAuthEventsResolver {
  // The same estimate as `Query.authEvents` (see src/limits/router-cost.ts), counted by a router once per
  // entity it expects, as the gateway counts it once per representation.
  @Directive(ROUTER_COST.connection)
  @Directive(ROUTER_COST.connectionSize)
  @FieldResolver(() => AuthEventConnection, {
    nullable: true,
    description:
      "The user's authentication events (sign-ins, sign-ups, password changes, forgotten passwords, code resends), newest first, as a Relay connection.",
  })
  authEvents(
    @Root() user: User,
    // Declared first so the schema lists it last: parameter decorators run last to first.
    @Args() filtering: AuthEventFilterArgs,
    @Args() args: ForwardConnectionArgs,
    @Ctx() context: FederationContext,
  ): Promise<AuthEventConnection> {
    // The service checks the username too, but would name an argument `User.authEvents` does
    // not have; checking here names the key field the router sent.
    assertValidUsername('id', user.id);
    return context.authEvents.authEventConnection({
      username: user.id,
      userPoolId: context.federation.userPoolId,
      first: args.first,
      after: args.after,
      filter: filtering.filter,
    });
  }
}
