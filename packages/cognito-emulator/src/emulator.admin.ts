import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallRecorder } from './emulator.call-log';
import { parseFaults, type FaultInjector } from './emulator.faults';
import type { JwksRequestCounter } from './emulator.jwks-requests';
import { parseTokenUse, type MintedToken, type MintTokenRequest } from './emulator.jwt-issuer';
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
  readonly jwksRequests: JwksRequestCounter;
  setOptions(changes: Partial<EmulatorRuntimeOptions>): void;
  reset(): void;
  mintToken(request: MintTokenRequest): Promise<MintedToken>;
}

type Route = (query: URLSearchParams, body: unknown, target: AdminRouteTarget) => unknown;

/** The query parameters of `GET /_emulator/token`, each a member of {@link MintTokenRequest}. */
const TOKEN_QUERY_PARAMETERS = ['userPoolId', 'username', 'groups', 'scope', 'tokenUse', 'clientId', 'expiresInSeconds', 'issuedAt'];

/**
 * `METHOD path` → handler; a handler's return value (or what its promise resolves to) is sent as
 * JSON (`undefined` → 204).
 */
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
  'GET /_emulator/token': async (query, _body, target) => {
    const request = mintTokenRequestOf(query);
    const { token, expiresAt } = await target.mintToken(request);
    return { token, tokenUse: request.tokenUse ?? 'access', expiresAt, authorization: `Bearer ${token}` };
  },
  'GET /_emulator/jwks-requests': (_query, _body, { jwksRequests }) => ({ count: jwksRequests.count(), byPool: jwksRequests.byPool() }),
};

/**
 * Serves `/_emulator/…`: the call log, fault injection, runtime options, feedback tokens, JWTs,
 * JWKS request counts and the seed, for developers and for tests running in another process.
 * Bad input answers 400 with `{"error": "…"}`.
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
    const result: unknown = await route(url.searchParams, body, target);
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

/**
 * Reads a mint request from a query string. Unknown parameters are refused: a misspelt
 * `username` would otherwise mint a client-credentials token, with admin scope, in silence.
 */
function mintTokenRequestOf(query: URLSearchParams): MintTokenRequest {
  for (const name of query.keys()) {
    if (!TOKEN_QUERY_PARAMETERS.includes(name)) {
      throw new RangeError(`Unknown query parameter ${name}; /_emulator/token takes ${TOKEN_QUERY_PARAMETERS.join(', ')}`);
    }
  }
  const groups = optionalParam(query, 'groups');
  const tokenUse = optionalParam(query, 'tokenUse');
  return {
    userPoolId: requiredParam(query, 'userPoolId'),
    username: optionalParam(query, 'username'),
    groups: groups === undefined ? undefined : groups.split(','),
    scope: optionalParam(query, 'scope'),
    tokenUse: tokenUse === undefined ? undefined : parseTokenUse(tokenUse),
    clientId: optionalParam(query, 'clientId'),
    expiresInSeconds: integerParam(query, 'expiresInSeconds'),
    issuedAt: integerParam(query, 'issuedAt'),
  };
}

function optionalParam(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

function integerParam(query: URLSearchParams, name: string): number | undefined {
  const value = optionalParam(query, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new RangeError(`Query parameter ${name} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

function requiredParam(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null || value === '') throw new RangeError(`Query parameter ${name} is required`);
  return value;
}

/** Sends `body` as `application/json` (the emulator's own routes; Cognito's API answers in JSON 1.1). */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
