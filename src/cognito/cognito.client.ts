import {
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  type AuthEventType,
  CognitoIdentityProviderClient,
  type CognitoIdentityProviderClientConfig,
  UpdateAuthEventFeedbackCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type Attributes, SpanKind } from '@opentelemetry/api';
import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import type { FinalizeRequestMiddleware, HttpHandlerOptions, MetadataBearer, RequestHandler } from '@smithy/types';
import { GatewayError } from '../errors/gateway-errors';
import type { GatewayLogger } from '../logging/logger';
import { errorTypeOf, type GatewayTracer } from '../tracing/gateway-tracer';
import { toGatewayError } from './cognito-error.mapper';
import type { CognitoOperation } from './cognito.operations';
import type { CognitoFeedbackValue } from './cognito.constraints';
import type { UpstreamCallCounter } from './upstream-call.counter';
import type { QuotaCategory, UpstreamGuard } from './upstream-guard';
import { PerKeyQueue } from './per-key.queue';
import { ThrottlingOnlyRetryStrategy } from './write-retry.strategy';

/** An auth event exactly as the SDK returns it (unknown enum values pass through as strings). */
export type CognitoAuthEvent = AuthEventType;

/** One `AdminListUserAuthEvents` request. */
export interface AuthEventsPageRequest {
  readonly userPoolId: string;
  readonly username: string;
  /** Cognito's `NextToken`; null for the newest events. */
  readonly nextToken: string | null;
  /** 1–60. Never 0: Cognito reads 0 as 60. */
  readonly maxResults: number;
}

/** One page of a user's history as Cognito returned it. */
export interface AuthEventsPage {
  readonly events: readonly CognitoAuthEvent[];
  /** Where the next page starts; null when Cognito says the history ends here. */
  readonly nextToken: string | null;
}

/** One feedback update; with `feedbackToken` it is `UpdateAuthEventFeedback`, else the admin call. */
export interface AuthEventFeedbackRequest {
  readonly userPoolId: string;
  readonly username: string;
  readonly eventId: string;
  readonly feedbackValue: CognitoFeedbackValue;
  readonly feedbackToken?: string;
}

/**
 * On whose behalf a Cognito call is made: the request's abort signal (its deadline, its client
 * leaving) and where the request counts the HTTP attempts made for it (its log line).
 */
export interface CognitoCallScope {
  /** Aborts the call: queued, it leaves the guard's queue; on the wire, its connection is cut. */
  readonly signal: AbortSignal | undefined;
  /** Throws why the request's upstream work stopped, if it did, before anything is read for it. */
  throwIfCancelled(): void;
  /** Hears of each HTTP attempt made for the request, retries included. */
  countAttempt(): void;
}

/** How to build SDK clients: everything else comes from the SDK's standard configuration. */
export interface CognitoClientOptions {
  /** Region for pools whose id does not name one (ids are `<region>_<id>`, so normally unused). */
  readonly fallbackRegion?: string;
  /** Set for an emulator (tests, the local stack); otherwise the SDK reads `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`. */
  readonly endpoint?: string;
  /** Set for an emulator; otherwise the SDK's default credential chain applies. */
  readonly credentials?: CognitoIdentityProviderClientConfig['credentials'];
  /** TCP connect timeout in milliseconds (the SDK has none by default). */
  readonly connectionTimeoutMs: number;
  /** Time limit of one HTTP attempt in milliseconds (the SDK has none by default). */
  readonly requestTimeoutMs: number;
  /** Attempts per call, including the first, with the SDK's standard jittered backoff (writes: throttling only). */
  readonly maxAttempts: number;
  /** Admits each HTTP attempt: concurrency cap, rate limit, bounded queue. */
  readonly guard: UpstreamGuard;
  /** Counts each HTTP attempt by operation and outcome, for the metrics and the tests. */
  readonly counter: UpstreamCallCounter;
  /** Where failures worth an operator's attention are logged (by the error mapper). */
  readonly logger: GatewayLogger;
  /** When tracing is on: a client span for each call (retries included), child of the request's. */
  readonly tracer?: GatewayTracer | undefined;
}

