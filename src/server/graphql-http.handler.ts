import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { SpanStatusCode } from '@opentelemetry/api';
import { RequestCancellation } from './request-cancellation';
import { GatewayErrorCode } from '../errors/gateway-errors';
import type { GatewayLogger } from '../logging/logger';
import { RequestRecord } from '../observability/request-record';
import type { GatewayTracer } from '../tracing/gateway-tracer';
import type { CorsPolicy, HeaderSet } from './cors.policy';
import {
  assertGraphQLOverHttp,
  GRAPHQL_ALLOWED_METHODS,
  HttpRequestError,
  MAX_REQUEST_BODY_BYTES,
  sendGraphQLError,
  UNKNOWN_ROUTE,
} from './http-errors';
import { type PlainRoutes, servePlainRoute } from './plain-routes';
import { readJsonBody, RequestAbortedError } from './request-body';

/**
 * The status a request's log line and metrics carry when its client went away before the
 * answer was sent: nginx's "client closed request". Nothing with this status is ever sent.
 */
export const CLIENT_CLOSED_REQUEST = 499;

/** What the GraphQL endpoint needs. */
export interface GraphQLHttpHandlerOptions<TContext extends BaseContext> {
  readonly apollo: ApolloServer<TContext>;
  /**
   * Builds a request's context; may throw a GraphQL error (401) that Apollo answers.
   * `cancellation` aborts the request's upstream work at its deadline or when its client leaves.
   */
  readonly context: (request: IncomingMessage, record: RequestRecord, cancellation: RequestCancellation) => Promise<TContext>;
  /** Routes other than the API's, by path (no CORS, no authentication, no request log). */
  readonly plainRoutes?: PlainRoutes;
  /** Hears of every request's end but the plain routes': what it did, and its status. */
  readonly onRequestEnd?: (record: RequestRecord, status: number) => void;
  /** Which browser origins may read the answers. */
  readonly cors: CorsPolicy;
  readonly logger: GatewayLogger;
  /** The endpoint's path, `/graphql`. */
  readonly path: string;
  /** Upstream work of one request is abandoned this many milliseconds after it arrived. */
  readonly requestDeadlineMs: number;
  /** When tracing is on: Apollo's handling of each request runs in a span of the GraphQL operation. */
  readonly tracer?: GatewayTracer | undefined;
}

/**
 * The whole HTTP layer of the API, on bare `node:http`, as one straight line per request:
 * route, CORS headers (or the preflight's answer), GraphQL over HTTP's methods and media type,
 * a bounded JSON body (inflated when compressed), then Apollo Server's own request handling.
 * It replaces Express, whose router, response helpers and body parser cost a measurable share
 * of every request's CPU for nothing this endpoint uses; each clause of the contracts they kept
 * is kept here and tested (`test/server/http-contract.test.ts`). Every refusal is JSON in the
 * GraphQL error shape, and every request but the probes' is logged once with its real status
 * and codes, including a client that went away (`outcome: "aborted"`), whose upstream work is
 * cancelled at once.
 */
