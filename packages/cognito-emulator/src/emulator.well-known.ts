import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './emulator.admin';
import type { JwksRequestCounter } from './emulator.jwks-requests';
import { SIGNING_ALGORITHM, type EmulatorJwks } from './emulator.signing';

/**
 * A pool's OpenID Connect discovery document, with the members Cognito's has. The OAuth
 * endpoints (`authorization_endpoint`, `token_endpoint`, …) are left out: Cognito lists them only
 * for a pool with a hosted-UI domain, and the emulator serves none of them.
 */
export interface OpenIdConfiguration {
  /** The `iss` of the pool's tokens. */
  readonly issuer: string;
  /** Where the pool's public keys are: `${issuer}/.well-known/jwks.json`. */
  readonly jwks_uri: string;
  /** `code` and `token`, as Cognito. */
  readonly response_types_supported: readonly string[];
  /** `public`, as Cognito. */
  readonly subject_types_supported: readonly string[];
  /** `RS256` only. */
  readonly id_token_signing_alg_values_supported: readonly string[];
  /** `client_secret_basic` and `client_secret_post`, as Cognito. */
  readonly token_endpoint_auth_methods_supported: readonly string[];
  /** The OpenID scopes Cognito lists. */
  readonly scopes_supported: readonly string[];
  /** The claims the emulator's ID tokens carry. */
  readonly claims_supported: readonly string[];
}

/** What the well-known routes read. */
export interface WellKnownTarget {
  /** The pool's JWKS, `undefined` for an unknown pool. */
  jwks(poolId: string): EmulatorJwks | undefined;
  /** The `iss` of a pool's tokens. */
  issuerOf(poolId: string): string;
  /** Where JWKS requests are counted. */
  readonly jwksRequests: JwksRequestCounter;
}

const WELL_KNOWN_PATH = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

/** Whether `path` (no query) is `/<poolId>/.well-known/jwks.json` or `…/openid-configuration`. */
export function isWellKnownPath(path: string): boolean {
  return WELL_KNOWN_PATH.test(path);
}

/** The discovery document of the pool whose tokens carry `issuer`. */
export function openIdConfigurationOf(issuer: string): OpenIdConfiguration {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['code', 'token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'jti',
      'origin_jti',
      'event_id',
      'token_use',
      'cognito:username',
      'cognito:groups',
      'email',
      'email_verified',
    ],
  };
}

/**
 * Serves `GET /<poolId>/.well-known/jwks.json` and `GET /<poolId>/.well-known/openid-configuration`,
 * where Cognito serves them under its issuer URL. An unknown pool answers 404 `{"error": …}`.
 * JWKS requests are counted; neither route is a Cognito API call, so neither enters the call log.
 */
export async function handleWellKnownRequest(request: IncomingMessage, response: ServerResponse, target: WellKnownTarget): Promise<void> {
  request.resume();
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const [, poolId = '', document] = WELL_KNOWN_PATH.exec(path) ?? [];
  if (request.method !== 'GET') {
    response.setHeader('Allow', 'GET');
    sendJson(response, 405, { error: `Method ${request.method} not allowed` });
    return;
  }
  if (document === 'jwks.json') target.jwksRequests.record(poolId);
  const jwks = target.jwks(poolId);
  if (jwks === undefined) {
    sendJson(response, 404, { error: `No user pool ${poolId} in the emulator` });
    return;
  }
  sendJson(response, 200, document === 'jwks.json' ? jwks : openIdConfigurationOf(target.issuerOf(poolId)));
}
