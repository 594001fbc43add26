import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { fc, test } from '@fast-check/jest';
import { GatewayErrorCode } from '../../src/errors/gateway-errors';
import { postJson, sendHttp, type HttpAnswer } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Property tests of request isolation: whatever representation list or body is sent, the
 * answer is JSON with a status below 500 and stable error codes, and the process goes on
 * serving. Runs are bounded; fast-check prints the seed and the shrunk counterexample on
 * failure (re-run with `{ seed, path }` in the options to replay it).
 */

/** Every code an answer may carry: the gateway's own and those Apollo Server assigns to requests. */
const STABLE_CODES = new Set<unknown>([
  ...Object.values(GatewayErrorCode).filter((code) => code !== GatewayErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const ENTITIES_QUERY =
  'query R($r: [_Any!]!) { _entities(representations: $r) { __typename ... on User { id authEvents(first: 1) { edges { node { eventId } } } } } }';

const VALID_QUERIES = [
  ENTITIES_QUERY,
  '{ authEvents(username: "alice", first: 2) { edges { cursor node { id eventType } } pageInfo { hasNextPage endCursor } } }',
  'query Q($u: String!, $f: Int) { authEvents(username: $u, first: $f) { edges { node { eventId } } } }',
  '{ _service { sdl } }',
];

/** A key value as a router might garble it. */
const keyValue = fc.oneof(
  fc.constantFrom('alice', 'bob', 'no-history', 'alice@example.com'),
  fc.string({ maxLength: 140 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.object({ maxDepth: 1 }),
);

/** One representation: often well-formed, often not. */
const representation = fc.oneof(
  fc.record({ __typename: fc.constant('User'), id: keyValue }),
  fc.record(
    { __typename: fc.oneof(fc.constantFrom('User', 'Nope', 'AuthEvent', '_Service', ''), fc.string(), fc.integer()), id: keyValue },
    { requiredKeys: [] },
  ),
  fc.anything({ maxDepth: 2 }),
);

const representationLists = fc.oneof(
  { weight: 5, arbitrary: fc.array(representation, { maxLength: 8 }) },
  { weight: 1, arbitrary: fc.array(representation, { minLength: 195, maxLength: 210 }) },
);

/** Request bodies nobody would write by hand: truncated JSON, wrong member types, batches, huge strings. */
const requestBodies: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...VALID_QUERIES), fc.nat())
    .map(([query, cut]) => {
      const text = JSON.stringify({ query, variables: { r: [{ __typename: 'User', id: 'alice' }], u: 'bob', f: 1 } });
      return text.slice(0, cut % text.length);
    }),
  fc
    .record(
      {
        query: fc.oneof(fc.constantFrom(...VALID_QUERIES), fc.anything({ maxDepth: 1 }), fc.string()),
        variables: fc.oneof(fc.anything({ maxDepth: 2 }), fc.record({ r: fc.anything({ maxDepth: 2 }), u: fc.anything(), f: fc.anything() })),
        operationName: fc.oneof(fc.string({ maxLength: 20 }), fc.anything({ maxDepth: 1 })),
        extensions: fc.anything({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body)),
  fc.array(fc.record({ query: fc.constantFrom(...VALID_QUERIES) }), { maxLength: 4 }).map((batch) => JSON.stringify(batch)),
  fc.json({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .tuple(fc.constantFrom('query', 'variables', 'operationName'), fc.integer({ min: 10_000, max: 1_100_000 }))
    .map(([member, length]) => `{"query":"{ __typename }","${member}":"${'x'.repeat(length)}"}`),
);

describe('request isolation, by property', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'silent' } });
  });
  afterAll(() => stack?.close());
  const adminHeaders = () => ({ authorization: stack.authorization });

  function expectStableAnswer(answer: HttpAnswer): void {
    const errors = ((answer.json as { errors?: Array<{ extensions?: { code?: unknown } }> } | undefined)?.errors ?? []).map(
      (error) => error.extensions?.code,
    );
    expect({
      json: answer.headers.get('content-type')?.startsWith('application/json') === true && answer.json !== undefined,
      statusBelow500: answer.status < 500,
      unstableCodes: errors.filter((code) => !STABLE_CODES.has(code)),
      stackTrace: /node_modules|stacktrace/.test(answer.text),
    }).toEqual({ json: true, statusBelow500: true, unstableCodes: [], stackTrace: false });
  }

  async function expectStillServing(): Promise<void> {
    const answer = await postJson(stack.gateway.graphqlUrl, { query: '{ __typename }' }, adminHeaders());
    expect(answer.json).toEqual({ data: { __typename: 'Query' } });
  }

  test.prop([representationLists], { numRuns: 150 })(
    'answers every representation list with JSON, a status below 500 and stable codes, calling Cognito only for lists it accepts',
    async (representations) => {
      stack.emulator.calls.clear();
      const answer = await postJson(stack.gateway.graphqlUrl, { query: ENTITIES_QUERY, variables: { r: representations } }, adminHeaders());

      expectStableAnswer(answer);
      const { data } = answer.json as { data?: { _entities?: unknown } | null };
      if (data === null || data === undefined) expect(stack.emulator.calls.count()).toBe(0);
      await expectStillServing();
    },
  );

  test.prop([requestBodies], { numRuns: 200 })(
    'answers every request body with JSON, a status below 500 and stable codes, and goes on serving',
    async (body) => {
      const answer = await postJson(stack.gateway.graphqlUrl, body, adminHeaders());

      expectStableAnswer(answer);
      await expectStillServing();
    },
  );
});

