import type { FederationConfig, PaginationConfig } from '../config/config';
import type { AuthEventCursorPayload } from '../auth-events/auth-event.cursor';
import { createAuthEventLoaders } from '../auth-events/auth-event.loaders';
import { AuthEventFeedbackService } from '../auth-events/auth-event-feedback.service';
import { AuthEventsService } from '../auth-events/auth-events.service';
import type { UnknownValueReporter } from '../auth-events/unknown-value.reporter';
import type { CognitoAuthEventsClient, CognitoCallScope } from '../cognito/cognito.client';
import type { CursorCodec } from '../pagination/cursor.codec';
import type { UserPoolPolicy } from '../validation/cognito-input.validation';
import type { Caller } from '../auth/caller';
import type { RequestRecord } from '../observability/request-record';
import type { RequestCancellation } from './request-cancellation';
import type { SharedPageReader } from '../cache/shared-page-reader';
import type { AuthEventsContext } from '../auth-events/auth-events.context';
import type { FederationContext } from '../federation/federation.context';

/**
 * What every resolver and plugin gets: each room's view of the request context (its resolvers
 * name only what they read), plus the caller and the request's record, which the fair-use and
 * record plugins read. Built here, in the composition root, and nowhere else.
 */
export interface GatewayContext extends AuthEventsContext, FederationContext {
  /** Who is calling, established before anything else ran. */
  readonly caller: Caller;
  /** What this request did, for its log line and metrics. */
  readonly record: RequestRecord;
}

/** Process-wide parts from which each request's context is made. */
export interface GatewayServices {
  readonly client: CognitoAuthEventsClient;
  /** Page cache and single flight, shared by every request. */
  readonly pageReader: SharedPageReader;
  readonly cursorCodec: CursorCodec<AuthEventCursorPayload>;
  readonly pagination: PaginationConfig;
  readonly pools: UserPoolPolicy;
  readonly reporter: UnknownValueReporter;
  readonly federation: FederationConfig;
  /** Pages of one user's history the event loader may read to find events by id. */
  readonly eventScanPages: number;
}

/**
 * Makes a fresh context for one GraphQL request. Loaders live exactly as long as the request,
 * so nothing read for one caller is ever served to another. `cancellation` is the request's
 * own, made by the HTTP layer when the request arrived: its deadline and its client's
 * disconnect abort every upstream call the request makes.
 */
export function createRequestContext(
  services: GatewayServices,
  caller: Caller,
  record: RequestRecord,
  cancellation: RequestCancellation,
): GatewayContext {
  // Every Cognito call of the request carries its signal, and counts on its record.
  const scope: CognitoCallScope = {
    get signal() {
      return cancellation.signal;
    },
    throwIfCancelled: () => cancellation.throwIfCancelled(),
    countAttempt: () => record.countCognitoCall(),
  };
  const loaders = createAuthEventLoaders({ reader: services.pageReader, scope, eventScanPages: services.eventScanPages });
  const authEvents = new AuthEventsService({
    loaders,
    cursorCodec: services.cursorCodec,
    pagination: services.pagination,
    pools: services.pools,
    reporter: services.reporter,
    caller,
  });
  return {
    caller,
    record,
    authEvents,
    feedback: new AuthEventFeedbackService({ client: services.client, loaders, authEvents, pools: services.pools, scope, caller }),
    federation: services.federation,
  };
}
