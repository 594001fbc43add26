import { request as httpRequest } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { postJson, sendHttp, type HttpAnswer } from '../support/http';
import { delta, scrape } from '../support/metrics';
import { requireRedis, TEST_REDIS_URL, testKeyPrefix } from '../support/redis';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The HTTP contract in every shape the docs tell teams to deploy (docs/configuration.md): each CORS mode,
 * production, a metrics port of its own, Redis-shared state. Every request shape a browser, a
 * router, curl or a client that hangs up can send is answered with the status and body it
 * should get (never a 5xx), in each of them.
 */

const PRODUCTION = { NODE_ENV: 'production', HOST: '127.0.0.1' } as const;
const APP_ORIGIN = 'https://app.example.com';
const LOCAL_ORIGIN = 'http://localhost:5173';
const FOREIGN_ORIGIN = 'https://evil.example';

/** A deployment shape and which origin its CORS policy allows. */
interface Deployment {
  readonly name: string;
  readonly env: Record<string, string>;
  /** An origin that gets the CORS headers; undefined when none does. */
  readonly allowedOrigin: string | undefined;
  /** `CORS_ORIGINS=*`: every origin gets `*`. */
  readonly anyOrigin?: boolean;
  readonly redis?: boolean;
}

const DEPLOYMENTS: readonly Deployment[] = [
  { name: 'the development defaults', env: {}, allowedOrigin: LOCAL_ORIGIN },
  { name: `CORS_ORIGINS=${APP_ORIGIN}`, env: { CORS_ORIGINS: APP_ORIGIN }, allowedOrigin: APP_ORIGIN },
  { name: 'CORS_ORIGINS=*', env: { CORS_ORIGINS: '*' }, allowedOrigin: APP_ORIGIN, anyOrigin: true },
  { name: 'CORS_ORIGINS=none', env: { CORS_ORIGINS: 'none' }, allowedOrigin: undefined },
  { name: 'NODE_ENV=production (no CORS by default)', env: PRODUCTION, allowedOrigin: undefined },
  { name: `NODE_ENV=production with CORS_ORIGINS=${APP_ORIGIN}`, env: { ...PRODUCTION, CORS_ORIGINS: APP_ORIGIN }, allowedOrigin: APP_ORIGIN },
  {
    name: `METRICS_PORT set, in production with CORS_ORIGINS=${APP_ORIGIN}`,
    env: { ...PRODUCTION, CORS_ORIGINS: APP_ORIGIN, METRICS_PORT: '0' },
    allowedOrigin: APP_ORIGIN,
  },
  {
    name: `REDIS_URL set, in production with CORS_ORIGINS=${APP_ORIGIN}`,
    env: { ...PRODUCTION, CORS_ORIGINS: APP_ORIGIN, REDIS_URL: TEST_REDIS_URL },
    allowedOrigin: APP_ORIGIN,
    redis: true,
  },
];

/** What `Access-Control-Allow-Origin` a deployment answers to `origin` with. */
function allowOriginFor(deployment: Deployment, origin: string | undefined): string | null {
  if (origin === undefined) return null;
  if (deployment.anyOrigin === true) return '*';
  return origin === deployment.allowedOrigin ? origin : null;
}

const QUERY = '{ authEvents(username: "bob", first: 1) { edges { node { eventId } } } }';

/** The status, the CORS header and the whole body: what every shape below asserts. */
function seen(answer: HttpAnswer) {
  return { status: answer.status, allowOrigin: answer.headers.get('access-control-allow-origin'), body: answer.json ?? answer.text };
}

/**
 * One error with this code, exactly; outside production Apollo adds a `stacktrace` to the errors
 * it raises before execution, which production never shows.
 */
function errorBodyIn(deployment: Deployment) {
  const production = deployment.env.NODE_ENV === 'production';
  return (code: string, message: unknown = expect.any(String)) => ({
    errors: [{ message, extensions: production ? { code } : expect.objectContaining({ code }) }],
  });
}

/**
 * Sends the headers and part of a body, then hangs up: the server has parsed the request
 * (it answered `Expect: 100-continue`) before the connection goes.
 */
function abortMidBody(url: string, authorization: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': 1000, expect: '100-continue', authorization },
    });
    sent.once('continue', () => sent.write('{"query":"{ authEvents', () => {
      sent.destroy();
      resolve();
    }));
    sent.once('error', () => undefined);
    sent.once('response', () => reject(new Error('the gateway answered a body that never arrived')));
  });
}

