import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { EMULATOR_ADMIN_SCOPE, SEED_APP_CLIENTS, type EmulatorAppClient, type EmulatorAppClientKind } from './emulator.app-clients';
import { SIGNING_ALGORITHM, type EmulatorSigningKeys } from './emulator.signing';
import type { EmulatorStore } from './emulator.store';

/** Which of Cognito's tokens to mint. */
export type EmulatorTokenUse = 'access' | 'id';

/** What {@link EmulatorJwtIssuer.mintToken} should mint. */
export interface MintTokenRequest {
  /** The issuing pool; must be one of the emulator's pools. */
  readonly userPoolId: string;
  /** `access` (default) or `id`. */
  readonly tokenUse?: EmulatorTokenUse;
  /**
   * The signed-in user: username, email alias or `sub` of a user of the pool. Absent: a
   * client-credentials access token, which has no user.
   */
  readonly username?: string;
  /** `cognito:groups` of a user token; empty or absent leaves the claim out, as Cognito does. */
  readonly groups?: readonly string[];
  /**
   * The `scope` claim of an access token, space-separated. Default: `aws.cognito.signin.user.admin`
   * for a user, `auth-events/admin` for the client-credentials flow.
   */
  readonly scope?: string;
  /**
   * The app client the token is issued to; must be a client of the pool. Default: the pool's
   * first `user` client for user tokens, its first `machine` client for client credentials.
   */
  readonly clientId?: string;
  /** Lifetime; default 3600 (Cognito's default). Negative mints a token that has already expired. */
  readonly expiresInSeconds?: number;
  /** `iat` and `auth_time`, epoch seconds; default now. */
  readonly issuedAt?: number;
}

/** A signed token and what it says. */
export interface MintedToken {
  /** The compact JWT. */
  readonly token: string;
  /** The payload, exactly as signed. */
  readonly claims: Record<string, unknown>;
  /** `exp`, epoch seconds. */
  readonly expiresAt: number;
}

/** What minting needs from the rest of the emulator. */
export interface JwtIssuerDependencies {
  /** The pools' signing keys. */
  readonly keys: EmulatorSigningKeys;
  /** Resolves usernames, aliases and subs. */
  readonly store: EmulatorStore;
  /** The `iss` of a pool's tokens. */
  issuerOf(poolId: string): string;
  /** Epoch seconds; default the clock. */
  readonly now?: () => number;
}

/** Cognito's default access and ID token lifetime. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** The scope of an access token from a user's sign-in through Cognito's API. */
export const USER_SIGN_IN_SCOPE = 'aws.cognito.signin.user.admin';

// Cognito's group-name rule: 1 to 128 letters, marks, symbols, digits or punctuation (no spaces).
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;
// RFC 6749's scope-token, single spaces between tokens.
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/;
const TOKEN_USES: readonly EmulatorTokenUse[] = ['access', 'id'];

/**
 * Reads a token use, for callers holding a plain string.
 *
 * @throws RangeError unless the value is `access` or `id`.
 */
export function parseTokenUse(value: string): EmulatorTokenUse {
  const tokenUse = TOKEN_USES.find((candidate) => candidate === value);
  if (tokenUse === undefined) throw new RangeError(`tokenUse must be "access" or "id", got ${JSON.stringify(value)}`);
  return tokenUse;
}

/**
 * Mints the RS256 access and ID tokens a Cognito user pool would issue, with Cognito's claims,
 * signed with the pool's key so any JWT verifier pointed at the pool's JWKS accepts them.
 */
export class EmulatorJwtIssuer {
  private readonly now: () => number;

