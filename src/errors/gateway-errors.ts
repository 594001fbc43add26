import { GraphQLError } from 'graphql';

/**
 * The stable `extensions.code` values this gateway answers with. Clients branch on these,
 * so they are part of the public contract: add codes, never rename one.
 */
export enum GatewayErrorCode {
  /** An argument, input field or cursor breaks a documented rule; nothing was sent upstream. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** No valid bearer token: missing, malformed, expired, wrongly signed or foreign. HTTP 401. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The caller may not do this: another user's events without being an admin, or a feedback token Cognito rejected. */
  FORBIDDEN = 'FORBIDDEN',
  /** The operation is over one of the limits checked before execution (aliases, depth, directives, Cognito reads). HTTP 400. */
  OPERATION_LIMIT_EXCEEDED = 'OPERATION_LIMIT_EXCEEDED',
  /** The user, user pool or event does not exist. */
  NOT_FOUND = 'NOT_FOUND',
  /** The user pool has threat protection (advanced security) turned off, so it records no auth events. */
  THREAT_PROTECTION_DISABLED = 'THREAT_PROTECTION_DISABLED',
  /** Cognito's quota, or this gateway's own limit in front of it, is exhausted; retry later. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** Cognito failed, timed out or could not be reached. */
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  /** The HTTP request is not a GraphQL request this server can read (malformed JSON, for example). HTTP 400. */
  BAD_REQUEST = 'BAD_REQUEST',
  /** The request body is larger than the server accepts. HTTP 413. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** The HTTP method is not one GraphQL over HTTP uses here (GET or POST). HTTP 405. */
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  /** A POST body that is not `application/json` (or a charset other than UTF-8). HTTP 415. */
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  /** Anything unexpected; details are in the server's logs only. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Extensions every gateway error carries. */
export interface GatewayErrorExtensions {
  code: GatewayErrorCode;
  /** For input errors: the argument or input field at fault, e.g. `first` or `input.eventId`. */
  argumentName?: string;
  /** For rate limiting: seconds after which a retry is reasonable. */
  retryAfterSeconds?: number;
  /** For upstream failures: whether the same request may succeed if sent again later. */
  retryable?: boolean;
  /**
   * For failed feedback updates: whether Cognito may have applied the update all the same (a
   * reset or timeout after it was sent); false when it was refused before anything changed.
   */
  mayHaveApplied?: boolean;
  /** For operation limits: which limit, and its value. */
  limit?: string;
  maximum?: number;
  /** For authentication failures: `missing`, `expired` or `invalid`. */
  reason?: string;
  /**
   * The HTTP status and headers of a whole-request error (401, 429, 400), as Apollo Server
   * reads them; Apollo removes this member from the response.
   */
  http?: { readonly status: number; readonly headers?: Map<string, string> };
}

/**
 * A deliberate, client-safe error: its message and extensions reach the client as they are.
 * Every other error is masked by the server's error formatting.
 */
export class GatewayError extends GraphQLError {
  /** The stable code clients branch on. */
  readonly code: GatewayErrorCode;

  constructor(message: string, extensions: GatewayErrorExtensions, options: { cause?: unknown } = {}) {
    super(message, { extensions: { ...extensions }, originalError: toError(options.cause) });
    this.name = 'GatewayError';
    this.code = extensions.code;
  }
}

/** An argument, input field or cursor that breaks a rule, found before any upstream call. */
export class BadUserInputError extends GatewayError {
  constructor(argumentName: string, message: string) {
    super(message, { code: GatewayErrorCode.BAD_USER_INPUT, argumentName });
    this.name = 'BadUserInputError';
  }
}

/** The caller may not read or change this user's events; decided before any upstream call. */
export class ForbiddenError extends GatewayError {
  constructor(message: string) {
    super(message, { code: GatewayErrorCode.FORBIDDEN });
    this.name = 'ForbiddenError';
  }
}

function toError(cause: unknown): Error | undefined {
  if (cause === undefined) return undefined;
  return cause instanceof Error ? cause : new Error(String(cause));
}
