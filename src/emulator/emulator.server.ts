import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PATH_PREFIX, handleAdminRequest } from './emulator.admin';
import { handleApiRequest, type EmulatorLogger } from './emulator.api';
import { CallRecorder, type EmulatorCallLog } from './emulator.call-log';
import { FaultInjector, type EmulatorFaults } from './emulator.faults';
import { DEFAULT_RUNTIME_OPTIONS, mergeRuntimeOptions, type EmulatorRuntimeOptions } from './emulator.options';
import { EmulatorStore } from './emulator.store';

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
  /** Every Cognito API call received, for counting upstream calls. */
  readonly calls: EmulatorCallLog;
  /** Fault injection. */
  readonly faults: EmulatorFaultControls;
  /** The data: events, feedback tokens, reset to the seed. */
  readonly store: EmulatorStore;
  /** Runtime options in force. */
  readonly options: EmulatorRuntimeOptions;
  /**
   * Changes runtime options (e.g. `trailingEmptyPage`) for the calls that follow.
   *
   * @throws RangeError when a value is invalid.
   */
  setOptions(changes: Partial<EmulatorRuntimeOptions>): void;
  /** Back to the state right after start: seed data, starting faults and options, empty call log. */
  reset(): void;
  /** Stops listening, lets calls in flight finish, then closes every connection. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server that answers `AdminListUserAuthEvents`, `AdminUpdateAuthEventFeedback`
 * and `UpdateAuthEventFeedback` as Cognito does, plus `/_emulator/…` admin routes.
 *
 * @throws RangeError for invalid options or faults; rejects when the port cannot be bound.
 */
export async function startCognitoEmulator(options: CognitoEmulatorOptions = {}): Promise<CognitoEmulator> {
  const startOptions = mergeRuntimeOptions(DEFAULT_RUNTIME_OPTIONS, {
    ...(options.trailingEmptyPage !== undefined ? { trailingEmptyPage: options.trailingEmptyPage } : {}),
    ...(options.nextTokenMinLength !== undefined ? { nextTokenMinLength: options.nextTokenMinLength } : {}),
  });
  const startFaults = options.faults ?? {};
  const store = new EmulatorStore();
  const calls = new CallRecorder();
  const faults = new FaultInjector();
  faults.set(startFaults);
  let runtimeOptions = startOptions;
  let closing = false;

  const emulatorState = {
    store,
    calls,
    faults,
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
      runtimeOptions = startOptions;
    },
  };

  const server = createServer((request, response) => {
    // Once closing, every answer ends its connection, so close() waits for calls in flight only.
    if (closing) response.shouldKeepAlive = false;
    const work = (request.url ?? '/').startsWith(ADMIN_PATH_PREFIX)
      ? handleAdminRequest(request, response, emulatorState)
      : handleApiRequest(request, response, { ...emulatorState, logger: options.logger, isClosing: () => closing });
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
  const endpoint = `http://${endpointHost(address)}:${address.port}`;
  options.logger?.info({ endpoint }, 'cognito emulator listening');

  return {
    endpoint,
    port: address.port,
    calls,
    faults,
    store,
    get options() {
      return runtimeOptions;
    },
    setOptions: emulatorState.setOptions,
    reset: emulatorState.reset,
    close: () => {
      closing = true;
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
