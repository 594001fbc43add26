import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { MAX_AUTH_EVENT_CURSOR_LENGTH, type AuthEventCursorPayload } from '../auth-events/auth-event.cursor';
import { UnknownValueReporter } from '../auth-events/unknown-value.reporter';
import { CognitoAuthEventsClient } from '../cognito/cognito.client';
import { UpstreamCallCounter } from '../cognito/upstream-call.counter';
import { UpstreamGuard } from '../cognito/upstream-guard';
import type { GatewayConfig } from '../config/config';
import { createLogger, type GatewayLogger } from '../logging/logger';
import { CursorCodec } from '../pagination/cursor.codec';
import { buildGatewaySchema } from '../schema/build-schema';
import { createRequestContext, type GatewayContext, type GatewayServices } from './context';
import { createErrorFormatter } from './error-formatting';
import { UnauthenticatedError } from '../auth/unauthenticated.error';
import { GatewayMetrics } from '../observability/gateway-metrics';
import { metricsRouteOf, probeRoutes } from '../observability/probe.routes';
import { Readiness } from '../observability/readiness';
import { createRequestObserver } from '../observability/request-log';
import { requestRecordPlugin } from '../observability/request-record.plugin';
import { CorsPolicy } from './cors.policy';
import { compiledExecutionGateway } from './compiled-execution';
import { createGraphQLHttpHandler } from './graphql-http.handler';
import { graphQLOverHttpStatusPlugin } from './graphql-over-http-status.plugin';
import { landingPageWithLink, type LandingPageLink } from './landing-page-link.plugin';
import { createPlainRouteServer, type PlainRoutes } from './plain-routes';
import { SupportedOperationTypesRule } from '../validation/supported-operation-types.rule';
import { createRequestAuthenticator } from '../auth/request-authenticator';
import type { PageCacheStats } from '../cache/page-cache';
import { SharedPageReader } from '../cache/shared-page-reader';
import { createSharedState } from '../shared-state/create-shared-state';
import type { SharedStateHealth } from '../shared-state/shared-state-switch';
import { fairUsePlugin } from '../limits/fair-use.plugin';
import { operationShapeRules } from '../limits/operation-shape.rules';
import type { GatewayTracer } from '../tracing/gateway-tracer';

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
   * Where the gateway's own spans go (the operation, Cognito calls, page-cache lookups, waits for
   * a rate slot); only when tracing is on (`src/tracing/tracing.register.ts`). Without it no span
   * is made.
   */
  readonly tracer?: GatewayTracer;
  /**
   * Point the SDK at this endpoint instead of the standard configuration: tests and the local
   * stack (`npm start`) use it to give each gateway its own emulator. The SDK still makes real
   * HTTP calls.
   */
  readonly upstream?: UpstreamOverride;
  /**
   * Headers the Apollo Sandbox opens with, when it is on: the local stack signs it in as a demo
   * user so it is ready to query. Never given in production.
   */
  readonly sandboxHeaders?: Readonly<Record<string, string>>;
  /**
   * Development pages served beside the API, only while the Sandbox is on (`SANDBOX`, off in
   * production): the local stack serves its offline explorer this way, so neither the explorer
   * nor its assets are part of the gateway's build or dependencies. Never given in production.
   */
  readonly sandboxPages?: SandboxPages;
  /**
   * The clock the in-memory page cache measures its TTL on (milliseconds), so a test can let a
   * TTL pass without waiting for it. Never given in production.
   */
  readonly now?: () => number;
}

/** Development pages beside the API, and the landing page's link to them. */
export interface SandboxPages {
  /** GET (and HEAD) routes by exact path: a page and its assets. They cannot replace the probes or `/metrics`. */
  readonly routes: PlainRoutes;
  /** Shown in the landing page's notice when the Apollo Sandbox cannot be loaded (offline). */
  readonly link: LandingPageLink;
}

/** A started gateway. */
export interface RunningGateway {
  /** `http://host:port/graphql` */
  readonly graphqlUrl: string;
  readonly port: number;
  /** Every HTTP attempt sent to Cognito, by operation and outcome. */
  readonly upstreamCalls: UpstreamCallCounter;
  /** AES-GCM cursor seals made so far (member cursors of a sealed page are not seals). */
  readonly cursorSeals: number;
  /** Hits, misses and evictions of the page cache (zeros when it is off). */
  readonly pageCacheStats: PageCacheStats;
  /** Where rates, buckets and the page cache live now: `redis`, `local-fallback` or `local`. */
  readonly sharedState: SharedStateHealth;
  /** Where `GET /metrics` answers (the API port, or `METRICS_PORT`). */
  readonly metricsUrl: string;
  /** Turns `/readyz` to 503 without stopping (what `close` does first). */
  beginDraining(): void;
  /**
   * Turns `/readyz` to 503, keeps serving for `SHUTDOWN_DRAIN_DELAY_MS`, stops accepting
   * requests, lets in-flight ones finish within `SHUTDOWN_GRACE_MS`, then releases everything.
   */
  close(): Promise<void>;
}

