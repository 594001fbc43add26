import 'reflect-metadata';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import pino from 'pino';
import {
  type CognitoEmulator,
  type CognitoEmulatorOptions,
  DEMO_POOL_ID,
  DEMO_SUPPORT_CONSOLE_CLIENT_ID,
  DEMO_WEB_CLIENT_ID,
  type MintTokenRequest,
  NO_THREAT_PROTECTION_POOL_ID,
  NO_THREAT_WEB_CLIENT_ID,
  OTHER_WEB_CLIENT_ID,
  startCognitoEmulator,
} from 'cognito-auth-events-emulator';
import { type GatewayConfig, loadConfig } from '../../src/config/config';
import { type RunningGateway, startGateway } from '../../src/server/gateway.server';

/** The cursor secret of every test stack unless a test asks for another. */
export const TEST_CURSOR_SECRET = 'test-cursor-secret-0123456789-abcdefghij';

/** The app clients every test stack accepts tokens of (`DEMO_UNLISTED_CLIENT_ID` is left out on purpose). */
export const TEST_AUTH_CLIENT_IDS = [DEMO_WEB_CLIENT_ID, DEMO_SUPPORT_CONSOLE_CLIENT_ID, OTHER_WEB_CLIENT_ID, NO_THREAT_WEB_CLIENT_ID].join(',');

/** Who a request is sent as: an `Authorization` value, or `null` for none at all. */
export interface AsCaller {
  readonly authorization?: string | null;
}

/** A GraphQL error as it arrives over HTTP. */
export interface ReceivedGraphQLError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** A GraphQL response as it arrives over HTTP. */
export interface ReceivedResponse<TData> {
  data?: TData | null;
  errors?: ReceivedGraphQLError[];
}

/** A gateway and its own emulator, both on loopback ports picked by the OS. */
export interface TestStack {
  readonly gateway: RunningGateway;
  readonly emulator: CognitoEmulator;
  readonly config: GatewayConfig;
  /**
   * The `Authorization` header every request carries unless told otherwise: a client-credentials
   * token of the demo pool's support console, an admin.
   */
  readonly authorization: string;
  /** An `Authorization` header value for a token the emulator mints (real signature, real claims). */
  tokenFor(request: MintTokenRequest): Promise<string>;
  /** POSTs a typed operation to the gateway over HTTP, as the admin unless `as` says otherwise. */
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    as?: AsCaller,
  ): Promise<ReceivedResponse<TData>>;
  /** POSTs a body serialised as JSON, for requests a typed document cannot express. */
  executeRaw(body: unknown, as?: AsCaller): Promise<{ status: number; body: ReceivedResponse<Record<string, unknown>> }>;
  /** Everything the gateway logged, when `captureLogs` was set. */
  logs(): string;
  /**
   * Resolves with the first log line (parsed) from line number `from` on, already written or
   * still to come, for which `predicate` holds; needs `captureLogs`. What a test waits on
   * instead of a sleep.
   */
  waitForLog(predicate: (line: LogLine) => boolean, from?: number): Promise<LogLine>;
  /** How many lines the gateway has logged so far: a `from` for {@link waitForLog}. */
  logLineCount(): number;
  close(): Promise<void>;
}

/** One line the gateway logged, parsed. */
export type LogLine = Record<string, unknown>;

/** Options of a test stack. */
export interface TestStackOptions {
  /** Environment variables on top of the test defaults. */
  readonly env?: Record<string, string>;
  readonly emulator?: CognitoEmulatorOptions;
  /** Capture the gateway's logs at debug level, for tests that check what is (not) logged. */
  readonly captureLogs?: boolean;
  /** The clock of the gateway's in-memory page cache (see `StartGatewayOptions.now`). */
  readonly now?: () => number;
}

/**
 * Starts an emulator and a gateway wired to it through the real AWS SDK over HTTP, exactly as
 * production wires Cognito, except that the endpoint is this test's own emulator.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const emulator = await startCognitoEmulator(options.emulator);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    COGNITO_USER_POOL_IDS: `${DEMO_POOL_ID},${NO_THREAT_PROTECTION_POOL_ID}`,
    CURSOR_SECRET: TEST_CURSOR_SECRET,
    AUTH_CLIENT_IDS: TEST_AUTH_CLIENT_IDS,
    // Per-caller fair use has its own tests; elsewhere one admin sends every request.
    CALLER_READS_PER_SECOND: '100000',
    CALLER_READ_BURST: '100000',
    // Tests count exact Cognito calls per request; the page cache has its own tests.
    PAGE_CACHE_TTL_MS: '0',
    ...options.env,
  });
  let logged = '';
  const lines: LogLine[] = [];
  const logWaiters = new Set<() => void>();
  const logger = options.captureLogs
    ? pino(
        { level: 'debug' },
        {
          write: (line: string) => {
            logged += line;
            lines.push(JSON.parse(line) as LogLine);
            for (const check of [...logWaiters]) check();
          },
        },
      )
    : undefined;
  const waitForLog = (predicate: (line: LogLine) => boolean, from = 0) =>
    new Promise<LogLine>((resolve, reject) => {
      if (logger === undefined) {
        reject(new Error('waitForLog needs a stack started with captureLogs: true'));
        return;
      }
      const check = () => {
        const found = lines.slice(from).find(predicate);
        if (found === undefined) return;
        logWaiters.delete(check);
        resolve(found);
      };
      logWaiters.add(check);
      check();
    });
  const gateway = await startGateway(config, {
    upstream: { endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
    ...(logger === undefined ? {} : { logger }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });

  const tokenFor = async (request: MintTokenRequest) => `Bearer ${(await emulator.mintToken(request)).token}`;
  const authorization = await tokenFor({ userPoolId: DEMO_POOL_ID, clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID });

  const post = async (body: unknown, as: AsCaller = {}) => {
    const sentAuthorization = as.authorization === undefined ? authorization : as.authorization;
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(sentAuthorization === null ? {} : { authorization: sentAuthorization }),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as ReceivedResponse<Record<string, unknown>> };
  };

  return {
    gateway,
    emulator,
    config,
    authorization,
    tokenFor,
    async execute<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables, as?: AsCaller) {
      const { body } = await post({ query: print(document), variables }, as);
      return body as ReceivedResponse<TData>;
    },
    executeRaw: post,
    logs: () => logged,
    waitForLog,
    logLineCount: () => lines.length,
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}
