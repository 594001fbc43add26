import { ArgsType, Directive, Field } from 'type-graphql';
import { AuthEventFilter } from './auth-event-filter.input';
import { ROUTER_COST } from '../limits/router-cost';

/**
 * Whose history `Query.authEvents` reads. The connection arguments come from
 * `ForwardConnectionArgs`, a second `@Args()` of the resolver, so they follow these in the schema.
 */
@ArgsType()
export class AuthEventOwnerArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "The user: the username, an alias such as the email address, or the user's `sub`. Omitted: the signed-in caller. Users may read only their own history (by username or `sub`); admins anyone's.",
  })
  username?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The user pool; defaults to the caller's own pool (for machine callers, the gateway's default pool). Must be one the gateway serves.",
  })
  userPoolId?: string | null;
}

/** Which events `authEvents` returns, on `Query` and on `User`; it follows the connection arguments. */
@ArgsType()
export class AuthEventFilterArgs {
  // A filtered page may scan `FILTER_SCAN_PAGES` (5) reads whatever `first` is: with the field's
  // 60, this makes a router's estimate of any filtered page at least 300 (src/limits/router-cost.ts).
  @Directive(ROUTER_COST.filter)
  @Field(() => AuthEventFilter, {
    nullable: true,
    description:
      'Only the events that match, newest first; omitted: every event. A filtered page scans at most `FILTER_SCAN_PAGES` Cognito pages, so it may return fewer than `first` edges with `hasNextPage: true` (see `searchedUntil`). Cursors work only with the filter they were issued under.',
  })
  filter?: AuthEventFilter | null;
}
