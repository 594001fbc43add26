import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AuthEventCursorPayload, MAX_AUTH_EVENT_CURSOR_LENGTH, encodeAuthEventCursor } from '../../src/auth-events/auth-event.cursor';
import { DEMO_POOL_ID, DEMO_SUPPORT_CONSOLE_CLIENT_ID, DEMO_WEB_CLIENT_ID, NO_THREAT_PROTECTION_POOL_ID, seedUser } from 'cognito-auth-events-emulator';
import { accessTokenClaims, createTestIssuer } from '../support/test-issuer';
import { loadConfig } from '../../src/config/config';
import { CursorCodec } from '../../src/pagination/cursor.codec';
import { startGateway } from '../../src/server/gateway.server';
import { AuthEventIdsQuery } from '../support/auth-events.operations';
import { startTestStack, TEST_CURSOR_SECRET, type TestStack } from '../support/test-stack';

/** The error part of a response, the way a client branches on it. */
function errorsOf(response: { errors?: Array<{ message: string; extensions?: { code?: string } }> }) {
  return (response.errors ?? []).map((error) => ({ code: error.extensions?.code, message: error.message }));
}

describe('authEvents errors', () => {
  let stack: TestStack;
  let aliceCursor: string;
  beforeAll(async () => {
    stack = await startTestStack();
    const page = await stack.execute(AuthEventIdsQuery, { username: 'alice', first: 3 });
    aliceCursor = page.data?.authEvents?.pageInfo.endCursor ?? '';
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.emulator.faults.reset();
    stack.emulator.calls.clear();
  });

  /** Mints a cursor the way the gateway does, with chosen keys and clock. */
  function mintCursor(keys: Buffer[], issuedAtMs: number, username = 'alice'): string {
    const codec = new CursorCodec<AuthEventCursorPayload>({
      keys,
      ttlSeconds: 3600,
      namespace: 'authEvents',
      maxLength: MAX_AUTH_EVENT_CURSOR_LENGTH,
      now: () => issuedAtMs,
    });
    return encodeAuthEventCursor(codec, { position: { kind: 'at', token: null, skip: 1 } }, {
      userPoolId: DEMO_POOL_ID,
      username,
      // The test stack's admin: a cursor is bound to the caller it was issued to.
      callerId: `${DEMO_POOL_ID}/${DEMO_SUPPORT_CONSOLE_CLIENT_ID}`,
    });
  }

  function withVersionByte(cursor: string, version: number): string {
    const bytes = Buffer.from(cursor, 'base64url');
    bytes[0] = version;
    return bytes.toString('base64url');
  }

  function withFlippedByte(cursor: string): string {
    const bytes = Buffer.from(cursor, 'base64url');
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
    return bytes.toString('base64url');
  }

  const badInputs: Array<[string, () => Record<string, unknown>, string]> = [
    ['a username with white space', () => ({ username: 'alice smith' }), 'username is invalid: it must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+.'],
    ['an empty username', () => ({ username: '' }), 'username is invalid: it must have length greater than or equal to 1.'],
    ['a username over 128 characters', () => ({ username: 'a'.repeat(129) }), 'username is invalid: it must have length less than or equal to 128.'],
    ['a malformed user pool id', () => ({ username: 'alice', userPoolId: 'no-underscore' }), "userPoolId 'no-underscore' is invalid: it must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+."],
    ['a user pool the gateway does not serve', () => ({ username: 'alice', userPoolId: 'eu-west-1_Unknown99' }), "userPoolId 'eu-west-1_Unknown99' is not a user pool this gateway serves; omit it to use the default pool."],
    ['a negative first', () => ({ username: 'alice', first: -1 }), 'first must be a whole number from 0 to 100; received -1.'],
    ['a first above the maximum', () => ({ username: 'alice', first: 101 }), 'first must be a whole number from 0 to 100; received 101.'],
    ['a malformed cursor', () => ({ username: 'alice', after: 'not a cursor!' }), 'after is not a cursor issued by this gateway.'],
    ['a truncated cursor', () => ({ username: 'alice', after: aliceCursor.slice(0, -12) }), 'after is not a valid cursor: it was changed or truncated.'],
    ['a tampered cursor', () => ({ username: 'alice', after: withFlippedByte(aliceCursor) }), 'after is not a valid cursor: it was changed or truncated.'],
    ['a cursor of an unknown version', () => ({ username: 'alice', after: withVersionByte(aliceCursor, 9) }), 'after is a cursor of a version this gateway no longer reads; start again from the first page.'],
    ['an oversized cursor', () => ({ username: 'alice', after: 'A'.repeat(MAX_AUTH_EVENT_CURSOR_LENGTH + 1) }), `after is longer than any cursor this gateway issues (${MAX_AUTH_EVENT_CURSOR_LENGTH} characters).`],
    ['an expired cursor', () => ({ username: 'alice', after: mintCursor([...stack.config.cursors.keys], Date.now() - 2 * 3600_000) }), 'after has expired; start again from the first page.'],
    ['a cursor from a gateway with another key', () => ({ username: 'alice', after: mintCursor([randomBytes(32)], Date.now()) }), 'after was issued with a key this gateway does not hold (rotated out, or another deployment).'],
    ['a cursor issued for another user', () => ({ username: 'bob', after: aliceCursor }), 'after was issued for a different user or user pool, to a different caller, or under a different filter (a cursor works only with the filter it was issued under).'],
    ['a cursor issued for another user pool', () => ({ username: 'alice', userPoolId: NO_THREAT_PROTECTION_POOL_ID, after: aliceCursor }), 'after was issued for a different user or user pool, to a different caller, or under a different filter (a cursor works only with the filter it was issued under).'],
  ];

  test.each(badInputs)('rejects %s as BAD_USER_INPUT without calling Cognito', async (_label, variables, message) => {
    const response = await stack.execute(AuthEventIdsQuery, variables() as { username: string });

    expect({ data: response.data, errors: errorsOf(response) }).toEqual({
      data: { authEvents: null },
      errors: [{ code: 'BAD_USER_INPUT', message }],
    });
    expect(stack.emulator.calls.count()).toBe(0);
  });

  test('accepts a cursor minted with a retired key that is still configured for decryption', async () => {
    const rotated = await startTestStack({ env: { CURSOR_SECRET: `new-secret-0123456789-abcdefghijklmnopqr,${TEST_CURSOR_SECRET}` } });
    try {
      const response = await rotated.execute(AuthEventIdsQuery, { username: 'alice', first: 2, after: aliceCursor });
      expect(response.data?.authEvents?.edges.map((edge) => edge.node.eventId)).toEqual(
        rotated.emulator.store.eventsOf(DEMO_POOL_ID, 'alice').slice(3, 5).map((event) => event.EventId),
      );
    } finally {
      await rotated.close();
    }
  });

  test('reports an unknown user as NOT_FOUND without naming the user', async () => {
    const response = await stack.execute(AuthEventIdsQuery, { username: 'nobody-by-this-name' });

    expect({ data: response.data, errors: errorsOf(response) }).toEqual({
      data: { authEvents: null },
      errors: [{ code: 'NOT_FOUND', message: 'The user or user pool was not found.' }],
    });
  });

  test('reports a pool with threat protection off as THREAT_PROTECTION_DISABLED', async () => {
    const response = await stack.execute(AuthEventIdsQuery, { username: 'carol', userPoolId: NO_THREAT_PROTECTION_POOL_ID });

    expect(errorsOf(response)).toEqual([
      {
        code: 'THREAT_PROTECTION_DISABLED',
        message:
          'Threat protection (advanced security) is not enabled for this user pool, so it records no authentication events.',
      },
    ]);
  });

  test('reports throttling that outlasts the retries as RATE_LIMITED, after the SDK retried', async () => {
    stack.emulator.faults.set({ throttleRate: 1 });
    const response = await stack.execute(AuthEventIdsQuery, { username: 'alice' });

    expect(errorsOf(response)).toEqual([
      { code: 'RATE_LIMITED', message: 'Cognito is throttling requests; try again shortly.' },
    ]);
    expect(stack.emulator.calls.list().map((call) => call.outcome)).toEqual([
      'TooManyRequestsException',
      'TooManyRequestsException',
      'TooManyRequestsException',
    ]);
  });

  test('reports Cognito internal errors as UPSTREAM_UNAVAILABLE', async () => {
    stack.emulator.faults.set({ internalErrorRate: 1 });
    const response = await stack.execute(AuthEventIdsQuery, { username: 'alice' });

    expect(errorsOf(response)).toEqual([
      { code: 'UPSTREAM_UNAVAILABLE', message: 'Cognito is unavailable or did not answer in time; try again shortly.' },
    ]);
  });

  test('rejects a first that is not an Int before execution, naming the variable', async () => {
    const { status, body } = await stack.executeRaw({
      query: 'query ($first: Int) { authEvents(username: "alice", first: $first) { edges { cursor } } }',
      variables: { first: 'twenty' },
    });

    expect({ status, codes: body.errors?.map((error) => error.extensions?.code) }).toEqual({
      // A variable that does not coerce is a GraphQL request error: 200 under application/json.
      status: 200,
      codes: ['BAD_USER_INPUT'],
    });
    expect(stack.emulator.calls.count()).toBe(0);
  });
});

