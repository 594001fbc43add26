import { Agent, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { REFUSED_BODY_DRAIN_BYTES } from '../../src/server/request-body';
import { postJson, sendHttp, type HttpAnswer } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

const ENTITIES_WITH_AUTH_EVENTS =
  'query R($r: [_Any!]!) { _entities(representations: $r) { ... on User { id authEvents(first: 1) { edges { node { eventId } } } } } }';
const ENTITY_IDS = 'query R($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }';
const HEALTHY_QUERY = '{ authEvents(username: "bob", first: 1) { edges { node { eventId } } } }';

/**
 * Representation lists a router would never send, each with the rule the gateway must name
 * (and the query, when selecting authEvents would already be over the operation cost limit).
 */
const BAD_REPRESENTATION_LISTS: ReadonlyArray<readonly [string, unknown[], string, string?]> = [
  [
    'a key of the wrong type next to an unknown __typename (the list that once ended the process)',
    [{ __typename: 'User', id: 42 }, { __typename: 'Nope', id: 'x' }],
    'representations[0]: a User representation must carry its key field id as a string; received a number.',
  ],
  [
    'an unknown __typename alone',
    [{ __typename: 'Nope', id: 'x' }],
    'representations[0] has __typename "Nope", which is not an entity this subgraph resolves (User).',
  ],
  [
    'an unknown __typename after a valid User',
    [{ __typename: 'User', id: 'alice' }, { __typename: 'Nope', id: 'x' }],
    'representations[1] has __typename "Nope", which is not an entity this subgraph resolves (User).',
  ],
  [
    'a missing __typename',
    [{ __typename: 'User', id: 'alice' }, { id: 'bob' }],
    'representations[1] must carry __typename as a string; received nothing.',
  ],
  [
    'a missing key field',
    [{ __typename: 'User' }],
    'representations[0]: a User representation must carry its key field id as a string; received nothing.',
  ],
  [
    'a key that is an object',
    [{ __typename: 'User', id: { username: 'alice' } }],
    'representations[0]: a User representation must carry its key field id as a string; received a object.',
  ],
  [
    'a representation that is not an object',
    [{ __typename: 'User', id: 'alice' }, 'bob'],
    'representations[1] must be an object with __typename and key fields; received a string.',
  ],
  [
    'a list longer than the limit',
    Array.from({ length: 201 }, () => ({ __typename: 'User', id: 'alice' })),
    'representations may hold at most 200 entities (FEDERATION_MAX_REPRESENTATIONS); it holds 201.',
    ENTITY_IDS,
  ],
];

/** What every answer of the API must look like, whatever was sent. */
function shapeOf(answer: HttpAnswer) {
  return {
    status: answer.status,
    json: answer.headers.get('content-type')?.startsWith('application/json') === true && answer.json !== undefined,
    poweredBy: answer.headers.get('x-powered-by'),
    stackTrace: /\bat .+:\d+:\d+|node_modules|stacktrace/.test(answer.text),
  };
}

function errorsOf(answer: HttpAnswer): Array<{ message: string; code: unknown }> {
  const { errors } = answer.json as { errors?: Array<{ message: string; extensions?: { code?: unknown } }> };
  return (errors ?? []).map((error) => ({ message: error.message, code: error.extensions?.code }));
}

describe('a request that fails stays inside its own request', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { NODE_ENV: 'production', HOST: '127.0.0.1' }, captureLogs: true });
  });
  afterAll(() => stack?.close());
  const adminHeaders = () => ({ authorization: stack.authorization });
  beforeEach(() => stack.emulator.calls.clear());

  async function expectStillServing(): Promise<void> {
    const answer = await postJson(stack.gateway.graphqlUrl, { query: HEALTHY_QUERY }, adminHeaders());
    const [newest] = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'bob');
    expect(answer.json).toEqual({ data: { authEvents: { edges: [{ node: { eventId: newest?.EventId } }] } } });
  }

  test.each(BAD_REPRESENTATION_LISTS)(
    'refuses %s with BAD_USER_INPUT on _entities, calls Cognito for none of it, and serves the next request',
    async (_name, representations, message, query = ENTITIES_WITH_AUTH_EVENTS) => {
      const answer = await postJson(stack.gateway.graphqlUrl, { query, variables: { r: representations } }, adminHeaders());

      expect({ shape: shapeOf(answer), body: answer.json, cognitoCalls: stack.emulator.calls.count() }).toEqual({
        shape: { status: 200, json: true, poweredBy: null, stackTrace: false },
        body: {
          data: null,
          errors: [
            {
              message,
              locations: [{ line: 1, column: 25 }],
              path: ['_entities'],
              extensions: { code: 'BAD_USER_INPUT', argumentName: 'representations' },
            },
          ],
        },
        cognitoCalls: 0,
      });
      await expectStillServing();
    },
  );

  test('answers an empty representation list with an empty list, without calling Cognito', async () => {
    const answer = await postJson(stack.gateway.graphqlUrl, { query: ENTITIES_WITH_AUTH_EVENTS, variables: { r: [] } }, adminHeaders());

    expect({ body: answer.json, cognitoCalls: stack.emulator.calls.count() }).toEqual({ body: { data: { _entities: [] } }, cognitoCalls: 0 });
  });

  test('refuses a subscription before execution with GRAPHQL_VALIDATION_FAILED, a request error (200 under application/json)', async () => {
    const answer = await postJson(stack.gateway.graphqlUrl, { query: 'subscription { _service { sdl } }' }, adminHeaders());

    expect({ shape: shapeOf(answer), errors: errorsOf(answer) }).toEqual({
      shape: { status: 200, json: true, poweredBy: null, stackTrace: false },
      errors: [{ message: 'This schema does not support subscription operations.', code: 'GRAPHQL_VALIDATION_FAILED' }],
    });
    await expectStillServing();
  });

  test('refuses a mutation sent with GET with 405 and Allow: POST', async () => {
    const query = encodeURIComponent('mutation { __typename }');
    const answer = await sendHttp(`${stack.gateway.graphqlUrl}?query=${query}`, {
      method: 'GET',
      headers: { 'apollo-require-preflight': 'true', ...adminHeaders() },
    });

    expect({ shape: shapeOf(answer), allow: answer.headers.get('allow'), errors: errorsOf(answer) }).toEqual({
      shape: { status: 405, json: true, poweredBy: null, stackTrace: false },
      allow: 'POST',
      errors: [{ message: 'GET requests only support query operations, not mutation operations', code: 'BAD_REQUEST' }],
    });
  });

  test.each<[string, number, string, string, () => Promise<HttpAnswer>]>([
    [
      'a body that is not valid JSON',
      400,
      'BAD_REQUEST',
      'The request body is not valid JSON.',
      () => postJson(stack.gateway.graphqlUrl, '{"query": "{ __typename }"', adminHeaders()),
    ],
    [
      'a body over the size limit',
      413,
      'PAYLOAD_TOO_LARGE',
      'The request body is larger than the limit of 1048576 bytes (inflated, when it was sent compressed).',
      () => postJson(stack.gateway.graphqlUrl, { query: '{ __typename }', variables: { padding: 'x'.repeat(3_000_000) } }, adminHeaders()),
    ],
    [
      'a method GraphQL does not use',
      405,
      'METHOD_NOT_ALLOWED',
      'The method PUT is not allowed here: send GraphQL requests with POST (or GET for queries).',
      () => sendHttp(stack.gateway.graphqlUrl, { method: 'PUT', headers: { 'content-type': 'application/json', ...adminHeaders() }, body: '{}' }),
    ],
    [
      'a POST body that is not JSON',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'A POST request must carry its GraphQL request as Content-Type: application/json.',
      () => sendHttp(stack.gateway.graphqlUrl, { headers: { 'content-type': 'text/plain', ...adminHeaders() }, body: '{ __typename }' }),
    ],
    [
      'a JSON body in a charset other than UTF-8',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'The request body must be encoded as UTF-8.',
      () =>
        sendHttp(stack.gateway.graphqlUrl, {
          headers: { 'content-type': 'application/json; charset=iso-8859-1', ...adminHeaders() },
          body: '{"query":"{ __typename }"}',
        }),
    ],
    [
      'a path that is not the API',
      404,
      'NOT_FOUND',
      'Nothing is served here: GraphQL is at /graphql.',
      () => sendHttp(new URL('/graphql/extra', stack.gateway.graphqlUrl).href, { method: 'GET' }),
    ],
    [
      'a batched array',
      400,
      'BAD_REQUEST',
      'Operation batching disabled.',
      () => postJson(stack.gateway.graphqlUrl, [{ query: '{ __typename }' }, { query: '{ __typename }' }], adminHeaders()),
    ],
  ])('answers %s with one JSON error, status %i and code %s', async (_name, status, code, message, send) => {
    const answer = await send();

    expect({ shape: shapeOf(answer), errors: errorsOf(answer), cognitoCalls: stack.emulator.calls.count() }).toEqual({
      shape: { status, json: true, poweredBy: null, stackTrace: false },
      errors: [{ message, code }],
      cognitoCalls: 0,
    });
    await expectStillServing();
  });

  test('drains a body a little over the limit, sent in pieces, and answers 413 on a connection it keeps open', async () => {
    const answer = await sendBodyInPieces(stack.gateway.graphqlUrl, 2 * 1024 * 1024, adminHeaders());

    expect(answer).toEqual({ status: 413, connection: 'keep-alive', code: 'PAYLOAD_TOO_LARGE', uploadError: null });
    await expectStillServing();
  });

  test.each([
    ['declared up front', { 'content-length': String(1024 ** 3) }],
    ['sent chunked', { 'transfer-encoding': 'chunked' }],
  ])(
    'answers an endless body (%s) with 413, reads at most the bounded drain of it, closes the connection, and serves the next request',
    async (_name, framing) => {
      const { status, headers, sentBytes } = await sendEndlessBody(stack.gateway.graphqlUrl, { ...framing, ...adminHeaders() });

      expect({ status, connection: headers.connection }).toEqual({ status: 413, connection: 'close' });
      // The gateway cut the upload once the drain was read, long before the 1 GiB.
      expect(sentBytes).toBeLessThan(REFUSED_BODY_DRAIN_BYTES + 64 * 1024 * 1024);
      expect(stack.emulator.calls.count()).toBe(0);
      await expectStillServing();
    },
  );

  test('logs none of these requests as an unexpected error', async () => {
    await postJson(stack.gateway.graphqlUrl, { query: ENTITIES_WITH_AUTH_EVENTS, variables: { r: [{ __typename: 'Nope', id: 'x' }] } }, adminHeaders());
    await postJson(stack.gateway.graphqlUrl, { query: 'subscription { _service { sdl } }' }, adminHeaders());
    await postJson(stack.gateway.graphqlUrl, '{"query":', adminHeaders());

    const levels = stack
      .logs()
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => (JSON.parse(line) as { level: number }).level);
    expect(levels.filter((level) => level >= 50)).toEqual([]);
  });
});

