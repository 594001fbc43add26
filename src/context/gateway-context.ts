import type { AuthEventLoaders } from '../auth-events/auth-event.loaders';
import type { AuthEventFeedbackService } from '../auth-events/auth-event-feedback.service';
import type { AuthEventsService } from '../auth-events/auth-events.service';
import type { Caller } from '../auth/caller';
import type { FederationConfig } from '../config/config';
import type { GatewayLogger } from '../logging/logger';
import type { RequestRecord } from '../observability/request-record';

/**
 * What every resolver gets: the caller, request-scoped loaders and the services built on them.
 * Its own room, below the resolvers and the server alike: resolvers depend on this shape, and
 * `src/server/context.ts` (the composition root) builds it, so no import runs back up into
 * `src/server/`.
 */
export interface GatewayContext {
  /** Who is calling, established before anything else ran. */
  readonly caller: Caller;
  /** What this request did, for its log line and metrics. */
  readonly record: RequestRecord;
  readonly loaders: AuthEventLoaders;
  readonly authEvents: AuthEventsService;
  readonly feedback: AuthEventFeedbackService;
  /** Which pool the supergraph's `User` entity maps to. */
  readonly federation: FederationConfig;
  readonly logger: GatewayLogger;
}