/** Starts the gateway: the GraphQL server on `/graphql`, probes and metrics beside it. */
export async function startGateway(config: GatewayConfig, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const { upstream, tracer } = options;
  const authenticator = createRequestAuthenticator(config.auth, {
    userPoolIds: config.userPoolIds,
    endpoint: upstream?.endpoint ?? config.upstream.endpoint,
  });
  // Start-up warnings come first, so they are read before any banner, not scrolled past.
  if (config.cursors.ephemeralKeys) {
    logger.warn('CURSOR_SECRET is not set: cursors use a random key and stop working when the process restarts');
  }
  if (config.auth.mode === 'none') {
    logger.warn('AUTH_MODE=none: authentication is off and every caller is an admin; for local experiments and tests only');
  }
  // Fetched ahead so the first request of each pool does not wait; refetched on demand if this fails.
  void authenticator.preloadKeys().then((error) => {
    if (error !== undefined) logger.warn({ error: { name: error.name } }, 'could not load the signing keys of every user pool yet');
  });

  const limits = config.upstreamLimits;
  const upstreamCalls = new UpstreamCallCounter();
  // Rate slots, caller buckets and page cache: in memory, or in Redis shared by replicas.
  const sharedState = await createSharedState(config, logger, options.now === undefined ? {} : { now: options.now });
  const guard = new UpstreamGuard({
    maxConcurrency: limits.maxConcurrency,
    rateSlots: sharedState.rateSlots,
    maxQueue: limits.maxQueue,
    tracer,
  });
  const client = new CognitoAuthEventsClient({
    connectionTimeoutMs: limits.connectionTimeoutMs,
    requestTimeoutMs: limits.requestTimeoutMs,
    maxAttempts: limits.maxReadAttempts,
    guard,
    counter: upstreamCalls,
    logger,
    tracer,
    fallbackRegion: config.upstream.region,
    ...(upstream === undefined ? {} : { endpoint: upstream.endpoint, credentials: upstream.credentials }),
  });
  const cursorCodec = new CursorCodec<AuthEventCursorPayload>({
    keys: config.cursors.keys,
    ttlSeconds: config.cursors.ttlSeconds,
    namespace: 'authEvents',
    maxLength: MAX_AUTH_EVENT_CURSOR_LENGTH,
  });
  const pageReader = new SharedPageReader(client, sharedState.pageCache, tracer);
  const services: GatewayServices = {
    client,
    pageReader,
    cursorCodec,
    pagination: config.pagination,
    pools: { userPoolIds: config.userPoolIds, defaultUserPoolId: config.defaultUserPoolId },
    reporter: new UnknownValueReporter(logger),
    federation: config.federation,
    eventScanPages: limits.eventScanPages,
  };

  const httpServer = createServer();
  const metrics = new GatewayMetrics(
    {
      limiter: () => ({ waiting: guard.waiting, active: guard.active }),
      pageCache: () => pageReader.cacheStats,
      upstreamCalls,
      sharedStateMode: () => sharedState.health.status().mode,
    },
    config.operations.maxOperationNames,
  );
  const readiness = new Readiness();
  readiness.add(async () => ((await authenticator.keysReady()) ? undefined : 'the signing keys of the served user pools are not loaded'));
  if (config.sharedState.redis !== undefined && config.operations.readyRequiresRedis) {
    readiness.add(async () =>
      sharedState.health.status().mode === 'local-fallback' ? 'Redis is unreachable: serving on this replica\'s share of the limits' : undefined,
    );
  }
  const apollo = new ApolloServer<GatewayContext>({
    gateway: compiledExecutionGateway(await buildGatewaySchema(config.federationLimits), await buildGatewaySchema(config.federationLimits)),
    validationRules: [SupportedOperationTypesRule, ...operationShapeRules(config.fairUse)],
    // graphql-js stops parsing past this many tokens, so a huge document costs little to refuse.
    parseOptions: { maxTokens: config.fairUse.maxTokens },
    // No automatic persisted queries: no client or router of this API uses them, every caller
    // could fill their cache, and Apollo answers a hash that does not match its query with an
    // error without a code (masked as INTERNAL_SERVER_ERROR; the document fuzzer found it). A
    // `persistedQuery` extension gets PERSISTED_QUERY_NOT_SUPPORTED, which APQ links fall back on.
    persistedQueries: false,
    // Apollo's own messages (e.g. that it serves federated inline traces to routers) go to pino.
    logger,
    formatError: createErrorFormatter(logger, config.production),
    includeStacktraceInErrorResponses: !config.production,
    introspection: config.sandbox || !config.production,
    // The process entry point owns shutdown (drain, then release upstream clients and the
    // emulator); Apollo's own handlers would re-raise the signal and kill it half-way.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.operations.shutdownGraceMs }),
      requestRecordPlugin<GatewayContext>(),
      graphQLOverHttpStatusPlugin<GatewayContext>(),
      // No field sets a cache hint and no response is cached by HTTP, so the implicit plugin's
      // per-field hooks would cost every request for nothing.
      ApolloServerPluginCacheControlDisabled(),
      fairUsePlugin<GatewayContext>({
        maxOperationCognitoReads: config.fairUse.maxOperationCognitoReads,
        defaultFirst: config.pagination.defaultFirst,
        maxFirst: config.pagination.maxFirst,
        eventScanPages: limits.eventScanPages,
        filterScanPages: config.pagination.filterScanPages,
        onCallerRateLimited: () => metrics.recordCallerRateLimited(),
        buckets: sharedState.callerBuckets,
      }),
      config.sandbox ? sandboxLandingPage(options) : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
    ],
  });
  await apollo.start();

  const probes = probeRoutes(readiness);
  const metricsRoute = { '/metrics': metricsRouteOf(metrics) };
  httpServer.on(
    'request',
    createGraphQLHttpHandler<GatewayContext>({
      apollo,
      path: '/graphql',
      cors: CorsPolicy.of(config.operations.corsOrigins, logger),
      logger,
      requestDeadlineMs: limits.requestDeadlineMs,
      tracer,
      plainRoutes: {
        ...(config.sandbox ? options.sandboxPages?.routes : undefined),
        ...probes,
        ...(config.operations.metricsPort === undefined ? metricsRoute : {}),
      },
      onRequestEnd: createRequestObserver(logger, metrics),
      context: async (request, record, cancellation) => {
        let caller;
        try {
          caller = await authenticator.authenticate({ authorization: request.headers.authorization, address: request.socket.remoteAddress });
        } catch (error) {
          if (error instanceof UnauthenticatedError) {
            record.errorCodes.add(error.code);
            metrics.recordAuthenticationFailure(error.reason);
          }
          throw error;
        }
        record.identifyCaller(caller);
        return createRequestContext(services, caller, record, cancellation);
      },
    }),
  );

  await listen(httpServer, config.port, config.host);
  // A port of its own for /metrics, when asked for, so it need not be exposed with the API.
  const metricsServer =
    config.operations.metricsPort === undefined ? undefined : createServer(createPlainRouteServer(metricsRoute, logger));
  if (metricsServer !== undefined) await listen(metricsServer, config.operations.metricsPort ?? 0, config.host);
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    graphqlUrl: `http://${shownHost}:${port}/graphql`,
    port,
    upstreamCalls,
    get cursorSeals() {
      return cursorCodec.seals;
    },
    get pageCacheStats() {
      return pageReader.cacheStats;
    },
    sharedState: sharedState.health,
    get metricsUrl() {
      const address = metricsServer?.address() as AddressInfo | null | undefined;
      return address ? `http://${shownHost}:${address.port}/metrics` : `http://${shownHost}:${port}/metrics`;
    },
    beginDraining: () => readiness.beginDraining(),
    close: async () => {
      // Not ready from now on; keep serving for the drain delay so load balancers notice first,
      // then stop listening and give in-flight requests the grace period.
      readiness.beginDraining();
      if (config.operations.shutdownDrainDelayMs > 0) {
        await new Promise((done) => setTimeout(done, config.operations.shutdownDrainDelayMs));
      }
      await apollo.stop();
      await new Promise<void>((done) => (metricsServer === undefined ? done() : metricsServer.close(() => done())));
      client.destroy();
      await sharedState.close();
    },
  };
}

/** The Apollo Sandbox, signed in with `sandboxHeaders`, its offline notice linking to `sandboxPages`. */
function sandboxLandingPage(options: StartGatewayOptions): ApolloServerPlugin<GatewayContext> {
  const sandbox = ApolloServerPluginLandingPageLocalDefault({
    embed: options.sandboxHeaders === undefined ? true : { initialState: { sharedHeaders: { ...options.sandboxHeaders } } },
    includeCookies: false,
  });
  return options.sandboxPages === undefined ? sandbox : landingPageWithLink(sandbox, options.sandboxPages.link);
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