describe('authEvents in production against an upstream that answers nonsense', () => {
  let garbage: Server;
  let close: () => Promise<void>;
  let graphqlUrl: string;
  let authorization: string;
  beforeAll(async () => {
    // It does publish signing keys, as any issuer would, so that requests get past authentication.
    const issuer = await createTestIssuer();
    garbage = createServer((request, response) => {
      if (request.url === `/${DEMO_POOL_ID}/.well-known/jwks.json`) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(issuer.jwks));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end('{"AuthEvents": "not a list"');
    });
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}`;
    authorization = `Bearer ${await issuer.sign(
      accessTokenClaims(`${endpoint}/${DEMO_POOL_ID}`, DEMO_WEB_CLIENT_ID, { sub: seedUser('alice').sub, username: 'alice' }),
    )}`;
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      COGNITO_USER_POOL_IDS: DEMO_POOL_ID,
      CURSOR_SECRET: TEST_CURSOR_SECRET,
      AUTH_CLIENT_IDS: DEMO_WEB_CLIENT_ID,
    });
    const gateway = await startGateway(config, {
      upstream: {
        endpoint,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      },
    });
    graphqlUrl = gateway.graphqlUrl;
    close = gateway.close;
  });
  afterAll(async () => {
    await close();
    await new Promise((resolve) => garbage.close(resolve));
  });

  test('masks the unexpected failure as INTERNAL_SERVER_ERROR with a generic message and no stack trace', async () => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: '{ authEvents(username: "alice") { edges { cursor } } }' }),
    });

    expect(await response.json()).toEqual({
      data: { authEvents: null },
      errors: [
        {
          message: 'Unexpected error.',
          locations: [{ line: 1, column: 3 }],
          path: ['authEvents'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
  });
});
