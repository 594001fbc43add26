import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** An RS256 key pair of a test's own, to sign tokens that no served pool signed, or to play an issuer. */
export interface TestIssuer {
  /** The public JWKS, as an issuer serves it at `/.well-known/jwks.json`. */
  readonly jwks: { keys: JWK[] };
  /** Signs `claims` with this key (header `kid` = this key's, unless `kid` says otherwise). */
  sign(claims: Record<string, unknown>, kid?: string): Promise<string>;
}

/** Makes a fresh key pair. */
export async function createTestIssuer(kid = 'test-issuer-key'): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), alg: 'RS256', kid, use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    sign: (claims, signingKid = kid) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingKid }).sign(privateKey),
  };
}

/** Cognito-shaped claims of a user access token, for tests that sign their own. */
export function accessTokenClaims(issuer: string, clientId: string, user: { sub: string; username: string }): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: user.sub,
    iss: issuer,
    client_id: clientId,
    origin_jti: 'test-origin-jti',
    event_id: 'test-event',
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: now,
    exp: now + 3600,
    iat: now,
    jti: 'test-jti',
    username: user.username,
  };
}
