import { randomBytes } from 'node:crypto';
import {
  DEMO_POOL_ID,
  DEMO_SUPPORT_CONSOLE_CLIENT_ID,
  DEMO_UNLISTED_CLIENT_ID,
  DEMO_WEB_CLIENT_ID,
  NO_THREAT_PROTECTION_POOL_ID,
  OTHER_POOL_ID,
  OTHER_WEB_CLIENT_ID,
  seedUser,
  startCognitoEmulator,
} from 'cognito-auth-events-emulator';
import { setWallClock } from '../support/clock';
import { postJson, type HttpAnswer } from '../support/http';
import { accessTokenClaims, createTestIssuer } from '../support/test-issuer';
import { startTestStack, type TestStack } from '../support/test-stack';

const OWN_HISTORY = '{ authEvents(first: 2) { edges { node { eventId } } } }';
const BOBS_NEWEST = '{ authEvents(username: "bob", first: 1) { edges { node { eventId } } } }';

/** Production mode: no stack traces in errors, so refusals compare exactly. */
const PRODUCTION_ENV = { NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };

const MISSING_MESSAGE =
  'Authentication required: send an Authorization: Bearer header with an access or ID token of a served user pool.';
const EXPIRED_MESSAGE = 'The bearer token has expired: sign in again (or refresh the token) and retry.';
const NOT_BEARER_DETAIL = 'the Authorization header is not "Bearer <JWT>"';
const BAD_SIGNATURE_DETAIL = 'the signature does not verify';
const UNKNOWN_KEY_DETAIL = "the token's key is not among the issuer's signing keys";

/** What a test compares: the status, the challenge, the body, and what reached Cognito. */
interface ObservedAnswer {
  readonly status: number;
  readonly wwwAuthenticate: string | null;
  readonly body: unknown;
  readonly cognitoCalls: number;
}

/** The whole answer of a refused request: 401, the Bearer challenge, one error, no data, no Cognito call. */
function refusal(reason: 'missing' | 'expired' | 'invalid', message: string): ObservedAnswer {
  return {
    status: 401,
    wwwAuthenticate: reason === 'missing' ? 'Bearer realm="auth-events"' : 'Bearer realm="auth-events", error="invalid_token"',
    body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED', reason } }] },
    cognitoCalls: 0,
  };
}

/** The whole answer of a served request that made exactly one Cognito call. */
function served(body: unknown): ObservedAnswer {
  return { status: 200, wwwAuthenticate: null, body, cognitoCalls: 1 };
}

function invalid(detail: string): ObservedAnswer {
  return refusal('invalid', `The bearer token is invalid: ${detail}.`);
}

/** The first `count` event ids of a seeded user, as the gateway should list them. */
function eventIdEdges(stack: TestStack, username: string, count: number) {
  return stack.emulator.store
    .eventsOf(DEMO_POOL_ID, username)
    .slice(0, count)
    .map((event) => ({ node: { eventId: event.EventId } }));
}

/** A compact JWT with one of its three parts replaced. */
function withPayload(token: string, edit: (payload: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) throw new Error('not a compact JWT');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify(edit(claims)), 'utf8').toString('base64url'), signature].join('.');
}

function jwtOf(authorization: string): string {
  return authorization.replace(/^Bearer /, '');
}

/** The `exp` claim of a compact JWT, in epoch seconds. */
function expiryOf(token: string): number {
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
  if (typeof claims.exp !== 'number') throw new Error('the token carries no exp');
  return claims.exp;
}

