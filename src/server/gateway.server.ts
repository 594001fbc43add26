import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { MAX_AUTH_EVENT_CURSOR_LENGTH, type AuthEventCursorPayload } from '../auth-events/auth-event.cursor';
import { UnknownValueReporter } from '../auth-events/unknown-value.reporter';
import { CognitoAuthEventsClient } from '../cognito/cognito.client';
import { UpstreamCallCounter } from '../cognito/upstream-call.counter';
import { UpstreamGuard } from '../cognito/upstream-guard';
import type { CognitoEmulator } from '../emulator';
import type { GatewayConfig } from '../config/config';
import { createLogger, type GatewayLogger } from '../logging/logger';
import { CursorCodec } from '../pagination/cursor.codec';
import { buildGatewaySchema } from '../schema/build-schema';
import { createRequestContext, type GatewayContext, type GatewayServices } from './context';
import { createErrorFormatter } from './error-formatting';
import { answerHttpErrors, answerUnknownRoute, MAX_REQUEST_BODY_BYTES, requireGraphQLOverHttp } from './http-errors';
import { SupportedOperationTypesRule } from '../validation/supported-operation-types.rule';

/** Static AWS credentials (only for emulators: real deployments use the SDK's credential chain). */
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Where Cognito is, when the caller decides it rather than the SDK's standard configuration. */
export interface UpstreamOverride {
  readonly endpoint: string;
  readonly credentials: StaticCredentials;
}

/** Options of `startGateway`. */
export interface StartGatewayOptions {
  readonly logger?: GatewayLogger;
  /**
   * Point the SDK at this endpoint instead of the standard configuration: tests use it to give
   * each gateway its own emulator. The SDK still makes real HTTP calls.
   */
  readonly upstream?: UpstreamOverride;
}

/** A started gateway. */
export interface RunningGateway {
  /** `http://host:port/graphql` */
  readonly graphqlUrl: string;
  readonly port: number;
  /** The embedded emulator, when the gateway started one. */
  readonly emulator: CognitoEmulator | undefined;
  /** Every HTTP attempt sent to Cognito, by operation and outcome. */
  readonly upstreamCalls: UpstreamCallCounter;
  /** Stops accepting requests, lets in-flight ones finish, then releases everything. */
  close(): Promise<void>;
}

const EMULATOR_CREDENTIALS: StaticCredentials = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };


/** Starts the gateway: the embedded emulator if configured, the GraphQL server on `POST /graphql`. */
export async function startGateway(config: GatewayConfig, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger(config.logLevel);
  let emulator: CognitoEmulator | undefined;
  let upstream = options.upstream;
  if (upstream === undefined && config.upstream.kind === 'embedded-emulator') {
    // Loaded only here: the emulator's module builds its whole seed on import, work a gateway
    // in front of real Cognito should not do at start-up.
    const { startCognitoEmulator } = await import('../emulator');
    emulator = await startCognitoEmulator({ host: '127.0.0.1', port: 0 });
    upstream = { endpoint: emulator.endpoint, credentials: EMULATOR_CREDENTIALS };
  }

  const limits = config.upstreamLimits;
  const upstreamCalls = new UpstreamCallCounter();
  const client = new CognitoAuthEventsClient({
    connectionTimeoutMs: limits.connectionTimeoutMs,
    requestTimeoutMs: limits.requestTimeoutMs,
    maxAttempts: limits.maxReadAttempts,
    guard: new UpstreamGuard({
      maxConcurrency: limits.maxConcurrency,
      ratePerSecond: { read: limits.readsPerSecond, write: limits.writesPerSecond },
      maxQueue: limits.maxQueue,
    }),
    counter: upstreamCalls,
    fallbackRegion: config.upstream.kind === 'aws' ? config.upstream.region : undefined,
    ...(upstream === undefined ? {} : { endpoint: upstream.endpoint, credentials: upstream.credentials }),
  });
  const services: GatewayServices = {
    client,
    cursorCodec: new CursorCodec<AuthEventCursorPayload>({
      keys: config.cursors.keys,
      ttlSeconds: config.cursors.ttlSeconds,
      namespace: 'authEvents',
      maxLength: MAX_AUTH_EVENT_CURSOR_LENGTH,
    }),
    pagination: config.pagination,
    pools: { userPoolIds: config.userPoolIds, defaultUserPoolId: config.defaultUserPoolId },
    reporter: new UnknownValueReporter(logger),
    federation: config.federation,
    requestDeadlineMs: limits.requestDeadlineMs,
    eventScanPages: limits.eventScanPages,
    logger,
  };

  const app = express();
  // Nothing in an answer should advertise the framework.
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    schema: await buildGatewaySchema(config.federationLimits),
    validationRules: [SupportedOperationTypesRule],
    // Apollo's own messages (e.g. that it serves federated inline traces to routers) go to pino.
    logger,
    formatError: createErrorFormatter(logger, config.production),
    includeStacktraceInErrorResponses: !config.production,
    introspection: config.sandbox || !config.production,
    // The process entry point owns shutdown (drain, then release upstream clients and the
    // emulator); Apollo's own handlers would re-raise the signal and kill it half-way.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      config.sandbox
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
    ],
  });
  await apollo.start();

  app.all(
    '/graphql',
    cors<cors.CorsRequest>(),
    requireGraphQLOverHttp(),
    express.json({ limit: MAX_REQUEST_BODY_BYTES }),
    expressMiddleware(apollo, { context: async () => createRequestContext(services) }),
  );
  app.use(answerUnknownRoute());
  app.use(answerHttpErrors(logger));

  await listen(httpServer, config.port, config.host);
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    graphqlUrl: `http://${shownHost}:${port}/graphql`,
    port,
    emulator,
    upstreamCalls,
    close: async () => {
      await apollo.stop();
      client.destroy();
      await emulator?.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
