import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallRecorder } from './emulator.call-log';
import { parseFaults, type FaultInjector } from './emulator.faults';
import { parseRuntimeOptions, type EmulatorRuntimeOptions } from './emulator.options';
import { readBody } from './emulator.protocol';
import type { EmulatorStore } from './emulator.store';

/** Path prefix of the emulator's own routes; Cognito's API lives at `POST /`. */
export const ADMIN_PATH_PREFIX = '/_emulator/';

/** What the admin routes act on. */
export interface AdminRouteTarget {
  readonly store: EmulatorStore;
  readonly calls: CallRecorder;
  readonly faults: FaultInjector;
  readonly options: EmulatorRuntimeOptions;
  setOptions(changes: Partial<EmulatorRuntimeOptions>): void;
  reset(): void;
}

type Route = (query: URLSearchParams, body: unknown, target: AdminRouteTarget) => unknown;

/** `METHOD path` → handler; a handler's return value is sent as JSON (`undefined` → 204). */
const ROUTES: Readonly<Record<string, Route>> = {
  'GET /_emulator/calls': (_query, _body, { calls }) => ({
    calls: calls.list(),
    count: calls.count(),
    maxConcurrency: calls.maxConcurrency,
    inFlight: calls.inFlight,
  }),
  'POST /_emulator/calls/clear': (_query, _body, { calls }) => calls.clear(),
  'GET /_emulator/faults': (_query, _body, { faults }) => faults.current(),
  'POST /_emulator/faults': (_query, body, { faults }) => {
    faults.set(parseFaults(body));
    return faults.current();
  },
  'POST /_emulator/faults/reset': (_query, _body, { faults }) => {
    faults.reset();
    return faults.current();
  },
  'GET /_emulator/options': (_query, _body, target) => target.options,
  'POST /_emulator/options': (_query, body, target) => {
    target.setOptions(parseRuntimeOptions(body));
    return target.options;
  },
  'GET /_emulator/feedback-token': (query, _body, { store }) => ({
    feedbackToken: store.feedbackTokenFor({
      userPoolId: requiredParam(query, 'userPoolId'),
      username: requiredParam(query, 'username'),
      eventId: requiredParam(query, 'eventId'),
    }),
  }),
  'GET /_emulator/users': (_query, _body, { store }) => ({ pools: store.pools(), users: store.users() }),
  'GET /_emulator/events': (query, _body, { store }) => ({
    events: store.eventsOf(requiredParam(query, 'userPoolId'), requiredParam(query, 'username')),
  }),
  'POST /_emulator/reset': (_query, _body, target) => target.reset(),
};

/**
 * Serves `/_emulator/…`: the call log, fault injection, runtime options, feedback tokens and the
 * seed, for developers and for tests running in another process. Bad input answers 400 with
 * `{"error": "…"}`.
 */
export async function handleAdminRequest(request: IncomingMessage, response: ServerResponse, target: AdminRouteTarget): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://emulator.invalid');
  const route = ROUTES[`${request.method ?? 'GET'} ${url.pathname}`];
  if (!route) {
    const known = Object.keys(ROUTES).some((key) => key.endsWith(` ${url.pathname}`));
    sendJson(response, known ? 405 : 404, { error: known ? `Method ${request.method} not allowed` : `No route ${url.pathname}` });
    return;
  }
  try {
    const text = request.method === 'POST' ? await readBody(request) : '';
    const body: unknown = text.trim() === '' ? {} : JSON.parse(text);
    const result = route(url.searchParams, body, target);
    if (result === undefined) {
      response.writeHead(204).end();
    } else {
      sendJson(response, 200, result);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    sendJson(response, 400, { error: message });
  }
}

function requiredParam(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null || value === '') throw new RangeError(`Query parameter ${name} is required`);
  return value;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
