import { GatewayError, GatewayErrorCode } from '../errors/gateway-errors';
import type { GatewayLogger } from '../logging/logger';
import type { CognitoOperation } from './cognito.operations';


const NOT_FOUND = new Set(['UserNotFoundException', 'ResourceNotFoundException']);
const THREAT_PROTECTION_OFF = new Set(['UserPoolAddOnNotEnabledException', 'OperationNotEnabledException']);
const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException', 'LimitExceededException']);
const UNAVAILABLE = new Set([
  'InternalErrorException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/**
 * The single place that turns a failed Cognito call into the error clients see.
 *
 * Messages are written here, never copied from Cognito, so no username, token or internal
 * detail reaches a client; the upstream error's name and status go to the log instead. Every
 * error but `INTERNAL_SERVER_ERROR` also says whether trying again may help
 * (`extensions.retryable`) and, for a feedback update, whether the update may have been applied
 * all the same (`extensions.mayHaveApplied`).
 */
export function toGatewayError(error: unknown, operation: CognitoOperation, logger: GatewayLogger): GatewayError {
  return withRetryHints(classify(error, operation, logger), operation);
}

/** Codes of failures that are Cognito's or the gateway's momentary state, not the request's fault. */
const RETRYABLE_CODES: ReadonlySet<GatewayErrorCode> = new Set([GatewayErrorCode.RATE_LIMITED, GatewayErrorCode.UPSTREAM_UNAVAILABLE]);

/**
 * Adds `retryable` and, for feedback updates, `mayHaveApplied`, unless the error already says
 * (a caller that knows better, such as the per-event queue, sets them itself); not to an
 * `INTERNAL_SERVER_ERROR`.
 *
 * Whether an update may have been applied follows from how it failed. Refusals come before
 * Cognito changes anything: throttling (the only failure the gateway retries on writes, so
 * earlier attempts were throttled too), the gateway's own full queue, not found, forbidden,
 * invalid input. Everything under `UPSTREAM_UNAVAILABLE` may come after: a reset connection
 * or a timeout once the request was sent, a 5xx after the work. The deadline passing while the
 * update waited for a slot is counted here too (it cannot be told apart from one passing on the
 * wire), so `mayHaveApplied: true` is an upper bound, never an omission. Retrying is safe either
 * way: setting an event's feedback to a value is idempotent.
 */
function withRetryHints(error: GatewayError, operation: CognitoOperation): GatewayError {
  // An unexpected error keeps the generic masked shape every INTERNAL_SERVER_ERROR has: nothing
  // is known about it, so nothing is promised.
  if (error.code === GatewayErrorCode.INTERNAL_SERVER_ERROR) return error;
  // GatewayError copies its extensions at construction, so this object is the error's own.
  const extensions = error.extensions as Record<string, unknown>;
  if (extensions.retryable === undefined) extensions.retryable = RETRYABLE_CODES.has(error.code);
  if (operation !== 'AdminListUserAuthEvents' && extensions.mayHaveApplied === undefined) {
    extensions.mayHaveApplied = error.code === GatewayErrorCode.UPSTREAM_UNAVAILABLE;
  }
  return error;
}

function classify(error: unknown, operation: CognitoOperation, logger: GatewayLogger): GatewayError {
  if (error instanceof GatewayError) return error;
  const shape: ErrorShape = typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
  const name = typeof shape.name === 'string' ? shape.name : 'Unknown';
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const upstream = { operation, upstreamError: name, upstreamStatus: status, networkCode: code };

  if (NOT_FOUND.has(name)) {
    const what = operation === 'AdminListUserAuthEvents' ? 'The user or user pool' : 'The user, user pool or event';
    return new GatewayError(`${what} was not found.`, { code: GatewayErrorCode.NOT_FOUND }, { cause: error });
  }
  if (THREAT_PROTECTION_OFF.has(name)) {
    return new GatewayError(
      'Threat protection (advanced security) is not enabled for this user pool, so it records no authentication events.',
      { code: GatewayErrorCode.THREAT_PROTECTION_DISABLED },
      { cause: error },
    );
  }
  if (THROTTLED.has(name)) {
    logger.warn(upstream, 'Cognito throttled the gateway after retries');
    return new GatewayError(
      'Cognito is throttling requests; try again shortly.',
      { code: GatewayErrorCode.RATE_LIMITED, retryAfterSeconds: 1 },
      { cause: error },
    );
  }
  if (name === 'NotAuthorizedException' && operation === 'UpdateAuthEventFeedback') {
    return new GatewayError(
      'The feedback token was rejected: it is not valid for this user pool, user and event.',
      { code: GatewayErrorCode.FORBIDDEN },
      { cause: error },
    );
  }
  if (UNAVAILABLE.has(name) || (code !== undefined && NETWORK_CODES.has(code)) || (status !== undefined && status >= 500)) {
    logger.warn(upstream, 'Cognito is unavailable');
    return new GatewayError(
      'Cognito is unavailable or did not answer in time; try again shortly.',
      { code: GatewayErrorCode.UPSTREAM_UNAVAILABLE },
      { cause: error },
    );
  }
  if (name === 'InvalidParameterException') {
    // The gateway validates every documented rule first, so this is Cognito refusing something
    // only it can judge (an expired NextToken, say). Cognito's own text is not forwarded.
    logger.warn(upstream, 'Cognito rejected a parameter the gateway had accepted');
    return new GatewayError(
      'Cognito rejected the request as invalid; if you passed a cursor, start again from the first page.',
      { code: GatewayErrorCode.BAD_USER_INPUT },
      { cause: error },
    );
  }
  // NotAuthorized/AccessDenied on the admin calls means the gateway's own AWS credentials are
  // wrong: an operator problem, not the client's, so it is logged loudly and masked.
  logger.error(upstream, 'unexpected error from Cognito');
  return new GatewayError('Unexpected error.', { code: GatewayErrorCode.INTERNAL_SERVER_ERROR }, { cause: error });
}
