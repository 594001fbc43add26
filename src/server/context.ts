import type { FederationConfig, PaginationConfig } from '../config/config';
import type { AuthEventCursorPayload } from '../auth-events/auth-event.cursor';
import { createAuthEventLoaders } from '../auth-events/auth-event.loaders';
import { AuthEventFeedbackService } from '../auth-events/auth-event-feedback.service';
import { AuthEventsService } from '../auth-events/auth-events.service';
import type { UnknownValueReporter } from '../auth-events/unknown-value.reporter';
import type { CognitoAuthEventsClient } from '../cognito/cognito.client';
import type { GatewayLogger } from '../logging/logger';
import type { CursorCodec } from '../pagination/cursor.codec';
import type { UserPoolPolicy } from '../validation/cognito-input.validation';
import type { Caller } from '../auth/caller';
import type { RequestRecord } from '../observability/request-record';
import type { RequestCancellation } from '../context/request-cancellation';
import type { SharedPageReader } from '../cache/shared-page-reader';
import type { GatewayContext } from '../context/gateway-context';

export type { GatewayContext } from '../context/gateway-context';

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
  readonly logger: GatewayLogger;
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
  const loaders = createAuthEventLoaders({
    reader: services.pageReader,
    logger: services.logger,
    cancellation,
    eventScanPages: services.eventScanPages,
    onCognitoCall: () => record.countCognitoCall(),
  });
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
    loaders,
    authEvents,
    feedback: new AuthEventFeedbackService({
      client: services.client,
      loaders,
      authEvents,
      pools: services.pools,
      logger: services.logger,
      cancellation,
      caller,
      onCognitoCall: () => record.countCognitoCall(),
    }),
    federation: services.federation,
    logger: services.logger,
  };
}
