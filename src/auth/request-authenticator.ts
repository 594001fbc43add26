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
  /**
   * Whether every served pool's signing keys are loaded; if not, tries again, at most once
   * every few seconds, so a readiness probe never hammers an issuer.
   */
  keysReady(): Promise<boolean>;
}

/** Least time between two attempts to load missing signing keys for readiness. */
const KEY_RETRY_MS = 5000;

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
      keysReady: async () => true,
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
  let loaded = false;
  let lastAttempt = 0;
  let loading: Promise<Error | undefined> | undefined;
  const preloadKeys = () => {
    lastAttempt = Date.now();
    loading ??= tokens.preloadKeys().then((error) => {
      if (error === undefined) loaded = true;
      loading = undefined;
      return error;
    });
    return loading;
  };
  return {
    authenticate: ({ authorization }) => tokens.authenticate(authorization),
    preloadKeys,
    keysReady: async () => {
      // A load under way (the one at start-up) is waited for; a failed one is retried at most
      // every KEY_RETRY_MS.
      if (loading !== undefined) await loading;
      else if (!loaded && Date.now() - lastAttempt >= KEY_RETRY_MS) await preloadKeys();
      return loaded;
    },
  };
}