/**
 * The only module that talks to Cognito, and the only one that maps its failures: every method
 * answers with Cognito's data or throws a `GatewayError` (`toGatewayError`).
 *
 * Every HTTP attempt, retries included, passes the process-wide `UpstreamGuard` (it sits
 * inside the SDK's retry middleware, so a retry waits for a slot and counts against the rate
 * like any call) and is counted once, in the process's counter and in the calling request's
 * scope. Reads use the SDK's standard retry strategy; feedback updates retry throttling only
 * (see `ThrottlingOnlyRetryStrategy`).
 *
 * The guard is part of each SDK client's middleware stack, installed once, so the SDK resolves
 * a command's stack once and reuses it (`cacheMiddleware`). That cache only serves `send`
 * calls without options, so a call's scope (its abort signal, its request's tally) travels
 * beside the command instead, keyed by the command's input, and the request handler reads the
 * signal back for the HTTP request it sends.
 *
 * SDK clients are made per region and purpose: a user pool id starts with its region, so a
 * gateway serving pools in several regions calls each in its own region without extra
 * configuration.
 */
export class CognitoAuthEventsClient {
  private readonly clients = new Map<string, CognitoIdentityProviderClient>();
  private readonly feedbackQueues = new PerKeyQueue();
  /** Each call's scope, by the input object of its command (the same object through every step of the stack). */
  private readonly scopes = new WeakMap<object, CognitoCallScope>();

  constructor(private readonly options: CognitoClientOptions) {}

  /** `AdminListUserAuthEvents`: one page of a user's history, newest first. */
  async listUserAuthEvents(request: AuthEventsPageRequest, scope?: CognitoCallScope): Promise<AuthEventsPage> {
    const command = new AdminListUserAuthEventsCommand({
      UserPoolId: request.userPoolId,
      Username: request.username,
      MaxResults: request.maxResults,
      ...(request.nextToken === null ? {} : { NextToken: request.nextToken }),
    });
    const client = this.clientFor(request.userPoolId, 'read');
    const output = await this.send(
      'AdminListUserAuthEvents',
      request.userPoolId,
      command.input,
      scope,
      () => client.send(command),
      { 'cognito.page.max_results': request.maxResults, 'cognito.page.continued': request.nextToken !== null },
      (page) => ({ 'cognito.page.events': page.AuthEvents?.length ?? 0, 'cognito.page.last': page.NextToken === undefined }),
    );
    return { events: output.AuthEvents ?? [], nextToken: output.NextToken ?? null };
  }

  /**
   * `UpdateAuthEventFeedback` (with a token) or `AdminUpdateAuthEventFeedback` (without).
   *
   * Updates of one event run one at a time, in arrival order: two in flight at once could be
   * applied in one order and answered in the other (a slow answer, a throttled first attempt
   * retried after the second update), leaving the event with a value other than the last one
   * the gateway reported. One at a time, the last update reported applied is the value that
   * stands. (Per process: replicas do not share this queue.)
   */
  async updateAuthEventFeedback(request: AuthEventFeedbackRequest, scope?: CognitoCallScope): Promise<void> {
    const key = JSON.stringify([request.userPoolId, request.username, request.eventId]);
    await this.feedbackQueues.run(key, scope?.signal, () => this.sendFeedback(request, scope));
  }

  private async sendFeedback(request: AuthEventFeedbackRequest, scope: CognitoCallScope | undefined): Promise<void> {
    const client = this.clientFor(request.userPoolId, 'write');
    const common = {
      UserPoolId: request.userPoolId,
      Username: request.username,
      EventId: request.eventId,
      FeedbackValue: request.feedbackValue,
    };
    if (request.feedbackToken === undefined) {
      const command = new AdminUpdateAuthEventFeedbackCommand(common);
      await this.send('AdminUpdateAuthEventFeedback', request.userPoolId, command.input, scope, () => client.send(command));
    } else {
      const command = new UpdateAuthEventFeedbackCommand({ ...common, FeedbackToken: request.feedbackToken });
      await this.send('UpdateAuthEventFeedback', request.userPoolId, command.input, scope, () => client.send(command));
    }
  }