describe('authentication with Cognito bearer tokens', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: PRODUCTION_ENV });
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.emulator.calls.clear());

  /** POSTs `query` with `authorization` (or no header at all) and reads the whole answer. */
  async function send(query: string, authorization: string | null): Promise<HttpAnswer & { observed: ObservedAnswer }> {
    const answer = await postJson(stack.gateway.graphqlUrl, { query }, authorization === null ? {} : { authorization });
    return {
      ...answer,
      observed: {
        status: answer.status,
        wwwAuthenticate: answer.headers.get('www-authenticate'),
        body: answer.json,
        cognitoCalls: stack.emulator.calls.count(),
      },
    };
  }

  describe('refuses a request that proves nobody, before any Cognito call', () => {
    test('answers a request without an Authorization header with 401 missing', async () => {
      const { observed } = await send(BOBS_NEWEST, null);

      expect(observed).toEqual(refusal('missing', MISSING_MESSAGE));
    });

    test.each([
      ['garbage after Bearer', 'Bearer not-a-jwt', NOT_BEARER_DETAIL],
      ['another scheme than Bearer', 'Basic abc', NOT_BEARER_DETAIL],
      [
        'a JWT-shaped string of random base64url parts',
        `Bearer ${[24, 96, 256].map((size) => randomBytes(size).toString('base64url')).join('.')}`,
        'the token is not a JWT',
      ],
    ])('answers %s with 401 invalid and never echoes the token', async (_name, authorization, detail) => {
      const answer = await send(BOBS_NEWEST, authorization);

      expect({ observed: answer.observed, echoesToken: answer.text.includes(authorization.replace(/^\w+ /, '')) }).toEqual({
        observed: invalid(detail),
        echoesToken: false,
      });
    });

    test('answers an expired token with 401 expired', async () => {
      const token = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', expiresInSeconds: -60 });

      const answer = await send(OWN_HISTORY, token);

      expect({ observed: answer.observed, echoesToken: answer.text.includes(jwtOf(token)) }).toEqual({
        observed: refusal('expired', EXPIRED_MESSAGE),
        echoesToken: false,
      });
    });

    test.each([
      ["the forger's own kid", 'own', UNKNOWN_KEY_DETAIL],
      ["the kid of the demo pool's real key", 'real', BAD_SIGNATURE_DETAIL],
    ] as const)(
      'answers a token with the demo pool issuer but signed by another key under %s with 401 invalid',
      async (_name, kidSource, detail) => {
        const forger = await createTestIssuer('forged-key');
        const realKid = stack.emulator.jwks(DEMO_POOL_ID)?.keys[0]?.kid;
        if (realKid === undefined) throw new Error('the emulator publishes no key for the demo pool');
        const claims = accessTokenClaims(stack.emulator.issuerOf(DEMO_POOL_ID), DEMO_WEB_CLIENT_ID, seedUser('alice'));
        const token = await forger.sign(claims, kidSource === 'own' ? undefined : realKid);

        const answer = await send(OWN_HISTORY, `Bearer ${token}`);

        expect({ observed: answer.observed, echoesToken: answer.text.includes(token) }).toEqual({
          observed: invalid(detail),
          echoesToken: false,
        });
      },
    );

    test('answers a genuine token of a pool the gateway does not serve with 401 invalid, without fetching its keys', async () => {
      const token = await stack.tokenFor({ userPoolId: OTHER_POOL_ID, username: 'alice', clientId: OTHER_WEB_CLIENT_ID });

      const answer = await send(OWN_HISTORY, token);

      expect({ observed: answer.observed, otherPoolJwksRequests: stack.emulator.jwksRequests.count(OTHER_POOL_ID) }).toEqual({
        observed: invalid(
          `the token was issued by ${stack.emulator.issuerOf(OTHER_POOL_ID)}, which this gateway does not serve; ` +
            `it serves ${stack.emulator.issuerOf(DEMO_POOL_ID)}, ${stack.emulator.issuerOf(NO_THREAT_PROTECTION_POOL_ID)}`,
        ),
        otherPoolJwksRequests: 0,
      });
    });

    test('answers a token of a served pool minted by another emulator (another port) with 401 invalid, naming both addresses', async () => {
      // What a token minted for the emulator's usual port meets after the emulator moved to a free one.
      const elsewhere = await startCognitoEmulator();
      try {
        const { token } = await elsewhere.mintToken({ userPoolId: DEMO_POOL_ID, username: 'alice' });

        const answer = await send(OWN_HISTORY, `Bearer ${token}`);

        expect({ observed: answer.observed, elsewhereJwksRequests: elsewhere.jwksRequests.count(DEMO_POOL_ID) }).toEqual({
          observed: invalid(
            `the token was issued by ${elsewhere.issuerOf(DEMO_POOL_ID)}, which this gateway does not serve ` +
              '(that pool is served, at another address: the token comes from another Cognito endpoint or emulator); ' +
              `it serves ${stack.emulator.issuerOf(DEMO_POOL_ID)}, ${stack.emulator.issuerOf(NO_THREAT_PROTECTION_POOL_ID)}`,
          ),
          elsewhereJwksRequests: 0,
        });
      } finally {
        await elsewhere.close();
      }
    });

    test('answers a token whose issuer claim is no URL with 401 invalid, without repeating the claim', async () => {
      const forger = await createTestIssuer('forged-key');
      const token = await forger.sign({ ...accessTokenClaims('x'.repeat(300), DEMO_WEB_CLIENT_ID, seedUser('alice')) });

      const answer = await send(OWN_HISTORY, `Bearer ${token}`);

      expect({ observed: answer.observed, echoesIssuer: answer.text.includes('x'.repeat(300)) }).toEqual({
        observed: invalid(
          `the token's issuer is not one this gateway serves; it serves ${stack.emulator.issuerOf(DEMO_POOL_ID)}, ${stack.emulator.issuerOf(NO_THREAT_PROTECTION_POOL_ID)}`,
        ),
        echoesIssuer: false,
      });
    });

    test('answers a genuine token of an app client missing from AUTH_CLIENT_IDS with 401 invalid', async () => {
      const token = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', clientId: DEMO_UNLISTED_CLIENT_ID });

      const { observed } = await send(OWN_HISTORY, token);

      expect(observed).toEqual(invalid('the token was issued to an app client this gateway does not accept'));
    });

    test('answers a token whose claims were edited after signing with 401 invalid', async () => {
      const genuine = jwtOf(await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice' }));
      const edited = withPayload(genuine, (claims) => ({ ...claims, username: 'bob' }));

      const answer = await send(OWN_HISTORY, `Bearer ${edited}`);

      expect({ observed: answer.observed, echoesToken: answer.text.includes(edited) }).toEqual({
        observed: invalid(BAD_SIGNATURE_DETAIL),
        echoesToken: false,
      });
    });
  });

  describe('accepts genuine tokens', () => {
    afterEach(() => jest.useRealTimers());

    test.each(['access', 'id'] as const)("lets alice's %s token read her own history with username omitted", async (tokenUse) => {
      const token = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', tokenUse });

      const { observed } = await send(OWN_HISTORY, token);

      expect(observed).toEqual(served({ data: { authEvents: { edges: eventIdEdges(stack, 'alice', 2) } } }));
    });

    test("lets the support console's client-credentials token (scope auth-events/admin) read any user", async () => {
      const token = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID });

      const { observed } = await send(BOBS_NEWEST, token);

      expect(observed).toEqual(served({ data: { authEvents: { edges: eventIdEdges(stack, 'bob', 1) } } }));
    });

    test('keeps accepting the same token for 20 requests in a row', async () => {
      const token = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice' });

      const statuses: number[] = [];
      for (let request = 0; request < 20; request += 1) statuses.push((await send(OWN_HISTORY, token)).status);

      expect({ statuses, cognitoCalls: stack.emulator.calls.count() }).toEqual({
        statuses: Array.from({ length: 20 }, () => 200),
        cognitoCalls: 20,
      });
    });

    test('refuses a token as expired once its exp has passed, although the same string was accepted before', async () => {
      const token = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', expiresInSeconds: 60 });
      const whileValid = await send(OWN_HISTORY, token);
      // The verifier and the gateway's memory of verified tokens judge `exp` by the wall clock:
      // it is set one second past `exp` instead of waiting for it.
      setWallClock((expiryOf(jwtOf(token)) + 1) * 1000);
      stack.emulator.calls.clear();

      const afterExpiry = await send(OWN_HISTORY, token);

      expect({ whileValid: whileValid.observed, afterExpiry: afterExpiry.observed }).toEqual({
        whileValid: served({ data: { authEvents: { edges: eventIdEdges(stack, 'alice', 2) } } }),
        afterExpiry: refusal('expired', EXPIRED_MESSAGE),
      });
    });
  });
});

