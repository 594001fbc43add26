import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayMetrics } from './gateway-metrics';
import type { Readiness } from './readiness';

/** A route answering GET (and HEAD) itself; the HTTP layer refuses other methods first. */
export type ObservabilityRoute = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

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
export function probeRoutes(readiness: Readiness): Record<string, ObservabilityRoute> {
  return {
    '/healthz': async (_request, response) => sendJson(response, 200, { status: 'ok' }),
    '/readyz': async (_request, response) => {
      const state = await readiness.state();
      sendJson(response, state.ready ? 200 : 503, state.ready ? { status: 'ready' } : { status: 'not ready', reasons: state.reasons });
    },
  };
}

/** `GET /metrics` in the Prometheus text format. */
export function metricsRouteOf(metrics: GatewayMetrics): ObservabilityRoute {
  return async (_request, response) => {
    const { contentType, body } = await metrics.exposition();
    response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };
}