  /** Releases sockets. */
  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  /**
   * Runs `send` (the SDK's `client.send(command)`, without options: they would keep the SDK from
   * reusing the command's resolved stack) under `scope`, set beside the command's `input`; a
   * failure comes back mapped (`toGatewayError`). When tracing is on, the call is a client span
   * named as OpenTelemetry's AWS SDK instrumentation names it, with the operation, region,
   * `attributes` (page size), what `describe` reads of the answer, the outcome and the SDK's
   * count of attempts: names and counts only, never the call's input.
   */
  private async send<Output extends MetadataBearer>(
    operation: CognitoOperation,
    userPoolId: string,
    input: object,
    scope: CognitoCallScope | undefined,
    send: () => Promise<Output>,
    attributes: Attributes = {},
    describe?: (output: Output) => Attributes,
  ): Promise<Output> {
    if (scope !== undefined) this.scopes.set(input, scope);
    const { tracer, logger } = this.options;
    if (tracer === undefined) {
      try {
        return await send();
      } catch (error) {
        throw toGatewayError(error, operation, logger);
      }
    }
    const spanAttributes = {
      'rpc.system': 'aws-api',
      'rpc.service': 'CognitoIdentityProvider',
      'rpc.method': operation,
      'cloud.region': this.regionOf(userPoolId),
      ...attributes,
    };
    return tracer.inSpan(`CognitoIdentityProvider.${operation}`, { kind: SpanKind.CLIENT, attributes: spanAttributes }, async (span) => {
      try {
        const output = await send();
        span.setAttributes({ 'cognito.outcome': 'ok', 'cognito.attempts': output.$metadata.attempts ?? 1, ...describe?.(output) });
        if (output.$metadata.requestId !== undefined) span.setAttribute('aws.request.id', output.$metadata.requestId);
        return output;
      } catch (error) {
        const mapped = toGatewayError(error, operation, logger);
        span.setAttributes({ 'cognito.outcome': errorTypeOf(mapped), 'cognito.attempts': attemptsOf(error) });
        throw mapped;
      }
    });
  }

  /** The region a pool's calls go to: the one its id names, else the configured fallback. */
  private regionOf(userPoolId: string): string {
    return regionOfUserPool(userPoolId) ?? this.options.fallbackRegion ?? 'us-east-1';
  }

