import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  FetchError,
  JwksNotAvailableInCacheError,
  JwtBaseError,
  JwtExpiredError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  NonRetryableFetchError,
  ParameterValidationError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { LRUCache } from 'lru-cache';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-errors';
import type { Caller } from './caller';
import { EndpointJwksFetcher } from './jwks.fetcher';
import { UnauthenticatedError } from './unauthenticated.error';

/** How bearer tokens are checked. */
export interface BearerTokenAuthenticatorOptions {
  /** Pools whose tokens are accepted: exactly the served pools. */
  readonly userPoolIds: readonly string[];
  /** App clients whose tokens are accepted (`AUTH_CLIENT_IDS`): `client_id` of access tokens, `aud` of ID tokens. */
  readonly clientIds: readonly string[];
  /** Members of any of these `cognito:groups` are admins (`AUTH_ADMIN_GROUPS`). */
  readonly adminGroups: readonly string[];
  /** Client-credentials tokens with any of these scopes are admins (`AUTH_ADMIN_SCOPES`). */
  readonly adminScopes: readonly string[];
  /**
   * The Cognito endpoint when it is not AWS's own (the emulator, a proxy): a pool's issuer is
   * then `<endpoint>/<poolId>`. `undefined`: Cognito's own issuers, over https only.
   */
  readonly endpoint: string | undefined;
  /** Limit of one JWKS download. */
  readonly jwksTimeoutMs: number;
  /** Most verified tokens remembered (each until it expires). */
  readonly verifiedTokenCacheSize: number;
}

/** Longest `Authorization` value read; Cognito's tokens are a few kilobytes. */
const MAX_AUTHORIZATION_LENGTH = 16 * 1024;
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+) *$/i;

/** The slice of aws-jwt-verify's verifiers this module uses, whichever issuer form is configured. */
interface TokenVerifier {
  verify(token: string): Promise<JwtPayload>;
  hydrate(): Promise<void>;
}

/**
 * Establishes the caller of a request from its `Authorization: Bearer` token with
 * aws-jwt-verify: RS256 signature against the issuing pool's JWKS (fetched once, cached, and
 * refetched for an unknown `kid` no more often than the library's penalty box allows), expiry,
 * issuer among the served pools, `token_use`, and client among `AUTH_CLIENT_IDS`.
 *
 * A verified token is remembered until it expires, keyed by the whole token: checking an
 * RS256 signature costs about 100 µs of CPU, which a client sending the same token with every
 * request should pay once, not on every request. Only successes are remembered, and an entry
 * is never used once the token's `exp` has passed.
 */
export class BearerTokenAuthenticator {
  private readonly verifier: TokenVerifier;
  private readonly verified: LRUCache<string, RememberedCaller>;
  private readonly poolIds: ReadonlySet<string>;
  /** The `iss` of each served pool's tokens, as the verifier accepts them. */
  private readonly servedIssuers: readonly string[];

  constructor(private readonly options: BearerTokenAuthenticatorOptions) {
    this.poolIds = new Set(options.userPoolIds);
    this.servedIssuers = options.userPoolIds.map((userPoolId) => issuerOf(userPoolId, options.endpoint));
    this.verifier = createVerifier(options);
    this.verified = new LRUCache<string, RememberedCaller>({ max: options.verifiedTokenCacheSize });
  }

