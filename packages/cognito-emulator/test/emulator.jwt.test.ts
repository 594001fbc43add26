import { AdminListUserAuthEventsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { JwtExpiredError, KidNotFoundInJwksError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { decodeProtectedHeader } from 'jose';
import {
  DEMO_POOL_ID,
  DEMO_SUPPORT_CONSOLE_CLIENT_ID,
  DEMO_UNLISTED_CLIENT_ID,
  DEMO_WEB_CLIENT_ID,
  EMULATOR_ADMIN_GROUP,
  EMULATOR_ADMIN_SCOPE,
  NO_THREAT_PROTECTION_POOL_ID,
  NO_THREAT_WEB_CLIENT_ID,
  OTHER_POOL_ID,
  OTHER_WEB_CLIENT_ID,
  SEED_APP_CLIENTS,
  SEED_POOLS,
  seedUser,
  type MintTokenRequest,
} from '../src';
import { useEmulatorFixture } from './emulator.helpers';

const fixture = useEmulatorFixture();

const UUID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
const ISSUED_AT = Math.floor(Date.now() / 1000);

/** aws-jwt-verify's own fetcher speaks HTTPS only; the emulator listens on plain HTTP. */
class PlainHttpFetcher implements Fetcher {
  async fetch(uri: string): Promise<ArrayBuffer> {
    const response = await fetch(uri);
    if (response.status !== 200) throw new Error(`GET ${uri} answered ${response.status}`);
    return response.arrayBuffer();
  }
}

async function getJson(path: string): Promise<{ status: number; contentType: string | null; body: unknown }> {
  const response = await fetch(`${fixture.emulator.endpoint}${path}`);
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.json() };
}

/** The `jwks_uri` the pool's OpenID configuration names, found the way a verifier discovers it. */
async function discoveredJwksUri(poolId: string): Promise<string> {
  const { body } = await getJson(`/${poolId}/.well-known/openid-configuration`);
  if (typeof body !== 'object' || body === null || !('jwks_uri' in body) || typeof body.jwks_uri !== 'string') {
    throw new Error(`No jwks_uri in the OpenID configuration of ${poolId}`);
  }
  return body.jwks_uri;
}

/**
 * A verifier set up as a gateway sets one up against the emulator: the pool's issuer, its
 * discovered JWKS over HTTP, and Cognito's own claim checks for token use and client.
 */
async function verifierFor(poolId: string, expected: { tokenUse: 'access' | 'id'; clientId: string }, jwksPoolId = poolId) {
  return JwtVerifier.create(
    {
      issuer: fixture.emulator.issuerOf(poolId),
      jwksUri: await discoveredJwksUri(jwksPoolId),
      audience: null,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, expected),
    },
    { jwksCache: new SimpleJwksCache({ fetcher: new PlainHttpFetcher() }) },
  );
}