  private clientFor(userPoolId: string, purpose: QuotaCategory): CognitoIdentityProviderClient {
    const region = this.regionOf(userPoolId);
    const key = `${region}/${purpose}`;
    let client = this.clients.get(key);
    if (client === undefined) {
      const signals = new WeakMap<object, AbortSignal>();
      client = new CognitoIdentityProviderClient({
        region,
        ...(purpose === 'read'
          ? { maxAttempts: this.options.maxAttempts }
          : { retryStrategy: new ThrottlingOnlyRetryStrategy(this.options.maxAttempts) }),
        // The SDK sets no timeouts by default, and this handler's `requestTimeout` only warns
        // unless told to throw; the socket timeout also catches a connection gone silent.
        requestHandler: new ScopedRequestHandler(
          new NodeHttpHandler({
            connectionTimeout: this.options.connectionTimeoutMs,
            requestTimeout: this.options.requestTimeoutMs,
            throwOnRequestTimeout: true,
            socketTimeout: this.options.requestTimeoutMs,
          }),
          signals,
        ),
        cacheMiddleware: true,
        ...(this.options.endpoint === undefined ? {} : { endpoint: this.options.endpoint }),
        ...(this.options.credentials === undefined ? {} : { credentials: this.options.credentials }),
      });
      // The SDK's logger middleware runs every call's input and output through its sensitive-data
      // filters just to hand them to a logger; this client logs nothing through the SDK (the
      // error mapper logs what matters), so that work is removed.
      client.middlewareStack.remove('loggerMiddleware');
      this.installGuard(client, purpose, signals);
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * Wraps each HTTP attempt of every command of `client` in the guard and the counters, before
   * signing (an attempt is admitted, then signed, so a wait in the queue never ages its
   * signature), and hands the call's signal to the request handler after signing.
   */
  private installGuard(client: CognitoIdentityProviderClient, category: QuotaCategory, signals: WeakMap<object, AbortSignal>): void {
    const { guard, counter } = this.options;
    const scopes = this.scopes;
    const admit: FinalizeRequestMiddleware<object, MetadataBearer> = (next, context) => {
      const operation = operationOf(context.commandName);
      return (args) => {
        const scope = scopes.get(args.input as object);
        return guard
          .run(category, scope?.signal, async () => {
            const startedAt = performance.now();
            scope?.countAttempt();
            try {
              const result = await next(args);
              counter.record(operation, 'ok', (performance.now() - startedAt) / 1000);
              return result;
            } catch (error) {
              const local = sameRealmError(error);
              counter.record(operation, local instanceof Error ? local.name : 'Unknown', (performance.now() - startedAt) / 1000);
              throw local;
            }
          })
          .catch((error: unknown) => {
            // Only the guard itself throws a GatewayError here: its queue was full.
            if (error instanceof GatewayError) counter.recordQueueRefusal();
            throw error;
          });
      };
    };
    const handOverSignal: FinalizeRequestMiddleware<object, MetadataBearer> = (next) => (args) => {
      const signal = scopes.get(args.input as object)?.signal;
      if (signal !== undefined) signals.set(args.request as object, signal);
      return next(args);
    };
    client.middlewareStack.addRelativeTo(admit, { name: 'upstreamGuard', relation: 'before', toMiddleware: 'httpSigningMiddleware' });
    client.middlewareStack.addRelativeTo(handOverSignal, { name: 'upstreamSignal', relation: 'after', toMiddleware: 'httpSigningMiddleware' });
  }
}

/** A request as the SDK hands it to its HTTP handler. */
type SignedRequest = Parameters<NodeHttpHandler['handle']>[0];
/** What the HTTP handler answers. */
type HandledResponse = Awaited<ReturnType<NodeHttpHandler['handle']>>;

/** The Cognito operation a command of this client performs, from its class name. */
function operationOf(commandName: string | undefined): CognitoOperation {
  const operation = commandName?.replace(/Command$/, '');
  if (operation === 'AdminListUserAuthEvents' || operation === 'AdminUpdateAuthEventFeedback' || operation === 'UpdateAuthEventFeedback') {
    return operation;
  }
  throw new TypeError(`CognitoAuthEventsClient sends no command ${String(commandName)}`);
}

/**
 * The HTTP handler that sends a call's requests with that call's abort signal, which the SDK's
 * cached stack cannot pass as a send option: the signal was set beside the signed request.
 */
class ScopedRequestHandler implements RequestHandler<SignedRequest, HandledResponse['response'], HttpHandlerOptions> {
  readonly metadata = { handlerProtocol: 'http/1.1' };

  constructor(
    private readonly inner: NodeHttpHandler,
    private readonly signals: WeakMap<object, AbortSignal>,
  ) {}

  handle(request: SignedRequest, options: HttpHandlerOptions = {}): Promise<HandledResponse> {
    const abortSignal = this.signals.get(request);
    return this.inner.handle(request, abortSignal === undefined ? options : { ...options, abortSignal });
  }

  updateHttpClientConfig(key: keyof NodeHttpHandlerOptions, value: NodeHttpHandlerOptions[typeof key]): void {
    this.inner.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs(): NodeHttpHandlerOptions {
    return this.inner.httpHandlerConfigs();
  }

  destroy(): void {
    this.inner.destroy();
  }
}

/**
 * An error of another JavaScript realm as an `Error` of this one, with its name, code and
 * metadata. Node's own network errors (`ECONNRESET`) come from the main realm; when this code
 * runs in a sandboxed realm (a test runner's VM context) they are not `instanceof Error` here,
 * and the SDK's retry middleware replaces such values with a message-only wrapper, losing the
 * name and code that its retry classification and the error mapper read. In a plain process
 * every error is already of this realm and passes unchanged.
 */
function sameRealmError(error: unknown): unknown {
  if (error instanceof Error || typeof error !== 'object' || error === null) return error;
  const foreign = error as { name?: unknown; message?: unknown };
  const local = new Error(typeof foreign.message === 'string' ? foreign.message : 'upstream error', { cause: error });
  // Own enumerable members (code, errno, syscall, $metadata) come along; name is on the prototype.
  Object.assign(local, error);
  if (typeof foreign.name === 'string') local.name = foreign.name;
  return local;
}

/** HTTP attempts the SDK made for a call that failed (1 when it does not say: the call failed before retrying). */
function attemptsOf(error: unknown): number {
  const attempts = (error as { $metadata?: { attempts?: unknown } } | null)?.$metadata?.attempts;
  return typeof attempts === 'number' ? attempts : 1;
}

/** `eu-west-1_AbC123` → `eu-west-1`; undefined when the prefix is not region-shaped. */
export function regionOfUserPool(userPoolId: string): string | undefined {
  const prefix = userPoolId.slice(0, userPoolId.lastIndexOf('_'));
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(prefix) ? prefix : undefined;
}
