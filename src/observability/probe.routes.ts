import type { RequestListener, ServerResponse } from 'node:http';
import type { GatewayLogger } from '../logging/logger';
import type { PlainRoute } from '../server/graphql-http.handler';
import type { GatewayMetrics } from './gateway-metrics';
import type { Readiness } from './readiness';

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

/**
 * `GET /healthz`, liveness: the process serves requests (it calls nothing). `GET /readyz`,
 * readiness: 200 `{ "status": "ready" }`, or 503 `{ "status": "not ready", "reasons": [...] }`
 * while draining or while a check fails. Neither calls Cognito.
 */
export function probeRoutes(readiness: Readiness): Record<string, PlainRoute> {
  return {
    '/healthz': async (_request, response) => sendJson(response, 200, { status: 'ok' }),
    '/readyz': async (_request, response) => {
      const state = await readiness.state();
      sendJson(response, state.ready ? 200 : 503, state.ready ? { status: 'ready' } : { status: 'not ready', reasons: state.reasons });
    },
  };
}

/** `GET /metrics` in the Prometheus text format. */
export function metricsRouteOf(metrics: GatewayMetrics): PlainRoute {
  return async (_request, response) => {
    const { contentType, body } = await metrics.exposition();
    response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };
}

/** The whole server on `METRICS_PORT`: `/metrics` and nothing else. */
export function metricsOnlyHandler(metrics: GatewayMetrics, logger: GatewayLogger): RequestListener {
  const route = metricsRouteOf(metrics);
  return (request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      sendJson(response, 404, { error: 'Only GET /metrics is served on this port.' });
      return;
    }
    route(request, response).catch((error: unknown) => {
      logger.error({ error: { name: error instanceof Error ? error.name : typeof error } }, 'could not render the metrics');
      if (!response.headersSent) sendJson(response, 500, { error: 'The metrics could not be rendered.' });
    });
  };
}
