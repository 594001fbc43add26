import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PATH_PREFIX, handleAdminRequest } from './emulator.admin';
import { handleApiRequest, type EmulatorLogger } from './emulator.api';
import { CallRecorder, type EmulatorCallLog } from './emulator.call-log';
import { FaultInjector, type EmulatorFaults } from './emulator.faults';
import { JwksRequestCounter, type EmulatorJwksRequestLog } from './emulator.jwks-requests';
import { EmulatorJwtIssuer, type MintedToken, type MintTokenRequest } from './emulator.jwt-issuer';
import { DEFAULT_RUNTIME_OPTIONS, mergeRuntimeOptions, type EmulatorRuntimeOptions } from './emulator.options';
import { SEED_POOLS } from './emulator.seed';
import { EmulatorSigningKeys, type EmulatorJwks } from './emulator.signing';
import { EmulatorStore } from './emulator.store';
import { handleWellKnownRequest, isWellKnownPath } from './emulator.well-known';

export type { EmulatorLogger } from './emulator.api';

/** How to start an emulator. */
export interface CognitoEmulatorOptions {
  /** Interface to bind; default `127.0.0.1` (loopback only). */
  readonly host?: string;
  /** Port to bind; default 0 (any free port, see {@link CognitoEmulator.port}). */
  readonly port?: number;
  /** See {@link EmulatorRuntimeOptions.trailingEmptyPage}; default `true`. */
  readonly trailingEmptyPage?: boolean;
  /** See {@link EmulatorRuntimeOptions.nextTokenMinLength}; default 0. */
  readonly nextTokenMinLength?: number;
  /** Faults in force from the start. */
  readonly faults?: Partial<EmulatorFaults>;
  /** Receives one debug line per call and errors; omitted = silent. */
  readonly logger?: EmulatorLogger;
  /**
   * Adds users `synthetic-00001` … `synthetic-<n>` to `eu-west-1_DemoPool01`, each with a
   * deterministic history of 25 to 40 events, generated on first access; they answer every
   * operation and admin route as seeded users do, and `reset()` returns them to that history.
   * For load spread over many distinct pages (the bench's cold runs); default 0, at most 99,999.
   */
  readonly syntheticUsers?: number;
  /**
   * The clock (epoch milliseconds) read once at start for the day the demo histories end at:
   * 00:00 UTC of that day (see `seedInstantOf`); default `Date.now`. Tests and screenshots pass a
   * fixed one, so the dates stay the same whatever day they run.
   */
  readonly now?: () => number;
}

/** Runtime control of fault injection. */
export interface EmulatorFaultControls {
  /** Changes the given settings, keeps the others, restarts counters and the seeded generator. */
  set(changes: Partial<EmulatorFaults>): void;
  /** No faults. */
  reset(): void;
  /** The settings in force. */
  current(): EmulatorFaults;
}