describe('tokens the emulator mints', () => {
  it('mints a user access token that verifies against the pool’s JWKS and carries exactly Cognito’s access-token claims', async () => {
    const minted = await fixture.emulator.mintToken({ userPoolId: DEMO_POOL_ID, username: 'alice', groups: [EMULATOR_ADMIN_GROUP], issuedAt: ISSUED_AT });
    const verifier = await verifierFor(DEMO_POOL_ID, { tokenUse: 'access', clientId: DEMO_WEB_CLIENT_ID });

    const verified = await verifier.verify(minted.token);

    expect({ header: decodeProtectedHeader(minted.token), verified, minted }).toEqual({
      header: { alg: 'RS256', kid: fixture.emulator.jwks(DEMO_POOL_ID)?.keys[0]?.kid },
      verified: minted.claims,
      minted: {
        token: minted.token,
        expiresAt: ISSUED_AT + 3600,
        claims: {
          sub: seedUser('alice').sub,
          'cognito:groups': [EMULATOR_ADMIN_GROUP],
          iss: `${fixture.emulator.endpoint}/${DEMO_POOL_ID}`,
          client_id: DEMO_WEB_CLIENT_ID,
          origin_jti: UUID,
          event_id: UUID,
          token_use: 'access',
          scope: 'aws.cognito.signin.user.admin',
          auth_time: ISSUED_AT,
          exp: ISSUED_AT + 3600,
          iat: ISSUED_AT,
          jti: UUID,
          username: 'alice',
        },
      },
    });
  });

  it('mints an ID token that verifies against the pool’s JWKS and carries exactly Cognito’s ID-token claims', async () => {
    const minted = await fixture.emulator.mintToken({ userPoolId: DEMO_POOL_ID, username: 'bob', tokenUse: 'id', groups: ['readers', EMULATOR_ADMIN_GROUP], issuedAt: ISSUED_AT });
    const verifier = await verifierFor(DEMO_POOL_ID, { tokenUse: 'id', clientId: DEMO_WEB_CLIENT_ID });

    expect({ verified: await verifier.verify(minted.token), claims: minted.claims }).toEqual({
      verified: minted.claims,
      claims: {
        sub: seedUser('bob').sub,
        'cognito:groups': ['readers', EMULATOR_ADMIN_GROUP],
        email_verified: true,
        iss: `${fixture.emulator.endpoint}/${DEMO_POOL_ID}`,
        'cognito:username': 'bob',
        origin_jti: UUID,
        aud: DEMO_WEB_CLIENT_ID,
        event_id: UUID,
        token_use: 'id',
        auth_time: ISSUED_AT,
        exp: ISSUED_AT + 3600,
        iat: ISSUED_AT,
        jti: UUID,
        email: 'bob@example.com',
      },
    });
  });

  it('mints a client-credentials token from the support console, with the admin scope and no user', async () => {
    const minted = await fixture.emulator.mintToken({ userPoolId: DEMO_POOL_ID, issuedAt: ISSUED_AT, expiresInSeconds: 300 });
    const verifier = await verifierFor(DEMO_POOL_ID, { tokenUse: 'access', clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID });

    expect({ verified: await verifier.verify(minted.token), claims: minted.claims, expiresAt: minted.expiresAt }).toEqual({
      verified: minted.claims,
      claims: {
        sub: DEMO_SUPPORT_CONSOLE_CLIENT_ID,
        token_use: 'access',
        scope: EMULATOR_ADMIN_SCOPE,
        auth_time: ISSUED_AT,
        iss: `${fixture.emulator.endpoint}/${DEMO_POOL_ID}`,
        exp: ISSUED_AT + 300,
        iat: ISSUED_AT,
        version: 2,
        jti: UUID,
        client_id: DEMO_SUPPORT_CONSOLE_CLIENT_ID,
      },
      expiresAt: ISSUED_AT + 300,
    });
  });

  it('finds the user by username, email alias or sub, and issues to the client asked for', async () => {
    const alice = seedUser('alice');
    const who = async (request: MintTokenRequest) => {
      const { claims } = await fixture.emulator.mintToken(request);
      return { sub: claims.sub, username: claims.username, client_id: claims.client_id, scope: claims.scope };
    };

    expect([
      await who({ userPoolId: DEMO_POOL_ID, username: alice.email }),
      await who({ userPoolId: DEMO_POOL_ID, username: alice.sub, clientId: DEMO_UNLISTED_CLIENT_ID, scope: 'openid email' }),
      await who({ userPoolId: OTHER_POOL_ID, username: 'alice' }),
    ]).toEqual([
      { sub: alice.sub, username: 'alice', client_id: DEMO_WEB_CLIENT_ID, scope: 'aws.cognito.signin.user.admin' },
      { sub: alice.sub, username: 'alice', client_id: DEMO_UNLISTED_CLIENT_ID, scope: 'openid email' },
      { sub: seedUser('alice', OTHER_POOL_ID).sub, username: 'alice', client_id: OTHER_WEB_CLIENT_ID, scope: 'aws.cognito.signin.user.admin' },
    ]);
  });

  it('signs each pool’s tokens with the pool’s own key, so a token does not verify against another pool’s JWKS', async () => {
    const otherPoolToken = await fixture.emulator.mintToken({ userPoolId: OTHER_POOL_ID, username: 'alice' });
    // The other pool's issuer, so only the keys differ from a verifier that would accept the token.
    const demoKeysVerifier = await verifierFor(OTHER_POOL_ID, { tokenUse: 'access', clientId: OTHER_WEB_CLIENT_ID }, DEMO_POOL_ID);
    const otherKeysVerifier = await verifierFor(OTHER_POOL_ID, { tokenUse: 'access', clientId: OTHER_WEB_CLIENT_ID });

    await expect(demoKeysVerifier.verify(otherPoolToken.token)).rejects.toThrow(KidNotFoundInJwksError);
    await expect(otherKeysVerifier.verify(otherPoolToken.token)).resolves.toEqual(otherPoolToken.claims);
  });

  it('mints an already-expired token for a negative lifetime, which a verifier rejects as expired', async () => {
    const expired = await fixture.emulator.mintToken({ userPoolId: DEMO_POOL_ID, username: 'alice', expiresInSeconds: -60, issuedAt: ISSUED_AT });
    const verifier = await verifierFor(DEMO_POOL_ID, { tokenUse: 'access', clientId: DEMO_WEB_CLIENT_ID });

    expect({ exp: expired.claims.exp, iat: expired.claims.iat, expiresAt: expired.expiresAt }).toEqual({ exp: ISSUED_AT - 60, iat: ISSUED_AT, expiresAt: ISSUED_AT - 60 });
    await expect(verifier.verify(expired.token)).rejects.toThrow(JwtExpiredError);
  });

  it('defaults to a one-hour access token issued now', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { claims } = await fixture.emulator.mintToken({ userPoolId: DEMO_POOL_ID, username: 'alice' });
    const after = Math.floor(Date.now() / 1000);

    expect({ tokenUse: claims.token_use, lifetime: Number(claims.exp) - Number(claims.iat), issuedNow: Number(claims.iat) >= before && Number(claims.iat) <= after }).toEqual({
      tokenUse: 'access',
      lifetime: 3600,
      issuedNow: true,
    });
  });

  it.each<[string, MintTokenRequest, string]>([
    ['an unknown pool', { userPoolId: 'eu-west-1_Missing00', username: 'alice' }, 'No user pool eu-west-1_Missing00 in the emulator'],
    ['an unknown user', { userPoolId: DEMO_POOL_ID, username: 'mallory' }, `No user mallory in pool ${DEMO_POOL_ID}`],
    ['a user of another pool', { userPoolId: NO_THREAT_PROTECTION_POOL_ID, username: 'alice' }, `No user alice in pool ${NO_THREAT_PROTECTION_POOL_ID}`],
    ['a client of another pool', { userPoolId: DEMO_POOL_ID, username: 'alice', clientId: OTHER_WEB_CLIENT_ID }, `No app client ${OTHER_WEB_CLIENT_ID} in pool ${DEMO_POOL_ID}`],
    ['an ID token without a user', { userPoolId: DEMO_POOL_ID, tokenUse: 'id' }, 'An ID token needs a username: the client-credentials flow issues access tokens only'],
    ['client credentials in a pool without a machine client', { userPoolId: OTHER_POOL_ID }, `Pool ${OTHER_POOL_ID} has no machine app client; pass clientId`],
    ['groups without a user', { userPoolId: DEMO_POOL_ID, groups: [EMULATOR_ADMIN_GROUP] }, 'groups need a username: a client-credentials token has no user to be in groups'],
    ['a group name with a space', { userPoolId: DEMO_POOL_ID, username: 'alice', groups: ['auth events'] }, 'A group name must be 1 to 128 characters without spaces, got "auth events"'],
    ['an empty scope', { userPoolId: DEMO_POOL_ID, username: 'alice', scope: '' }, 'scope must be scope names separated by single spaces, got ""'],
    ['a scope in an ID token', { userPoolId: DEMO_POOL_ID, username: 'alice', tokenUse: 'id', scope: 'openid' }, 'scope belongs in access tokens; an ID token has no scope claim'],
    ['a fractional lifetime', { userPoolId: DEMO_POOL_ID, username: 'alice', expiresInSeconds: 1.5 }, 'expiresInSeconds must be a whole number of seconds, got 1.5'],
  ])('refuses %s with a RangeError stating the rule', async (_case, request, message) => {
    await expect(fixture.emulator.mintToken(request)).rejects.toThrow(new RangeError(message));
  });
});