  /**
   * The caller a request's `Authorization` header proves.
   *
   * @throws UnauthenticatedError (`missing`, `expired`, `invalid`), never echoing the token.
   * @throws GatewayError `UPSTREAM_UNAVAILABLE` when the issuer's JWKS cannot be loaded.
   */
  async authenticate(authorization: string | undefined): Promise<Caller> {
    if (authorization === undefined || authorization.trim() === '') throw new UnauthenticatedError('missing');
    const match = authorization.length > MAX_AUTHORIZATION_LENGTH ? null : BEARER.exec(authorization);
    const token = match?.[1];
    if (token === undefined) throw new UnauthenticatedError('invalid', 'the Authorization header is not "Bearer <JWT>"');

    const remembered = this.verified.get(token);
    // Judged by the wall clock (`Date.now()`), the clock the verifier judges `exp` by, so the two
    // never disagree: the cache's own TTL runs on the monotonic clock, which parts from the wall
    // clock whenever the system clock is set (and a test that sets `Date` past `exp` sees both).
    if (remembered !== undefined && Date.now() < remembered.expiresAtMs) return remembered.caller;

    let payload: JwtPayload;
    try {
      payload = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof JwtInvalidIssuerError || error instanceof ParameterValidationError) {
        throw new UnauthenticatedError('invalid', unservedIssuerReason(token, this.servedIssuers));
      }
      throw toAuthenticationError(error);
    }
    const caller = this.callerOf(payload);
    const expiresAtMs = (payload.exp ?? 0) * 1000;
    const remainingMs = expiresAtMs - Date.now();
    if (remainingMs > 0) this.verified.set(token, { caller, expiresAtMs }, { ttl: remainingMs });
    return caller;
  }

  /**
   * Loads every served pool's JWKS now, so the first request of each pool does not wait for
   * it. A failure is returned, not thrown: the keys are fetched again on demand.
   */
  async preloadKeys(): Promise<Error | undefined> {
    try {
      await this.verifier.hydrate();
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  private callerOf(payload: JwtPayload): Caller {
    const userPoolId = typeof payload.iss === 'string' ? payload.iss.slice(payload.iss.lastIndexOf('/') + 1) : '';
    // The verifier accepted only served issuers; this guards the parsing above.
    if (!this.poolIds.has(userPoolId)) throw new UnauthenticatedError('invalid', 'the token was issued by a user pool this gateway does not serve');
    const sub = stringClaim(payload, 'sub');
    const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'].filter(isString) : [];
    const scopes = (stringClaim(payload, 'scope') ?? '').split(' ').filter((scope) => scope.length > 0);
    const username =
      payload.token_use === 'id' ? stringClaim(payload, 'cognito:username') : stringClaim(payload, 'username');
    if (sub === undefined) throw new UnauthenticatedError('invalid', 'the token carries no sub');
    // An access token without a username comes from the client-credentials flow: an app, not a person.
    const kind = username === undefined ? 'machine' : 'user';
    const admin =
      groups.some((group) => this.options.adminGroups.includes(group)) ||
      (kind === 'machine' && scopes.some((scope) => this.options.adminScopes.includes(scope)));
    return { id: `${userPoolId}/${sub}`, kind, userPoolId, sub, username, admin };
  }
}

/** A verified token's caller, and when the token expires (epoch milliseconds). */
interface RememberedCaller {
  readonly caller: Caller;
  readonly expiresAtMs: number;
}

/** A pool's issuer: Cognito's own (`https://cognito-idp.<region>.amazonaws.com/<pool>`), or `<endpoint>/<pool>`. */
function issuerOf(userPoolId: string, endpoint: string | undefined): string {
  return endpoint === undefined ? CognitoJwtVerifier.parseUserPoolId(userPoolId).issuer : `${endpoint.replace(/\/+$/, '')}/${userPoolId}`;
}

/** Longest issuer repeated in a message; longer ones are not a pool's anyway. */
const MAX_SHOWN_ISSUER_LENGTH = 256;

/**
 * Why a token of an issuer the gateway does not serve is refused, naming the issuer it carries
 * and the ones served, so a token from another emulator, endpoint or region is told apart from
 * one of another pool. The issuer is a claim the signature has not vouched for; it is repeated
 * only when it looks like one (printable, no spaces, not too long), and the token never is.
 */
function unservedIssuerReason(token: string, servedIssuers: readonly string[]): string {
  const issuer = unverifiedIssuerOf(token);
  const served = `it serves ${servedIssuers.join(', ')}`;
  if (issuer === undefined) return `the token names no issuer this gateway can read; ${served}`;
  if (issuer.length > MAX_SHOWN_ISSUER_LENGTH || !/^[\x21-\x7e]+$/.test(issuer)) return `the token's issuer is not one this gateway serves; ${served}`;
  const pool = issuer.slice(issuer.lastIndexOf('/') + 1);
  // The same pool id at another address: minted by another emulator (its port moved) or for another endpoint.
  const samePool = servedIssuers.some((candidate) => candidate.endsWith(`/${pool}`))
    ? ' (that pool is served, at another address: the token comes from another Cognito endpoint or emulator)'
    : '';
  return `the token was issued by ${issuer}, which this gateway does not serve${samePool}; ${served}`;
}

/** The `iss` claim of a token whose signature is not checked (yet): only for messages. */
function unverifiedIssuerOf(token: string): string | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && 'iss' in payload && typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

function createVerifier(options: BearerTokenAuthenticatorOptions): TokenVerifier {
  const clientId = [...options.clientIds];
  if (options.endpoint === undefined) {
    return CognitoJwtVerifier.create(
      options.userPoolIds.map((userPoolId) => ({ userPoolId, tokenUse: null, clientId })),
    );
  }
  const endpoint = options.endpoint.replace(/\/+$/, '');
  return JwtVerifier.create(
    options.userPoolIds.map((userPoolId) => ({
      issuer: `${endpoint}/${userPoolId}`,
      jwksUri: `${endpoint}/${userPoolId}/.well-known/jwks.json`,
      // Cognito's tokens carry `client_id` (access) or `aud` (ID), never both; the library's
      // own Cognito check reads the right one, so the audience check here is switched off.
      audience: null,
      customJwtCheck: ({ payload }: { payload: JwtPayload }) => validateCognitoJwtFields(payload, { tokenUse: null, clientId }),
    })),
    { jwksCache: new SimpleJwksCache({ fetcher: new EndpointJwksFetcher(options.jwksTimeoutMs) }) },
  );
}

/** What the caller is told: expired, or invalid; infrastructure failures are not the caller's fault. */
function toAuthenticationError(error: unknown): GatewayError {
  if (error instanceof JwtExpiredError) return new UnauthenticatedError('expired');
  // The issuer's keys could not be loaded: nobody can tell whether the token is good.
  if ((error instanceof FetchError && !(error instanceof NonRetryableFetchError)) || error instanceof JwksNotAvailableInCacheError) {
    return new GatewayError(
      'The gateway could not load the signing keys of the token issuer; try again shortly.',
      { code: GatewayErrorCode.UPSTREAM_UNAVAILABLE, http: { status: 503, headers: new Map([['retry-after', '5']]) } },
      { cause: error },
    );
  }
  if (error instanceof JwtBaseError) return new UnauthenticatedError('invalid', reasonOf(error));
  throw error;
}

/** Reasons safe to show, by the library's class of failure; never the token or its claims. */
const FAILURE_REASONS: ReadonlyArray<readonly [new (...args: never[]) => JwtBaseError, string]> = [
  [JwtParseError, 'the token is not a JWT'],
  [JwtInvalidSignatureAlgorithmError, 'the token is not signed with RS256'],
  [JwtInvalidSignatureError, 'the signature does not verify'],
  [CognitoJwtInvalidClientIdError, 'the token was issued to an app client this gateway does not accept'],
  [CognitoJwtInvalidTokenUseError, 'the token is neither an access token nor an ID token'],
  [JwtNotBeforeError, 'the token is not valid yet'],
  [KidNotFoundInJwksError, "the token's key is not among the issuer's signing keys"],
  // Within the penalty window after an unknown kid, the library refuses to refetch the keys.
  [WaitPeriodNotYetEndedJwkError, "the token's key is not among the issuer's signing keys"],
  [JwtWithoutValidKidError, 'the token names no signing key'],
  [NonRetryableFetchError, "the issuer's signing keys are not published where the token says"],
];

function reasonOf(error: JwtBaseError): string {
  return FAILURE_REASONS.find(([type]) => error instanceof type)?.[1] ?? 'the token does not verify';
}

function stringClaim(payload: JwtPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