export function createGraphQLHttpHandler<TContext extends BaseContext>(options: GraphQLHttpHandlerOptions<TContext>): RequestListener {
  const { apollo, logger, cors, tracer } = options;

  const handle = async (
    request: IncomingMessage,
    response: ServerResponse,
    record: RequestRecord,
    cancellation: RequestCancellation,
    url: string,
    queryStart: number,
  ): Promise<void> => {
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    if (path !== options.path) throw UNKNOWN_ROUTE;
    const origin = request.headers.origin;
    if (request.method === 'OPTIONS') {
      answerOptions(response, cors.preflightHeadersFor(origin));
      return;
    }
    setHeaders(response, cors.headersFor(origin));
    const coding = assertGraphQLOverHttp(request.method, request.headers['content-type'], request.headers['content-encoding']);
    const body = request.method === 'POST' ? await readJsonBody(request, MAX_REQUEST_BODY_BYTES, coding) : undefined;

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const execute = async () => {
      const answer = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: request.method as string,
          headers,
          search: queryStart === -1 ? '' : url.slice(queryStart),
          body,
        },
        context: () => options.context(request, record, cancellation),
      });
      if ((answer.status ?? 200) >= 400 && record.errorCodes.size === 0 && answer.body.kind === 'complete') {
        // Apollo refused the request before its pipeline ran (CSRF prevention, a body that is not
        // a GraphQL request), so no plugin saw the answer: its codes are read from the answer.
        for (const code of errorCodesOf(answer.body.string)) record.errorCodes.add(code);
      }
      return answer;
    };
    const answer = tracer === undefined ? await execute() : await traceOperation(tracer, record, execute);
    if (cancellation.clientGone) return;
    const status = answer.status ?? 200;
    for (const [name, value] of answer.headers) response.setHeader(name, value);
    response.statusCode = status;
    if (answer.body.kind === 'complete') {
      response.setHeader('content-length', Buffer.byteLength(answer.body.string));
      response.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) {
      if (cancellation.clientGone) return;
      response.write(chunk);
    }
    response.end();
  };

  /** Answers what `handle` threw; the request's own failure, never the process's. */
  const answerFailure = (error: unknown, response: ServerResponse, record: RequestRecord, cancellation: RequestCancellation): void => {
    if (error instanceof RequestAbortedError || cancellation.clientGone) return;
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (error instanceof HttpRequestError) {
      record.errorCodes.add(error.code);
      sendGraphQLError(response, error.status, error.code, error.message, error.headers);
      return;
    }
    // A fault of ours: logged by name and frames (a message may hold input), answered generically.
    const detail = error instanceof Error ? error : new Error(String(error));
    logger.error({ error: { name: detail.name, frames: detail.stack?.split('\n').slice(1, 8).join('\n') } }, 'unexpected error in the HTTP layer');
    record.errorCodes.add(GatewayErrorCode.INTERNAL_SERVER_ERROR);
    sendGraphQLError(response, 500, GatewayErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.');
  };

  return (request, response) => {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const plain = options.plainRoutes?.[queryStart === -1 ? url : url.slice(0, queryStart)];
    if (plain !== undefined) {
      servePlainRoute(plain, request, response, logger);
      return;
    }

    const record = new RequestRecord();
    const cancellation = new RequestCancellation(options.requestDeadlineMs);
    // Logged once both have happened: the answer was sent or the client left, and the work
    // settled (after a disconnect it is cancelled, and settles soon after).
    let closed = false;
    let settled = false;
    const end = () => {
      if (!closed || !settled) return;
      cancellation.dispose();
      options.onRequestEnd?.(record, record.aborted ? CLIENT_CLOSED_REQUEST : response.statusCode);
    };
    response.once('close', () => {
      closed = true;
      if (!response.writableFinished) {
        record.aborted = true;
        cancellation.cancelForClientGone();
      }
      end();
    });
    const settle = () => {
      settled = true;
      end();
    };
    handle(request, response, record, cancellation, url, queryStart)
      .catch((error: unknown) => answerFailure(error, response, record, cancellation))
      .then(settle, settle);
  };
}

/**
 * Runs Apollo's handling of a request in a span of its GraphQL operation, named as
 * OpenTelemetry's GraphQL conventions name it (`query AuthEvents`), with the operation's type
 * and name, the error codes of the answer and the Cognito attempts made for it: never the
 * document, its literals or its variables. Everything the operation does (Cognito calls, cache
 * lookups, waits for a slot) happens inside it, so those spans are its children.
 */
async function traceOperation<T>(tracer: GatewayTracer, record: RequestRecord, execute: () => Promise<T>): Promise<T> {
  return tracer.inSpan('graphql operation', {}, async (span) => {
    const answer = await execute();
    const { operationType, operationName } = record;
    if (operationType !== undefined) {
      span.updateName(operationName === undefined ? operationType : `${operationType} ${operationName}`);
      span.setAttribute('graphql.operation.type', operationType);
    }
    if (operationName !== undefined) span.setAttribute('graphql.operation.name', operationName);
    if (record.errorCodes.size > 0) {
      span.setAttribute('graphql.error.codes', [...record.errorCodes]);
      if (!record.hasData) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.setAttribute('cognito.attempts', record.cognitoCalls);
    return answer;
  });
}

/**
 * `OPTIONS` on the API's path: `204` with `Allow`, and, for a CORS preflight from an allowed
 * origin, the methods and headers it may use (none for another origin: the browser refuses).
 */
function answerOptions(response: ServerResponse, corsHeaders: HeaderSet): void {
  setHeaders(response, corsHeaders);
  response.writeHead(204, { allow: GRAPHQL_ALLOWED_METHODS, 'content-length': 0 });
  response.end();
}

function setHeaders(response: ServerResponse, headers: HeaderSet): void {
  for (const name in headers) response.setHeader(name, headers[name] as string);
}

/** The `extensions.code` of every error an answer holds; none when it is not such JSON. */
function errorCodesOf(body: string): string[] {
  try {
    const errors = (JSON.parse(body) as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) return [];
    return errors.flatMap((error: { extensions?: { code?: unknown } } | null) => {
      const code = error?.extensions?.code;
      return typeof code === 'string' ? [code] : [];
    });
  } catch {
    return [];
  }
}