describe('the pools’ well-known documents', () => {
  it('serves each pool’s OpenID configuration under its issuer', async () => {
    const issuer = `${fixture.emulator.endpoint}/${DEMO_POOL_ID}`;

    expect(await getJson(`/${DEMO_POOL_ID}/.well-known/openid-configuration`)).toEqual({
      status: 200,
      contentType: 'application/json',
      body: {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        response_types_supported: ['code', 'token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['openid', 'email', 'phone', 'profile'],
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'jti', 'origin_jti', 'event_id', 'token_use', 'cognito:username', 'cognito:groups', 'email', 'email_verified'],
      },
    });
  });

  it('serves one 2048-bit RS256 signing key per pool, each with its own kid', async () => {
    const served = await Promise.all(SEED_POOLS.map(({ poolId }) => getJson(`/${poolId}/.well-known/jwks.json`)));
    const kids = SEED_POOLS.map(({ poolId }) => fixture.emulator.jwks(poolId)?.keys[0]?.kid);
    const jwk = { kty: 'RSA', n: expect.stringMatching(/^[\w-]{342}$/), e: 'AQAB', alg: 'RS256', kid: expect.any(String), use: 'sig' };

    expect({ served, distinctKids: new Set(kids).size }).toEqual({
      served: SEED_POOLS.map(({ poolId }) => ({ status: 200, contentType: 'application/json', body: fixture.emulator.jwks(poolId) })),
      distinctKids: SEED_POOLS.length,
    });
    expect(served.map(({ body }) => body)).toEqual(SEED_POOLS.map(() => ({ keys: [jwk] })));
  });

  it('answers 404 for the documents of a pool it does not have', async () => {
    expect({
      jwks: await getJson('/eu-west-1_Missing00/.well-known/jwks.json'),
      configuration: await getJson('/eu-west-1_Missing00/.well-known/openid-configuration'),
    }).toEqual({
      jwks: { status: 404, contentType: 'application/json', body: { error: 'No user pool eu-west-1_Missing00 in the emulator' } },
      configuration: { status: 404, contentType: 'application/json', body: { error: 'No user pool eu-west-1_Missing00 in the emulator' } },
    });
  });

  it('counts JWKS downloads per pool, a caching verifier downloads once, and none of it enters the Cognito call log', async () => {
    const verifier = await verifierFor(DEMO_POOL_ID, { tokenUse: 'access', clientId: DEMO_WEB_CLIENT_ID });
    for (const username of ['alice', 'bob', 'future-fiona']) {
      await verifier.verify((await fixture.emulator.mintToken({ userPoolId: DEMO_POOL_ID, username })).token);
    }
    await getJson(`/_emulator/token?userPoolId=${DEMO_POOL_ID}&username=alice`);
    await getJson(`/${OTHER_POOL_ID}/.well-known/jwks.json`);
    await getJson('/eu-west-1_Missing00/.well-known/jwks.json');

    expect({
      demo: fixture.emulator.jwksRequests.count(DEMO_POOL_ID),
      total: fixture.emulator.jwksRequests.count(),
      overHttp: await getJson('/_emulator/jwks-requests'),
      cognitoCalls: fixture.emulator.calls.count(),
    }).toEqual({
      demo: 1,
      total: 3,
      overHttp: { status: 200, contentType: 'application/json', body: { count: 3, byPool: { [DEMO_POOL_ID]: 1, [OTHER_POOL_ID]: 1, 'eu-west-1_Missing00': 1 } } },
      cognitoCalls: 0,
    });
  });

  it('forgets the JWKS counts on reset but keeps the keys, so earlier tokens still verify', async () => {
    const minted = await fixture.emulator.mintToken({ userPoolId: DEMO_POOL_ID, username: 'alice' });
    const keysBefore = fixture.emulator.jwks(DEMO_POOL_ID);
    await getJson(`/${DEMO_POOL_ID}/.well-known/jwks.json`);

    fixture.emulator.reset();
    const verifier = await verifierFor(DEMO_POOL_ID, { tokenUse: 'access', clientId: DEMO_WEB_CLIENT_ID });
    const countAfterReset = fixture.emulator.jwksRequests.count();

    expect({ countAfterReset, keysAfter: fixture.emulator.jwks(DEMO_POOL_ID), verified: await verifier.verify(minted.token) }).toEqual({
      countAfterReset: 0,
      keysAfter: keysBefore,
      verified: minted.claims,
    });
  });

  it('does not confuse the Cognito API with its documents: the SDK still reaches POST /', async () => {
    const page = await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'single-event' }));

    expect({ events: page.AuthEvents?.length, calls: fixture.emulator.calls.count(), jwks: fixture.emulator.jwksRequests.count() }).toEqual({ events: 1, calls: 1, jwks: 0 });
  });
});