/** Sends a whole request and hangs up before the answer, once `hangUpWhen` resolves. */
function abortBeforeAnswer(url: string, authorization: string, body: string, hangUpWhen: Promise<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization } });
    sent.once('error', () => undefined);
    sent.once('response', () => reject(new Error('the gateway answered although Cognito never did')));
    sent.end(body);
    hangUpWhen.then(() => {
      sent.destroy();
      resolve();
    }, reject);
  });
}

describe.each(DEPLOYMENTS)('the HTTP contract with $name', (deployment) => {
  const errorBody = errorBodyIn(deployment);
  let stack: TestStack;
  let bobsNewest: unknown;
  let metricsUrl: string;
  beforeAll(async () => {
    if (deployment.redis === true) await requireRedis();
    stack = await startTestStack({
      env: {
        ...deployment.env,
        // One Cognito call at a time, so a second one waits in the guard's queue.
        COGNITO_MAX_CONCURRENCY: '1',
        ...(deployment.redis === true ? { REDIS_KEY_PREFIX: testKeyPrefix('http-contract') } : {}),
      },
      captureLogs: true,
    });
    metricsUrl = stack.gateway.metricsUrl;
    const newest = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'bob')[0]?.EventId;
    bobsNewest = { data: { authEvents: { edges: [{ node: { eventId: newest } }] } } };
  });
  afterAll(() => stack?.close());
  afterEach(() => stack.emulator.faults.reset());

  const post = (headers: Record<string, string> = {}, body: string | Uint8Array = JSON.stringify({ query: QUERY })) =>
    sendHttp(stack.gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: stack.authorization, ...headers }, body });

  test('serves a request without Origin (curl, a router, any server) with its data and no CORS header', async () => {
    expect(seen(await post())).toEqual({ status: 200, allowOrigin: null, body: bobsNewest });
  });

  test('serves a request from the allowed origin with its data and the CORS headers', async () => {
    const origin = deployment.allowedOrigin ?? APP_ORIGIN;
    const answer = await post({ origin });
    expect({ ...seen(answer), exposes: answer.headers.get('access-control-expose-headers') }).toEqual({
      status: 200,
      allowOrigin: allowOriginFor(deployment, origin),
      body: bobsNewest,
      exposes: allowOriginFor(deployment, origin) === null ? null : 'retry-after',
    });
  });

  test('serves a request from another origin with its data and without CORS headers, so the browser keeps it from the page', async () => {
    expect(seen(await post({ origin: FOREIGN_ORIGIN }))).toEqual({ status: 200, allowOrigin: allowOriginFor(deployment, FOREIGN_ORIGIN), body: bobsNewest });
  });

  test('serves a request from the opaque origin null like one from another origin', async () => {
    expect(seen(await post({ origin: 'null' }))).toEqual({ status: 200, allowOrigin: allowOriginFor(deployment, 'null'), body: bobsNewest });
  });

  test('answers a preflight from the allowed origin with 204, the methods and the headers a client sends', async () => {
    const origin = deployment.allowedOrigin ?? APP_ORIGIN;
    const answer = await sendHttp(stack.gateway.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    const allowed = allowOriginFor(deployment, origin) !== null;
    expect({
      status: answer.status,
      body: answer.text,
      allow: answer.headers.get('allow'),
      allowOrigin: answer.headers.get('access-control-allow-origin'),
      allowMethods: answer.headers.get('access-control-allow-methods'),
      allowHeaders: answer.headers.get('access-control-allow-headers'),
      maxAge: answer.headers.get('access-control-max-age'),
    }).toEqual({
      status: 204,
      body: '',
      allow: 'GET, POST, OPTIONS',
      allowOrigin: allowOriginFor(deployment, origin),
      allowMethods: allowed ? 'GET,POST' : null,
      allowHeaders: allowed
        ? 'content-type,authorization,apollo-require-preflight,x-apollo-operation-name,apollographql-client-name,apollographql-client-version'
        : null,
      maxAge: allowed ? '600' : null,
    });
  });

  test('answers a preflight from another origin with 204 and no CORS headers, which the browser reads as a refusal', async () => {
    const answer = await sendHttp(stack.gateway.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin: FOREIGN_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect({ status: answer.status, body: answer.text, allowOrigin: answer.headers.get('access-control-allow-origin'), allowMethods: answer.headers.get('access-control-allow-methods') }).toEqual({
      status: 204,
      body: '',
      allowOrigin: allowOriginFor(deployment, FOREIGN_ORIGIN),
      allowMethods: deployment.anyOrigin === true ? 'GET,POST' : null,
    });
  });

  test.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('inflates a body sent with Content-Encoding: %s and answers it', async (coding, compress) => {
    expect(seen(await post({ 'content-encoding': coding }, compress(JSON.stringify({ query: QUERY }))))).toEqual({
      status: 200,
      allowOrigin: null,
      body: bobsNewest,
    });
  });

  test('refuses a content coding it does not know with 415, naming the ones it accepts', async () => {
    const answer = await post({ 'content-encoding': 'compress' }, 'anything');
    expect({ ...seen(answer), acceptEncoding: answer.headers.get('accept-encoding') }).toEqual({
      status: 415,
      allowOrigin: null,
      body: errorBody('UNSUPPORTED_MEDIA_TYPE', "The request body's Content-Encoding is not one this server accepts: send it as is, or with gzip, deflate, br."),
      acceptEncoding: 'gzip, deflate, br',
    });
  });

  test('refuses a small gzip body that inflates past the limit (a zip bomb) with 413, by its inflated size', async () => {
    const bomb = gzipSync(JSON.stringify({ query: QUERY, variables: { x: 'a'.repeat(8 * 1024 * 1024) } }));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(seen(await post({ 'content-encoding': 'gzip' }, bomb))).toEqual({
      status: 413,
      allowOrigin: null,
      body: errorBody('PAYLOAD_TOO_LARGE', 'The request body is larger than the limit of 1048576 bytes (inflated, when it was sent compressed).'),
    });
  });

  test('refuses a body that is not the gzip data its Content-Encoding says with 400', async () => {
    expect(seen(await post({ 'content-encoding': 'gzip' }, JSON.stringify({ query: QUERY })))).toEqual({
      status: 400,
      allowOrigin: null,
      body: errorBody('BAD_REQUEST', 'The request body is not valid gzip data, as its Content-Encoding says it is.'),
    });
  });

  test('refuses HEAD on the API path with 405 and the methods it allows', async () => {
    const answer = await sendHttp(stack.gateway.graphqlUrl, { method: 'HEAD' });
    expect({ status: answer.status, allow: answer.headers.get('allow'), body: answer.text }).toEqual({ status: 405, allow: 'GET, POST, OPTIONS', body: '' });
  });

  test('refuses a GET without a CSRF-safe header with 400 BAD_REQUEST, and logs it with that code', async () => {
    const from = stack.logLineCount();
    const answer = await sendHttp(`${stack.gateway.graphqlUrl}?query=${encodeURIComponent(QUERY)}`, { method: 'GET', headers: { authorization: stack.authorization } });
    const logged = await stack.waitForLog((line) => line.msg === 'request', from);
    expect({ ...seen(answer), logged: { outcome: logged.outcome, errorCodes: logged.errorCodes } }).toEqual({
      status: 400,
      allowOrigin: null,
      body: errorBody('BAD_REQUEST'),
      logged: { outcome: 'refused', errorCodes: ['BAD_REQUEST'] },
    });
  });

  test('serves a GET query that carries a CSRF-safe header', async () => {
    const answer = await sendHttp(`${stack.gateway.graphqlUrl}?query=${encodeURIComponent(QUERY)}`, {
      method: 'GET',
      headers: { authorization: stack.authorization, 'apollo-require-preflight': 'true' },
    });
    expect(seen(answer)).toEqual({ status: 200, allowOrigin: null, body: bobsNewest });
  });

  test('answers probes to GET and HEAD, and other methods with 405 and Allow: GET, HEAD in the API error shape', async () => {
    const origin = new URL(stack.gateway.graphqlUrl).origin;
    const get = await sendHttp(`${origin}/healthz`, { method: 'GET' });
    const head = await sendHttp(`${origin}/healthz`, { method: 'HEAD' });
    const post = await sendHttp(`${origin}/readyz`, { method: 'POST', body: '{}' });
    expect({
      get: { status: get.status, body: get.json },
      head: { status: head.status, body: head.text, type: head.headers.get('content-type') },
      post: { status: post.status, allow: post.headers.get('allow'), body: post.json },
    }).toEqual({
      get: { status: 200, body: { status: 'ok' } },
      head: { status: 200, body: '', type: 'application/json; charset=utf-8' },
      post: { status: 405, allow: 'GET, HEAD', body: errorBody('METHOD_NOT_ALLOWED', 'The method POST is not allowed here: use GET or HEAD.') },
    });
  });

  test('answers /metrics to GET and HEAD, other methods and paths of its server in the API error shape', async () => {
    const metricsOrigin = new URL(metricsUrl).origin;
    const head = await sendHttp(metricsUrl, { method: 'HEAD' });
    const del = await sendHttp(metricsUrl, { method: 'DELETE' });
    const elsewhere = await sendHttp(`${metricsOrigin}/nothing-here`, { method: 'GET' });
    expect({
      head: head.status,
      del: { status: del.status, allow: del.headers.get('allow'), body: del.json },
      elsewhere: { status: elsewhere.status, body: elsewhere.json },
    }).toEqual({
      head: 200,
      del: { status: 405, allow: 'GET, HEAD', body: errorBody('METHOD_NOT_ALLOWED', 'The method DELETE is not allowed here: use GET or HEAD.') },
      elsewhere: { status: 404, body: errorBody('NOT_FOUND') },
    });
  });

  test('logs a client that hangs up mid-body once, as aborted, and counts it', async () => {
    const before = await scrape(metricsUrl);
    const logsBefore = abortedLines(stack).length;
    const from = stack.logLineCount();
    await abortMidBody(stack.gateway.graphqlUrl, stack.authorization);
    const logged = await stack.waitForLog((line) => line.msg === 'request' && line.outcome === 'aborted', from);
    const after = await scrape(metricsUrl);
    expect({
      logged: { status: logged.status, errorCodes: logged.errorCodes, cognitoCalls: logged.cognitoCalls },
      abortedLines: abortedLines(stack).length - logsBefore,
      counted: delta(after, before, 'graphql_requests_total{operation="anonymous",outcome="aborted"}'),
    }).toEqual({ logged: { status: 499, errorCodes: [], cognitoCalls: 0 }, abortedLines: 1, counted: 1 });
  });

  test('cancels the Cognito call in flight and the one queued behind it when the client hangs up, and starts none after', async () => {
    stack.emulator.faults.set({ hangRate: 1, usernames: ['bob', 'alice'] });
    stack.emulator.calls.clear();
    const before = await scrape(metricsUrl);
    const logsBefore = abortedLines(stack).length;
    const from = stack.logLineCount();
    const query = 'query TwoHistories { a: authEvents(username: "bob", first: 1) { edges { cursor } } b: authEvents(username: "alice", first: 1) { edges { cursor } } }';
    await abortBeforeAnswer(
      stack.gateway.graphqlUrl,
      stack.authorization,
      JSON.stringify({ query }),
      stack.emulator.calls.waitFor((call) => call.outcome === 'pending'),
    );
    // The hung call ends when the gateway cuts its connection to Cognito.
    const cut = await stack.emulator.calls.waitFor((call) => call.outcome === 'NoAnswer');
    const logged = await stack.waitForLog((line) => line.msg === 'request' && line.operation === 'TwoHistories', from);
    const after = await scrape(metricsUrl);
    expect({
      cut: { operation: cut.operation, httpStatus: cut.httpStatus },
      cognitoCalls: stack.emulator.calls.count(),
      logged: { status: logged.status, operationType: logged.operationType, cognitoCalls: logged.cognitoCalls },
      abortedLines: abortedLines(stack).length - logsBefore,
      counted: delta(after, before, 'graphql_requests_total{operation="TwoHistories",outcome="aborted"}'),
    }).toEqual({
      cut: { operation: 'AdminListUserAuthEvents', httpStatus: 0 },
      cognitoCalls: 1,
      logged: { status: 499, operationType: 'query', cognitoCalls: 1 },
      abortedLines: 1,
      counted: 1,
    });
  });

  test('still serves after all of the above, with the same answer', async () => {
    expect(seen(await postJson(stack.gateway.graphqlUrl, { query: QUERY }, { authorization: stack.authorization }))).toEqual({
      status: 200,
      allowOrigin: null,
      body: bobsNewest,
    });
  });
});

function abortedLines(stack: TestStack): string[] {
  return stack.logs().split('\n').filter((line) => line.includes('"outcome":"aborted"'));
}
