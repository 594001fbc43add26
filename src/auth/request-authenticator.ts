import type { AuthConfig } from '../config/config';
import { BearerTokenAuthenticator } from './bearer-token.authenticator';
import { type Caller, unauthenticatedCaller } from './caller';

/** What a request offers to prove who it is. */
export interface RequestCredentials {
  /** The `Authorization` header. */
  readonly authorization: string | undefined;
  /** The client's address, which tells callers apart when authentication is off. */
  readonly address: string | undefined;
}

/** Establishes the caller of every request; chosen once at start-up from `AUTH_MODE`. */
export interface RequestAuthenticator {
  /**
   * @throws UnauthenticatedError (HTTP 401) when the request proves nobody.
   */
  authenticate(credentials: RequestCredentials): Promise<Caller>;
  /** Loads what verification needs ahead of the first request; a failure is returned, not thrown. */
  preloadKeys(): Promise<Error | undefined>;
}

/** Where tokens come from. */
export interface TokenIssuers {
  readonly userPoolIds: readonly string[];
  /** A Cognito endpoint other than AWS's (the emulator): issuers are `<endpoint>/<poolId>`. */
  readonly endpoint: string | undefined;
}

/** The authenticator `AUTH_MODE` asks for: Cognito JWTs, or (never in production) nobody checked. */
export function createRequestAuthenticator(config: AuthConfig, issuers: TokenIssuers): RequestAuthenticator {
  if (config.mode === 'none') {
    return {
      authenticate: async ({ address }) => unauthenticatedCaller(address),
      preloadKeys: async () => undefined,
    };
  }
  const tokens = new BearerTokenAuthenticator({
    userPoolIds: issuers.userPoolIds,
    clientIds: config.clientIds,
    adminGroups: config.adminGroups,
    adminScopes: config.adminScopes,
    endpoint: issuers.endpoint,
    jwksTimeoutMs: 3000,
    verifiedTokenCacheSize: 10_000,
  });
  return {
    authenticate: ({ authorization }) => tokens.authenticate(authorization),
    preloadKeys: () => tokens.preloadKeys(),
  };
}