describe('GET /_emulator/token', () => {
  it('hands out a token with its Authorization header, which verifies as the claims asked for', async () => {
    const query = new URLSearchParams({ userPoolId: DEMO_POOL_ID, username: 'alice', groups: `${EMULATOR_ADMIN_GROUP},readers`, tokenUse: 'id', clientId: DEMO_UNLISTED_CLIENT_ID, expiresInSeconds: '120' });

    const answer = await getJson(`/_emulator/token?${query.toString()}`);
    const token = typeof answer.body === 'object' && answer.body !== null && 'token' in answer.body ? String(answer.body.token) : '';
    const verifier = await verifierFor(DEMO_POOL_ID, { tokenUse: 'id', clientId: DEMO_UNLISTED_CLIENT_ID });
    const verified = await verifier.verify(token);

    expect({ answer, aud: verified.aud, email: verified.email, lifetime: Number(verified.exp) - Number(verified.iat), groups: verified['cognito:groups'] }).toEqual({
      answer: {
        status: 200,
        contentType: 'application/json',
        body: { token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), tokenUse: 'id', expiresAt: verified.exp, authorization: `Bearer ${token}` },
      },
      aud: DEMO_UNLISTED_CLIENT_ID,
      email: 'alice@example.com',
      lifetime: 120,
      groups: [EMULATOR_ADMIN_GROUP, 'readers'],
    });
  });

  it('hands out a client-credentials token when no user is named', async () => {
    const answer = await getJson(`/_emulator/token?userPoolId=${DEMO_POOL_ID}`);

    expect(answer).toEqual({
      status: 200,
      contentType: 'application/json',
      body: { token: expect.any(String), tokenUse: 'access', expiresAt: expect.any(Number), authorization: expect.stringMatching(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/) },
    });
  });

  it.each([
    ['no pool', 'username=alice', 'Query parameter userPoolId is required'],
    ['an unknown pool', 'userPoolId=eu-west-1_Missing00&username=alice', 'No user pool eu-west-1_Missing00 in the emulator'],
    ['an unknown user', `userPoolId=${DEMO_POOL_ID}&username=mallory`, `No user mallory in pool ${DEMO_POOL_ID}`],
    ['an unknown client', `userPoolId=${DEMO_POOL_ID}&username=alice&clientId=nosuchclient`, `No app client nosuchclient in pool ${DEMO_POOL_ID}`],
    ['an ID token without a user', `userPoolId=${DEMO_POOL_ID}&tokenUse=id`, 'An ID token needs a username: the client-credentials flow issues access tokens only'],
    ['a bad tokenUse', `userPoolId=${DEMO_POOL_ID}&username=alice&tokenUse=refresh`, 'tokenUse must be "access" or "id", got "refresh"'],
    ['a lifetime that is not a number', `userPoolId=${DEMO_POOL_ID}&username=alice&expiresInSeconds=soon`, 'Query parameter expiresInSeconds must be a whole number, got "soon"'],
    [
      'a misspelt parameter, which would otherwise mint an admin token',
      `userPoolId=${DEMO_POOL_ID}&user=alice`,
      'Unknown query parameter user; /_emulator/token takes userPoolId, username, groups, scope, tokenUse, clientId, expiresInSeconds, issuedAt',
    ],
  ])('answers 400 with the rule for %s', async (_case, query, error) => {
    expect(await getJson(`/_emulator/token?${query}`)).toEqual({ status: 400, contentType: 'application/json', body: { error } });
    expect(fixture.emulator.calls.count()).toBe(0);
  });
});