describe("fetching a pool's signing keys", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: PRODUCTION_ENV });
  });
  afterAll(() => stack?.close());

  const send = (query: string, authorization: string) => postJson(stack.gateway.graphqlUrl, { query }, { authorization });

  test('downloads the demo pool JWKS once over the whole life of a gateway, for many requests with several tokens', async () => {
    const callers = await Promise.all([
      stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice' }).then((token) => ({ token, query: OWN_HISTORY })),
      stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', tokenUse: 'id' }).then((token) => ({ token, query: OWN_HISTORY })),
      stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'bob' }).then((token) => ({ token, query: OWN_HISTORY })),
      stack
        .tokenFor({ userPoolId: DEMO_POOL_ID, clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID })
        .then((token) => ({ token, query: BOBS_NEWEST })),
    ]);
    const requests = Array.from({ length: 5 }, () => callers).flat();

    const statuses = await Promise.all(requests.map(async ({ token, query }) => (await send(query, token)).status));

    expect({
      statuses,
      demoPoolJwksRequests: stack.emulator.jwksRequests.count(DEMO_POOL_ID),
      otherPoolJwksRequests: stack.emulator.jwksRequests.count(OTHER_POOL_ID),
    }).toEqual({
      statuses: requests.map(() => 200),
      demoPoolJwksRequests: 1,
      otherPoolJwksRequests: 0,
    });
  });

  test('refetches the JWKS at most once for a token with an unknown kid sent five times', async () => {
    const forger = await createTestIssuer('rotated-key-that-never-was');
    const token = await forger.sign(accessTokenClaims(stack.emulator.issuerOf(DEMO_POOL_ID), DEMO_WEB_CLIENT_ID, seedUser('alice')));
    const before = stack.emulator.jwksRequests.count(DEMO_POOL_ID);

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) statuses.push((await send(OWN_HISTORY, `Bearer ${token}`)).status);

    expect({ statuses, refetches: stack.emulator.jwksRequests.count(DEMO_POOL_ID) - before }).toEqual({
      statuses: [401, 401, 401, 401, 401],
      // The library refetches once (keys may have rotated), then waits out its penalty box.
      refetches: 1,
    });
  });
});

describe('AUTH_MODE=none', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { AUTH_MODE: 'none' } });
  });
  afterAll(() => stack?.close());

  test('serves a request without any token and lets it read any user', async () => {
    stack.emulator.calls.clear();
    const answer = await postJson(stack.gateway.graphqlUrl, { query: BOBS_NEWEST });

    expect({ status: answer.status, body: answer.json, cognitoCalls: stack.emulator.calls.count() }).toEqual({
      status: 200,
      body: { data: { authEvents: { edges: eventIdEdges(stack, 'bob', 1) } } },
      cognitoCalls: 1,
    });
  });
});