  constructor(private readonly deps: JwtIssuerDependencies) {
    this.now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /**
   * Mints one token.
   *
   * @throws RangeError (as a rejection) for an unknown pool, user or client, an ID token without a
   *   user, or a malformed group, scope, lifetime or time.
   */
  async mintToken(request: MintTokenRequest): Promise<MintedToken> {
    const signingKey = this.deps.keys.signingKeyOf(request.userPoolId);
    if (signingKey === undefined) throw new RangeError(`No user pool ${request.userPoolId} in the emulator`);
    const tokenUse = parseTokenUse(request.tokenUse ?? 'access');
    const issuedAt = request.issuedAt ?? this.now();
    const expiresInSeconds = request.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
    if (!Number.isInteger(issuedAt) || issuedAt < 0) throw new RangeError(`issuedAt must be whole epoch seconds, got ${issuedAt}`);
    if (!Number.isInteger(expiresInSeconds)) throw new RangeError(`expiresInSeconds must be a whole number of seconds, got ${expiresInSeconds}`);
    const groups = request.groups ?? [];
    const badGroup = groups.find((group) => !GROUP_NAME.test(group));
    if (badGroup !== undefined) {
      throw new RangeError(`A group name must be 1 to 128 characters without spaces, got ${JSON.stringify(badGroup)}`);
    }
    if (request.scope !== undefined && !SCOPE.test(request.scope)) {
      throw new RangeError(`scope must be scope names separated by single spaces, got ${JSON.stringify(request.scope)}`);
    }

    const times = { auth_time: issuedAt, exp: issuedAt + expiresInSeconds, iat: issuedAt };
    const iss = this.deps.issuerOf(request.userPoolId);
    let claims: Record<string, unknown>;
    if (request.username === undefined) {
      if (tokenUse === 'id') throw new RangeError('An ID token needs a username: the client-credentials flow issues access tokens only');
      if (groups.length > 0) throw new RangeError('groups need a username: a client-credentials token has no user to be in groups');
      const client = this.clientFor(request.userPoolId, request.clientId, 'machine');
      claims = {
        sub: client.clientId,
        token_use: 'access',
        scope: request.scope ?? EMULATOR_ADMIN_SCOPE,
        auth_time: times.auth_time,
        iss,
        exp: times.exp,
        iat: times.iat,
        version: 2,
        jti: randomUUID(),
        client_id: client.clientId,
      };
    } else {
      const user = this.deps.store.findUser(request.userPoolId, request.username);
      if (user === undefined) throw new RangeError(`No user ${request.username} in pool ${request.userPoolId}`);
      const client = this.clientFor(request.userPoolId, request.clientId, 'user');
      if (tokenUse === 'id' && request.scope !== undefined) throw new RangeError('scope belongs in access tokens; an ID token has no scope claim');
      // Cognito leaves the claim out for a user in no group, rather than sending [].
      const groupClaim = groups.length > 0 ? { 'cognito:groups': [...groups] } : {};
      // Tokens of one sign-in share origin_jti and event_id; each token has its own jti.
      const signIn = { origin_jti: randomUUID(), event_id: randomUUID() };
      claims =
        tokenUse === 'access'
          ? {
              sub: user.sub,
              ...groupClaim,
              iss,
              client_id: client.clientId,
              ...signIn,
              token_use: 'access',
              scope: request.scope ?? USER_SIGN_IN_SCOPE,
              ...times,
              jti: randomUUID(),
              username: user.username,
            }
          : {
              sub: user.sub,
              ...groupClaim,
              email_verified: true,
              iss,
              'cognito:username': user.username,
              origin_jti: signIn.origin_jti,
              aud: client.clientId,
              event_id: signIn.event_id,
              token_use: 'id',
              ...times,
              jti: randomUUID(),
              email: user.email,
            };
    }

    const token = await new SignJWT(claims).setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: signingKey.kid }).sign(signingKey.privateKey);
    return { token, claims, expiresAt: times.exp };
  }

  /** The named client of the pool, or the pool's default client of `kind`. */
  private clientFor(poolId: string, clientId: string | undefined, kind: EmulatorAppClientKind): EmulatorAppClient {
    const clients = SEED_APP_CLIENTS.filter((client) => client.poolId === poolId);
    if (clientId !== undefined) {
      const client = clients.find((candidate) => candidate.clientId === clientId);
      if (client === undefined) throw new RangeError(`No app client ${clientId} in pool ${poolId}`);
      return client;
    }
    const client = clients.find((candidate) => candidate.kind === kind);
    if (client === undefined) throw new RangeError(`Pool ${poolId} has no ${kind} app client; pass clientId`);
    return client;
  }
}