/**
 * POSTs a JSON body that never ends (64 KiB chunks, as fast as the socket takes them) until
 * the server answers and cuts the connection; the answer's head and how much was sent.
 */
function sendEndlessBody(url: string, headers: OutgoingHttpHeaders): Promise<{ status: number; headers: IncomingHttpHeaders; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sentBytes = 0;
    let answer: { status: number; headers: IncomingHttpHeaders } | undefined;
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
    request.on('response', (response) => {
      answer = { status: response.statusCode ?? 0, headers: response.headers };
      response.resume();
    });
    const pump = () => {
      while (!request.destroyed && sentBytes < 1024 ** 3) {
        sentBytes += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
    };
    request.on('close', () => (answer === undefined ? reject(new Error(`closed after ${sentBytes} bytes without an answer`)) : resolve({ ...answer, sentBytes })));
    // The server resetting the upload is the expected end; the answer came before it.
    request.on('error', () => undefined);
    request.write('{"query":"{ __typename }","variables":{"padding":"');
    pump();
  });
}

/**
 * POSTs a JSON body of `size` bytes in 64 KiB pieces over a kept-alive connection; the answer's
 * status, `Connection` header and code, and whether the upload met an error (a reset).
 */
function sendBodyInPieces(url: string, size: number, headers: OutgoingHttpHeaders): Promise<{ status: number; connection: string | undefined; code: unknown; uploadError: string | null }> {
  return new Promise((resolve, reject) => {
    const agent = new Agent({ keepAlive: true });
    let uploadError: string | null = null;
    const request = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } });
    request.on('error', (error: NodeJS.ErrnoException) => {
      uploadError = error.code ?? error.message;
    });
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (piece: string) => (text += piece));
      response.on('end', () => {
        agent.destroy();
        const body = JSON.parse(text) as { errors: Array<{ extensions: { code: unknown } }> };
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, code: body.errors[0]?.extensions.code, uploadError });
      });
      response.on('error', reject);
    });
    const piece = Buffer.alloc(64 * 1024, 'x');
    request.write('{"query":"{ __typename }","variables":{"padding":"');
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += piece.length;
        if (!request.write(piece)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end('"}}');
    };
    pump();
  });
}
