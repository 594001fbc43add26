import type { AuthEventsContext } from '../auth-events/auth-events.context';
import type { FederationConfig } from '../config/config';

/** What the `User` entity's resolvers need of a request's context. */
export interface FederationContext extends AuthEventsContext {
  /** Which pool the supergraph's `User` entity maps to. */
  readonly federation: FederationConfig;
}
