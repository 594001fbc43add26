import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { GatewayErrorCode } from '../errors/gateway-errors';
import type { GatewayLogger } from '../logging/logger';
import {
  assertGraphQLOverHttp,
  HttpRequestError,
  MAX_REQUEST_BODY_BYTES,
  sendGraphQLError,
  UNKNOWN_ROUTE,
} from './http-errors';
import { RequestRecord } from '../observability/request-record';
import { graphQLOverHttpStatus } from './graphql-response-status';
import { readJsonBody, RequestAbortedError } from './request-body';

/** A connect-style middleware that may answer the request itself (CORS answers preflights). */
export type HttpMiddleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** A plain route beside the API (probes, metrics): answers GET itself, outside GraphQL. */
export type PlainRoute = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** What the GraphQL endpoint needs. */
export interface GraphQLHttpHandlerOptions<TContext extends BaseContext> {
  readonly apollo: ApolloServer<TContext>;
  /** Builds a request's context; may throw a GraphQL error (401) that Apollo answers. */
  readonly context: (request: IncomingMessage, record: RequestRecord) => Promise<TContext>;
  /** Routes other than the API's, by path (no CORS, no authentication). */
  readonly plainRoutes?: Readonly<Record<string, PlainRoute>>;
  /** Hears of every API request's end, with what it did and its status. */
  readonly onRequestEnd?: (record: RequestRecord, status: number) => void;
  /** Runs first on `/graphql` (CORS). */
  readonly cors: HttpMiddleware;
  readonly logger: GatewayLogger;
  /** The endpoint's path, `/graphql`. */
  readonly path: string;
}

/**
 * The whole HTTP layer of the API, on bare `node:http`: one path, GraphQL over HTTP's methods
 * and media type, a bounded JSON body, then Apollo Server's own request handling. It replaces
 * Express, whose router, response helpers and body parser cost a measurable share of every
 * request's CPU (see the README's Performance section) for nothing this endpoint uses. Every
 * refusal is JSON in the GraphQL error shape.
 */
export function createGraphQLHttpHandler<TContext extends BaseContext>(options: GraphQLHttpHandlerOptions<TContext>): RequestListener {
  const { apollo, logger } = options;
  const handle = async (request: IncomingMessage, response: ServerResponse, record: RequestRecord): Promise<void> => {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    if (path !== options.path) throw UNKNOWN_ROUTE;
    response.once('finish', () => options.onRequestEnd?.(record, response.statusCode));
    if (!(await runMiddleware(options.cors, request, response))) return;
    assertGraphQLOverHttp(request.method, request.headers['content-type'], request.headers['content-encoding']);
    const body = request.method === 'POST' ? await readJsonBody(request, MAX_REQUEST_BODY_BYTES) : undefined;

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: request.method as string,
        headers,
        search: queryStart === -1 ? '' : url.slice(queryStart),
        body,
      },
      context: () => options.context(request, record),
    });
    for (const [name, value] of answer.headers) response.setHeader(name, value);
    response.statusCode = graphQLOverHttpStatus(answer.status ?? 200, answer.headers.get('content-type'), record);
    if (answer.body.kind === 'complete') {
      response.setHeader('content-length', Buffer.byteLength(answer.body.string));
      response.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) response.write(chunk);
    response.end();
  };

  return (request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0] as string;
    const plain = options.plainRoutes?.[path];
    const work = plain !== undefined ? answerPlainRoute(plain, request, response) : handle(request, response, new RequestRecord());
    work.catch((error: unknown) => {
      if (error instanceof RequestAbortedError) return;
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof HttpRequestError) {
        sendGraphQLError(response, error.status, error.code, error.message, error.headers);
        return;
      }
      // A fault of ours: logged by name and frames (a message may hold input), answered generically.
      const detail = error instanceof Error ? error : new Error(String(error));
      logger.error({ error: { name: detail.name, frames: detail.stack?.split('\n').slice(1, 8).join('\n') } }, 'unexpected error in the HTTP layer');
      sendGraphQLError(response, 500, GatewayErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.');
    });
  };
}

async function answerPlainRoute(route: PlainRoute, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    throw new HttpRequestError(405, GatewayErrorCode.METHOD_NOT_ALLOWED, `The method ${(request.method ?? '').slice(0, 16)} is not allowed here: use GET.`, { allow: 'GET' });
  }
  await route(request, response);
}

/** Runs a connect-style middleware; true when it handed the request on, false when it answered. */
function runMiddleware(middleware: HttpMiddleware, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  return new Promise((resolve, reject) => {
    middleware(request, response, (error?: unknown) => (error === undefined ? resolve(true) : reject(error)));
    // A middleware that answered never calls next.
    if (response.writableEnded) resolve(false);
  });
}
