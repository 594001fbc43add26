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
import { RequestDeadline } from '../cognito/request-deadline';
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
  /** Upstream work of one GraphQL request is abandoned after this many milliseconds. */
  readonly requestDeadlineMs: number;
  /** Pages of one user's history the event loader may read to find events by id. */
  readonly eventScanPages: number;
  readonly logger: GatewayLogger;
}

/**
 * Makes a fresh context for one GraphQL request. Loaders live exactly as long as the request,
 * so nothing read for one caller is ever served to another.
 */
export function createRequestContext(services: GatewayServices, caller: Caller, record: RequestRecord): GatewayContext {
  // Aborts at the deadline: queued upstream calls leave the queue, running ones are cancelled,
  // and their slots go to other requests. The timer does not keep the process alive.
  const deadline = new RequestDeadline(services.requestDeadlineMs);
  const loaders = createAuthEventLoaders({
    reader: services.pageReader,
    logger: services.logger,
    deadline,
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
      deadline,
      caller,
      onCognitoCall: () => record.countCognitoCall(),
    }),
    federation: services.federation,
    logger: services.logger,
  };
}
