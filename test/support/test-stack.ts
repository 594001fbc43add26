import 'reflect-metadata';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import pino from 'pino';
import {
  type CognitoEmulator,
  type CognitoEmulatorOptions,
  DEMO_POOL_ID,
  NO_THREAT_PROTECTION_POOL_ID,
  startCognitoEmulator,
} from '../../src/emulator';
import { type GatewayConfig, loadConfig } from '../../src/config/config';
import { type RunningGateway, startGateway } from '../../src/server/gateway.server';

/** The cursor secret of every test stack unless a test asks for another. */
export const TEST_CURSOR_SECRET = 'test-cursor-secret-0123456789-abcdefghij';

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
  /** POSTs a typed operation to the gateway over HTTP. */
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
  ): Promise<ReceivedResponse<TData>>;
  /** POSTs raw text, for requests a typed document cannot express. */
  executeRaw(body: unknown): Promise<{ status: number; body: ReceivedResponse<Record<string, unknown>> }>;
  /** Everything the gateway logged, when `captureLogs` was set. */
  logs(): string;
  close(): Promise<void>;
}

/** Options of a test stack. */
export interface TestStackOptions {
  /** Environment variables on top of the test defaults. */
  readonly env?: Record<string, string>;
  readonly emulator?: CognitoEmulatorOptions;
  /** Capture the gateway's logs at debug level, for tests that check what is (not) logged. */
  readonly captureLogs?: boolean;
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
    ...options.env,
  });
  let logged = '';
  const logger = options.captureLogs
    ? pino({ level: 'debug' }, { write: (line: string) => void (logged += line) })
    : undefined;
  const gateway = await startGateway(config, {
    upstream: { endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
    ...(logger === undefined ? {} : { logger }),
  });

  const post = async (body: unknown) => {
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as ReceivedResponse<Record<string, unknown>> };
  };

  return {
    gateway,
    emulator,
    config,
    async execute<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables) {
      const { body } = await post({ query: print(document), variables });
      return body as ReceivedResponse<TData>;
    },
    executeRaw: post,
    logs: () => logged,
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}
