import { GatewayError, GatewayErrorCode } from '../errors/gateway-errors';

/** Why a request is not authenticated; `extensions.reason`, stable for clients. */
export type AuthenticationFailure = 'missing' | 'expired' | 'invalid';

const MESSAGES: Readonly<Record<AuthenticationFailure, string>> = {
  missing: 'Authentication required: send an Authorization: Bearer header with an access or ID token of a served user pool.',
  expired: 'The bearer token has expired: sign in again (or refresh the token) and retry.',
  invalid: 'The bearer token is invalid',
};

/**
 * The request carries no token the gateway accepts: HTTP 401 with `WWW-Authenticate: Bearer`
 * (RFC 6750), one error, and nothing else runs. The message says which failure it is and
 * never echoes the token.
 */
export class UnauthenticatedError extends GatewayError {
  /** Which failure it is, as `extensions.reason` says it (and metrics count it). */
  readonly reason: AuthenticationFailure;

  constructor(reason: AuthenticationFailure, detail?: string) {
    const error = reason === 'missing' ? '' : `, error="invalid_token"`;
    super(
      reason === 'invalid' ? `${MESSAGES.invalid}: ${detail ?? 'it does not verify'}.` : MESSAGES[reason],
      {
        code: GatewayErrorCode.UNAUTHENTICATED,
        reason,
        http: { status: 401, headers: new Map([['www-authenticate', `Bearer realm="auth-events"${error}`]]) },
      },
    );
    this.name = 'UnauthenticatedError';
    this.reason = reason;
  }
}
