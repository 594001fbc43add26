import { isGraphQLRequestError } from '../errors/graphql-request-errors';
import type { GatewayLogger } from '../logging/logger';
import type { GatewayMetrics, RequestOutcome } from './gateway-metrics';
import type { RequestRecord } from './request-record';

/**
 * How a request ended, from its status and what its answer held. A GraphQL request error is
 * `refused` whichever status its media type gave it (200 under `application/json`); a request
 * whose client went away before its answer was sent is `aborted`, whatever it had done.
 */
export function outcomeOf(record: RequestRecord, status: number): RequestOutcome {
  if (record.aborted) return 'aborted';
  if ((status >= 400 && !record.hasData) || isGraphQLRequestError(record.errorCodes, record.hasData)) return 'refused';
  if (record.errorCodes.size === 0) return 'ok';
  return record.hasData ? 'partial' : 'error';
}

/**
 * One `info` line per API request, and its metrics: operation name and type, duration, HTTP
 * status, outcome, error codes, Cognito calls it started, and a hash of the caller. Never a
 * token, username, email, event IP or cursor: the record holds none (see `RequestRecord`).
 */
export function createRequestObserver(logger: GatewayLogger, metrics: GatewayMetrics): (record: RequestRecord, status: number) => void {
  return (record, status) => {
    const durationMs = record.elapsedMs();
    const outcome = outcomeOf(record, status);
    metrics.recordRequest(record.operationName, outcome, durationMs / 1000);
    logger.info(
      {
        operation: record.operationName ?? null,
        operationType: record.operationType ?? null,
        durationMs: Math.round(durationMs * 10) / 10,
        status,
        outcome,
        errorCodes: [...record.errorCodes],
        cognitoCalls: record.cognitoCalls,
        caller: record.callerHash ?? null,
      },
      'request',
    );
  };
}
