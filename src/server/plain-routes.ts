import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { GatewayErrorCode } from '../errors/gateway-errors';
import type { GatewayLogger } from '../logging/logger';
import { HttpRequestError, PLAIN_ROUTE_ALLOWED_METHODS, sendGraphQLError } from './http-errors';

/** A plain route beside the API (probes, metrics): answers GET and HEAD itself, outside GraphQL. */
export type PlainRoute = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Plain routes by path. */
export type PlainRoutes = Readonly<Record<string, PlainRoute>>;

/**
 * Answers one plain route: `GET` and `HEAD` (Node sends a HEAD answer's headers without its
 * body), `405` with `Allow: GET, HEAD` for any other method, and `500` for a route that fails,
 * all in the same JSON error shape as the API's answers.
 */
export function servePlainRoute(route: PlainRoute, request: IncomingMessage, response: ServerResponse, logger: GatewayLogger): void {
  // A probe's or scrape's body is never read; drained so the connection can be reused.
  request.resume();
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const refusal = methodNotAllowed(request.method);
    sendGraphQLError(response, refusal.status, refusal.code, refusal.message, refusal.headers);
    return;
  }
  route(request, response).catch((error: unknown) => {
    logger.error({ error: { name: error instanceof Error ? error.name : typeof error } }, 'a plain route failed');
    if (response.headersSent) response.destroy();
    else sendGraphQLError(response, 500, GatewayErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.');
  });
}

/**
 * A whole server of plain routes (the `METRICS_PORT` server): its routes, and `404` in the API's
 * JSON error shape for every other path.
 */
export function createPlainRouteServer(routes: PlainRoutes, logger: GatewayLogger): RequestListener {
  const served = Object.keys(routes).join(', ');
  return (request, response) => {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const route = routes[queryStart === -1 ? url : url.slice(0, queryStart)];
    if (route !== undefined) {
      servePlainRoute(route, request, response, logger);
      return;
    }
    request.resume();
    sendGraphQLError(response, 404, GatewayErrorCode.NOT_FOUND, `Nothing is served here: this port serves ${served} only.`);
  };
}

function methodNotAllowed(method: string | undefined): HttpRequestError {
  return new HttpRequestError(
    405,
    GatewayErrorCode.METHOD_NOT_ALLOWED,
    `The method ${(method ?? '').slice(0, 16)} is not allowed here: use GET or HEAD.`,
    { allow: PLAIN_ROUTE_ALLOWED_METHODS },
  );
}
