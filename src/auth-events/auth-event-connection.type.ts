import { DateTimeResolver } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../pagination/connection.type';
import { AuthEvent } from './auth-event.type';
import { ROUTER_COST } from '../limits/router-cost';

/**
 * A page of a user's authentication history, newest first.
 *
 * `simpleResolvers` here and on every plain object type: their fields are read straight off
 * the object by graphql-js, instead of through a type-graphql wrapper per field that only
 * runs middlewares this schema does not have (measured: a few percent of a request's CPU).
 */
// Free to a router: the read that returns it is costed on the field that reads (docs/router.md).
@Directive(ROUTER_COST.free)
@ObjectType({
  simpleResolvers: true,
  description:
    "A page of a user's authentication events, newest first (Relay Cursor Connections; forward only).",
})
export class AuthEventConnection extends ConnectionType(AuthEvent, 'AuthEvent') {
  @Field(() => DateTimeResolver, {
    nullable: true,
    description:
      'With a `filter`: the creation date of the oldest event this page examined, so a client can show how far back it has searched; null when nothing is left to examine (the history ended, or `since` was reached). A filtered page reads at most `FILTER_SCAN_PAGES` Cognito pages, so it may hold fewer than `first` edges, even none, with `hasNextPage: true`; follow `endCursor` to search on. Without a filter: null.',
  })
  searchedUntil!: Date | null;
}