/** A running emulator. */
export interface CognitoEmulator {
  /** Base URL to give the SDK as `endpoint`, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  /** The bound port. */
  readonly port: number;
  /** Every Cognito API call received, for counting upstream calls. JWKS and token requests are not in it. */
  readonly calls: EmulatorCallLog;
  /** JWKS downloads (`GET /<poolId>/.well-known/jwks.json`), for asserting a verifier caches keys. */
  readonly jwksRequests: EmulatorJwksRequestLog;
  /** Fault injection. */
  readonly faults: EmulatorFaultControls;
  /** The data: events, feedback tokens, reset to the seed (and the synthetic users' generated histories). */
  readonly store: EmulatorStore;
  /** Runtime options in force. */
  readonly options: EmulatorRuntimeOptions;
  /**
   * Changes runtime options (e.g. `trailingEmptyPage`) for the calls that follow.
   *
   * @throws RangeError when a value is invalid.
   */
  setOptions(changes: Partial<EmulatorRuntimeOptions>): void;
  /**
   * The `iss` of the pool's tokens, `${endpoint}/${poolId}`, where a gateway's verifier finds
   * `/.well-known/jwks.json`. Pure string work: an unknown pool gets a URL whose JWKS answers 404.
   */
  issuerOf(poolId: string): string;
  /** The pool's public JWKS (what its `jwks.json` serves), `undefined` for an unknown pool. */
  jwks(poolId: string): EmulatorJwks | undefined;
  /**
   * Mints an RS256 access or ID token as the pool would issue it; see {@link MintTokenRequest}.
   *
   * @throws RangeError (as a rejection) for an unknown pool, user or client, or a malformed request.
   */
  mintToken(request: MintTokenRequest): Promise<MintedToken>;
  /**
   * Back to the state right after start: seed data, starting faults and options, empty call log
   * and JWKS counts. The signing keys stay, so tokens minted before stay valid.
   */
  reset(): void;
  /**
   * Stops listening, cuts the connections of hung calls and slow bodies, lets other calls in
   * flight finish, then closes every connection.
   */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server that answers `AdminListUserAuthEvents`, `AdminUpdateAuthEventFeedback`
 * and `UpdateAuthEventFeedback` as Cognito does, serves each pool's JWKS and OpenID configuration
 * under its issuer URL, plus `/_emulator/…` admin routes (tokens among them). Generates a fresh
 * RS256 key pair per pool first.
 *
 * @throws RangeError for invalid options or faults; rejects when the port cannot be bound.
 */
export async function startCognitoEmulator(options: CognitoEmulatorOptions = {}): Promise<CognitoEmulator> {
  const startOptions = mergeRuntimeOptions(DEFAULT_RUNTIME_OPTIONS, {
    ...(options.trailingEmptyPage !== undefined ? { trailingEmptyPage: options.trailingEmptyPage } : {}),
    ...(options.nextTokenMinLength !== undefined ? { nextTokenMinLength: options.nextTokenMinLength } : {}),
  });
  const startFaults = options.faults ?? {};
  const store = new EmulatorStore({ syntheticUsers: options.syntheticUsers, now: options.now });
  const calls = new CallRecorder();
  const faults = new FaultInjector();
  faults.set(startFaults);
  const jwksRequests = new JwksRequestCounter();
  const keys = await EmulatorSigningKeys.generate(SEED_POOLS.map((pool) => pool.poolId));
  // Known once the port is bound, before the first request can arrive; the issuer is built on
  // the endpoint, so tokens name the address their JWKS is really served at.
  let endpoint = '';
  const issuerOf = (poolId: string): string => `${endpoint}/${poolId}`;
  const jwtIssuer = new EmulatorJwtIssuer({ keys, store, issuerOf });
  const mintToken = (request: MintTokenRequest): Promise<MintedToken> => jwtIssuer.mintToken(request);
  const jwks = (poolId: string): EmulatorJwks | undefined => keys.jwks(poolId);
  let runtimeOptions = startOptions;
  let closing = false;
  const faulted = new Set<ServerResponse>();

  const emulatorState = {
    store,
    calls,
    faults,
    jwksRequests,
    mintToken,
    get options(): EmulatorRuntimeOptions {
      return runtimeOptions;
    },
    setOptions(changes: Partial<EmulatorRuntimeOptions>): void {
      runtimeOptions = mergeRuntimeOptions(runtimeOptions, changes);
    },
    reset(): void {
      store.reset();
      faults.reset();
      faults.set(startFaults);
      calls.clear();
      jwksRequests.clear();
      runtimeOptions = startOptions;
    },
  };

  const server = createServer((request, response) => {
    // Once closing, every answer ends its connection, so close() waits for calls in flight only.
    if (closing) response.shouldKeepAlive = false;
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    // Neither the admin nor the well-known routes are Cognito API calls, so only the last
    // branch reaches the call log.
    const work = path.startsWith(ADMIN_PATH_PREFIX)
      ? handleAdminRequest(request, response, emulatorState)
      : isWellKnownPath(path)
        ? handleWellKnownRequest(request, response, { jwks, issuerOf, jwksRequests })
        : handleApiRequest(request, response, { ...emulatorState, logger: options.logger, isClosing: () => closing, faulted });
    work.catch((error: unknown) => {
      options.logger?.error({ err: error }, 'cognito emulator failed to answer a request');
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The emulator is not listening on a TCP port');
  endpoint = `http://${endpointHost(address)}:${address.port}`;
  options.logger?.info({ endpoint }, 'cognito emulator listening');

  return {
    endpoint,
    port: address.port,
    calls,
    jwksRequests,
    faults,
    store,
    issuerOf,
    jwks,
    mintToken,
    get options() {
      return runtimeOptions;
    },
    setOptions: emulatorState.setOptions,
    reset: emulatorState.reset,
    close: () => {
      closing = true;
      // Hung calls would never end and slow bodies may take long: their connections are cut.
      for (const response of faulted) response.socket?.destroy();
      return closeServer(server);
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections between calls would hold close() open until they time out.
    server.closeIdleConnections();
  });
}

/** A host the endpoint URL can use: unspecified addresses mean "this machine", IPv6 gets brackets. */
function endpointHost(address: AddressInfo): string {
  if (address.address === '0.0.0.0') return '127.0.0.1';
  if (address.address === '::') return '[::1]';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}