describe('the seeded app clients', () => {
  it('give every pool a browser app and the demo pool a support console and an unlisted client, with Cognito-shaped ids', () => {
    expect({
      clients: SEED_APP_CLIENTS.map(({ poolId, clientId, kind }) => ({ poolId, clientId, kind })),
      cognitoShaped: SEED_APP_CLIENTS.every(({ clientId }) => /^[a-z0-9]{26}$/.test(clientId)),
      distinct: new Set(SEED_APP_CLIENTS.map(({ clientId }) => clientId)).size,
    }).toEqual({
      clients: [
        { poolId: DEMO_POOL_ID, clientId: DEMO_WEB_CLIENT_ID, kind: 'user' },
        { poolId: DEMO_POOL_ID, clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID, kind: 'machine' },
        { poolId: DEMO_POOL_ID, clientId: DEMO_UNLISTED_CLIENT_ID, kind: 'user' },
        { poolId: OTHER_POOL_ID, clientId: OTHER_WEB_CLIENT_ID, kind: 'user' },
        { poolId: NO_THREAT_PROTECTION_POOL_ID, clientId: NO_THREAT_WEB_CLIENT_ID, kind: 'user' },
      ],
      cognitoShaped: true,
      distinct: SEED_APP_CLIENTS.length,
    });
  });
});