const APP_ORIGIN = 'https://app.example.com';

/** How a body is sent: as is, or under a content coding (applied, or only claimed). */
const encodings = fc.constantFrom<readonly [string | undefined, (text: string) => string | Uint8Array]>(
  [undefined, (text) => text],
  ['identity', (text) => text],
  ['gzip', (text) => new Uint8Array(gzipSync(text))],
  ['deflate', (text) => new Uint8Array(deflateSync(text))],
  ['br', (text) => new Uint8Array(brotliCompressSync(text))],
  ['gzip', (text) => text],
  ['compress', (text) => text],
  ['gzip, br', (text) => new Uint8Array(gzipSync(text))],
);

/** Headers as browsers, routers, curl and broken clients send them. */
const requestHeaders = fc.record(
  {
    origin: fc.oneof(fc.constantFrom(APP_ORIGIN, 'https://evil.example', 'null', 'http://localhost:5173', ''), fc.string({ maxLength: 40 })),
    contentType: fc.oneof(
      fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/graphql', 'application/json; charset=latin1', ''),
      fc.string({ maxLength: 30 }),
    ),
    accept: fc.oneof(
      fc.constantFrom('application/json', 'application/graphql-response+json', '*/*', 'text/html', 'multipart/mixed', 'application/xml'),
      fc.string({ maxLength: 30 }),
    ),
    authorization: fc.oneof(fc.constantFrom('admin', 'Bearer not-a-token', 'Basic YWxpY2U6cHc=', ''), fc.string({ maxLength: 60 })),
  },
  { requiredKeys: [] },
);

/** Header values as `fetch` can send them: printable ASCII, no line breaks. */
function sendable(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '').trim();
}

describe(`request isolation, by property, in production with CORS_ORIGINS=${APP_ORIGIN}`, () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'silent', CORS_ORIGINS: APP_ORIGIN } });
  });
  afterAll(() => stack?.close());

  test.prop([requestHeaders, encodings, fc.oneof(fc.constantFrom(...VALID_QUERIES).map((query) => JSON.stringify({ query })), requestBodies)], { numRuns: 200 })(
    'answers whatever headers come with a body with JSON below 500, stable codes and CORS headers for the allowed origin only',
    async (headers, [coding, encode], body) => {
      const sent: Record<string, string> = {};
      if (headers.origin !== undefined) sent.origin = sendable(headers.origin);
      if (headers.contentType !== undefined) sent['content-type'] = sendable(headers.contentType);
      if (headers.accept !== undefined) sent.accept = sendable(headers.accept);
      if (headers.authorization !== undefined) sent.authorization = headers.authorization === 'admin' ? stack.authorization : sendable(headers.authorization);
      if (coding !== undefined) sent['content-encoding'] = coding;
      const answer = await sendHttp(stack.gateway.graphqlUrl, { method: 'POST', headers: sent, body: encode(body) });

      const errors = ((answer.json as { errors?: Array<{ extensions?: { code?: unknown } }> } | undefined)?.errors ?? []).map((error) => error.extensions?.code);
      expect({
        json: answer.json !== undefined && /^application\/(graphql-response\+)?json/.test(answer.headers.get('content-type') ?? ''),
        statusBelow500: answer.status < 500,
        unstableCodes: errors.filter((code) => !STABLE_CODES.has(code)),
        stackTrace: /node_modules|stacktrace/.test(answer.text),
        allowOrigin: answer.headers.get('access-control-allow-origin'),
      }).toEqual({ json: true, statusBelow500: true, unstableCodes: [], stackTrace: false, allowOrigin: sent.origin === APP_ORIGIN ? APP_ORIGIN : null });
      const still = await postJson(stack.gateway.graphqlUrl, { query: '{ __typename }' }, { authorization: stack.authorization });
      expect(still.json).toEqual({ data: { __typename: 'Query' } });
    },
  );
});
