import {
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  type AuthEventType,
  CognitoIdentityProviderClient,
  type CognitoIdentityProviderClientConfig,
  UpdateAuthEventFeedbackCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { FinalizeRequestMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';
import { GatewayError } from '../errors/gateway-errors';
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

/** How to build SDK clients: everything else comes from the SDK's standard configuration. */
export interface CognitoClientOptions {
  /** Region for pools whose id does not name one (ids are `<region>_<id>`, so normally unused). */
  readonly fallbackRegion?: string;
  /** Set only for the embedded emulator; otherwise the SDK reads `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`. */
  readonly endpoint?: string;
  /** Set only for the embedded emulator; otherwise the SDK's default credential chain applies. */
  readonly credentials?: CognitoIdentityProviderClientConfig['credentials'];
  /** TCP connect timeout in milliseconds (the SDK has none by default). */
  readonly connectionTimeoutMs: number;
  /** Time limit of one HTTP attempt in milliseconds (the SDK has none by default). */
  readonly requestTimeoutMs: number;
  /** Attempts per call, including the first, with the SDK's standard jittered backoff (writes: throttling only). */
  readonly maxAttempts: number;
  /** Admits each HTTP attempt: concurrency cap, rate limit, bounded queue. */
  readonly guard: UpstreamGuard;
  /** Counts each HTTP attempt by operation and outcome. */
  readonly counter: UpstreamCallCounter;
}

/**
 * The only module that talks to Cognito.
 *
 * Every HTTP attempt, retries included, passes the process-wide `UpstreamGuard` (it sits
 * inside the SDK's retry middleware, so a retry waits for a slot and counts against the rate
 * like any call) and is counted. Reads use the SDK's standard retry strategy; feedback updates
 * retry throttling only (see `ThrottlingOnlyRetryStrategy`).
 *
 * SDK clients are made per region and purpose: a user pool id starts with its region, so a
 * gateway serving pools in several regions calls each in its own region without extra
 * configuration.
 */
export class CognitoAuthEventsClient {
  private readonly clients = new Map<string, CognitoIdentityProviderClient>();
  private readonly feedbackQueues = new PerKeyQueue();

  constructor(private readonly options: CognitoClientOptions) {}

  /** `AdminListUserAuthEvents`: one page of a user's history, newest first. */
  async listUserAuthEvents(request: AuthEventsPageRequest, signal?: AbortSignal): Promise<AuthEventsPage> {
    const command = new AdminListUserAuthEventsCommand({
      UserPoolId: request.userPoolId,
      Username: request.username,
      MaxResults: request.maxResults,
      ...(request.nextToken === null ? {} : { NextToken: request.nextToken }),
    });
    this.guard(command.middlewareStack, 'AdminListUserAuthEvents', 'read', signal);
    const output = await this.clientFor(request.userPoolId, 'read').send(command, { abortSignal: signal });
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
  async updateAuthEventFeedback(request: AuthEventFeedbackRequest, signal?: AbortSignal): Promise<void> {
    const key = JSON.stringify([request.userPoolId, request.username, request.eventId]);
    await this.feedbackQueues.run(key, signal, () => this.sendFeedback(request, signal));
  }

  private async sendFeedback(request: AuthEventFeedbackRequest, signal?: AbortSignal): Promise<void> {
    const client = this.clientFor(request.userPoolId, 'write');
    const common = {
      UserPoolId: request.userPoolId,
      Username: request.username,
      EventId: request.eventId,
      FeedbackValue: request.feedbackValue,
    };
    if (request.feedbackToken === undefined) {
      const command = new AdminUpdateAuthEventFeedbackCommand(common);
      this.guard(command.middlewareStack, 'AdminUpdateAuthEventFeedback', 'write', signal);
      await client.send(command, { abortSignal: signal });
    } else {
      const command = new UpdateAuthEventFeedbackCommand({ ...common, FeedbackToken: request.feedbackToken });
      this.guard(command.middlewareStack, 'UpdateAuthEventFeedback', 'write', signal);
      await client.send(command, { abortSignal: signal });
    }
  }

  /** Releases sockets. */
  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  /** Wraps each HTTP attempt of `command` in the guard and the counter. */
  private guard<Input extends object, Output extends MetadataBearer>(
    stack: MiddlewareStack<Input, Output>,
    operation: string,
    category: QuotaCategory,
    signal?: AbortSignal,
  ): void {
    const { guard, counter } = this.options;
    const middleware: FinalizeRequestMiddleware<Input, Output> = (next) => (args) =>
      guard
        .run(category, signal, async () => {
          const startedAt = performance.now();
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
    // Before signing and after the retry middleware: each attempt is admitted, then signed.
    stack.addRelativeTo(middleware, {
      name: 'upstreamGuard',
      relation: 'before',
      toMiddleware: 'httpSigningMiddleware',
    });
  }

  private clientFor(userPoolId: string, purpose: QuotaCategory): CognitoIdentityProviderClient {
    const region = regionOfUserPool(userPoolId) ?? this.options.fallbackRegion ?? 'us-east-1';
    const key = `${region}/${purpose}`;
    let client = this.clients.get(key);
    if (client === undefined) {
      client = new CognitoIdentityProviderClient({
        region,
        ...(purpose === 'read'
          ? { maxAttempts: this.options.maxAttempts }
          : { retryStrategy: new ThrottlingOnlyRetryStrategy(this.options.maxAttempts) }),
        // The SDK sets no timeouts by default, and this handler's `requestTimeout` only warns
        // unless told to throw; the socket timeout also catches a connection gone silent.
        requestHandler: new NodeHttpHandler({
          connectionTimeout: this.options.connectionTimeoutMs,
          requestTimeout: this.options.requestTimeoutMs,
          throwOnRequestTimeout: true,
          socketTimeout: this.options.requestTimeoutMs,
        }),
        ...(this.options.endpoint === undefined ? {} : { endpoint: this.options.endpoint }),
        ...(this.options.credentials === undefined ? {} : { credentials: this.options.credentials }),
      });
      // The SDK's logger middleware runs every call's input and output through its sensitive-data
      // filters just to hand them to a logger; this client logs nothing through the SDK (the
      // error mapper logs what matters), so that work is removed.
      client.middlewareStack.remove('loggerMiddleware');
      this.clients.set(key, client);
    }
    return client;
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

/** `eu-west-1_AbC123` → `eu-west-1`; undefined when the prefix is not region-shaped. */
export function regionOfUserPool(userPoolId: string): string | undefined {
  const prefix = userPoolId.slice(0, userPoolId.lastIndexOf('_'));
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(prefix) ? prefix : undefined;
}
