import { Arg, Args, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import type { AuthEventsContext } from './auth-events.context';
import { AuthEvent } from './auth-event.type';
import { AuthEventConnection } from './auth-event-connection.type';
import { ForwardConnectionArgs } from '../pagination/forward-connection.args';
import { AuthEventFilterArgs, AuthEventOwnerArgs } from './auth-events.args';
import { ROUTER_COST } from '../limits/router-cost';

/** Root fields that read authentication histories. */
@Resolver()
export class AuthEventsResolver {
  // A router's cost estimate, in sixtieths of a Cognito read (src/limits/router-cost.ts):
  // the first page and its lookahead, plus one per edge of `first`. `first` is optional, so a
  // router must not require it; `assumedSize` is the 20 an omitted `first` stands for.
  @Directive(ROUTER_COST.connection)
  @Directive(ROUTER_COST.connectionSize)
  @Query(() => AuthEventConnection, {
    nullable: true,
    description:
      "A user's authentication events (sign-ins, sign-ups, password changes, forgotten passwords, code resends), newest first, as a Relay connection. Needs threat protection on the user pool.",
  })
  authEvents(
    // Parameter decorators run last to first, so they are declared in reverse for the schema
    // to list `username, userPoolId`, then `first, after`, then `filter`.
    @Args() filtering: AuthEventFilterArgs,
    @Args() page: ForwardConnectionArgs,
    @Args() owner: AuthEventOwnerArgs,
    @Ctx() context: AuthEventsContext,
  ): Promise<AuthEventConnection> {
    return context.authEvents.authEventConnection({
      ...owner,
      first: page.first,
      after: page.after,
      filter: filtering.filter,
    });
  }

  // The event scan a lookup may need (`AUTH_EVENT_SCAN_PAGES`, 5 reads), in a router's units.
  @Directive(ROUTER_COST.eventScan)
  @Query(() => AuthEvent, {
    nullable: true,
    description:
      "One event by its `id`, as it stands now. Null when it is no longer among the user's recent events the gateway scans (`AUTH_EVENT_SCAN_PAGES` Cognito pages) or the user is gone.",
  })
  authEvent(
    @Arg('id', () => ID, { description: 'An `AuthEvent.id` this gateway issued.' }) id: string,
    @Ctx() context: AuthEventsContext,
  ): Promise<AuthEvent | null> {
    return context.authEvents.authEventById(id);
  }
}
