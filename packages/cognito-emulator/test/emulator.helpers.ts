import {
  AdminListUserAuthEventsCommand,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  type AuthEventType,
  type CognitoIdentityProviderClientConfig,
} from '@aws-sdk/client-cognito-identity-provider';
// The SDK's own retry classifiers (a dependency of the SDK), so tests see what its retry logic sees.
import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import { type CognitoEmulator, type EmulatorAuthEvent, startCognitoEmulator } from '../src';

/** A real SDK client pointed at the emulator, with throwaway credentials (the emulator checks none). */
export function createCognitoClient(endpoint: string, overrides: Partial<CognitoIdentityProviderClientConfig> = {}): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: 'eu-west-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    ...overrides,
  });
}

/** A stored event as the SDK hands it out: the wire shape with `Date`s for timestamps. */
export type SdkShapedEvent = Omit<EmulatorAuthEvent, 'CreationDate' | 'EventFeedback'> & {
  readonly CreationDate: Date;
  readonly EventFeedback?: Omit<NonNullable<EmulatorAuthEvent['EventFeedback']>, 'FeedbackDate'> & { readonly FeedbackDate?: Date };
};

/**
 * What the SDK makes of a stored event: epoch seconds become `Date`s, rounded to the
 * millisecond as the SDK rounds them. Lets tests compare whole SDK responses with the store.
 */
export function asSdkEvent(event: EmulatorAuthEvent): SdkShapedEvent {
  const { CreationDate, EventFeedback, ...rest } = event;
  const toDate = (epochSeconds: number): Date => new Date(Math.round(epochSeconds * 1000));
  if (!EventFeedback) return { ...rest, CreationDate: toDate(CreationDate) };
  const { FeedbackDate, ...feedback } = EventFeedback;
  return {
    ...rest,
    CreationDate: toDate(CreationDate),
    EventFeedback: { ...feedback, ...(FeedbackDate !== undefined ? { FeedbackDate: toDate(FeedbackDate) } : {}) },
  };
}

/** The pages a client sees when it follows `NextToken` to the end. */
export interface CollectedPages {
  /** Number of events on each page, in order. */
  readonly pageSizes: number[];
  /** Every event, in the order received. */
  readonly events: AuthEventType[];
}

/** Lists a user's events page by page through the SDK until no `NextToken` comes back. */
export async function collectPages(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  username: string,
  maxResults: number | undefined,
): Promise<CollectedPages> {
  const pageSizes: number[] = [];
  const events: AuthEventType[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new AdminListUserAuthEventsCommand({
        UserPoolId: userPoolId,
        Username: username,
        ...(maxResults !== undefined ? { MaxResults: maxResults } : {}),
        ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
      }),
    );
    pageSizes.push(page.AuthEvents?.length ?? 0);
    events.push(...(page.AuthEvents ?? []));
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return { pageSizes, events };
}

/** The page sizes Cognito produces for `total` events at `pageSize` per page. */
export function expectedPageSizes(total: number, pageSize: number, trailingEmptyPage: boolean): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left >= pageSize) {
    sizes.push(pageSize);
    left -= pageSize;
  }
  // A last partial page; or the empty page after a full one, when that behaviour is on; or the
  // single empty page of a user without events.
  if (left > 0 || total === 0 || trailingEmptyPage) sizes.push(left);
  return sizes;
}

/** A raw JSON 1.1 call with `fetch`, to send what the SDK never would. */
export async function rawCall(
  endpoint: string,
  operation: string | undefined,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      ...(operation !== undefined ? { 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` } : {}),
      ...headers,
    },
    body,
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** A header value that passes the emulator's SigV4 presence check. */
export const FAKE_SIGV4_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=test/20261101/eu-west-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=00';

/**
 * Runs an SDK call that must fail and returns the SDK's error, so tests can look at what the
 * SDK made of the emulator's answer (name, status, fault, retry classification).
 */
export async function sdkErrorOf(action: () => Promise<unknown>): Promise<CognitoIdentityProviderServiceException> {
  try {
    await action();
  } catch (error) {
    if (error instanceof CognitoIdentityProviderServiceException) return error;
    throw error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/** The parts of an SDK error the tests compare as a whole. */
export function describeSdkError(error: CognitoIdentityProviderServiceException): {
  name: string;
  message: string;
  fault: string;
  httpStatusCode: number | undefined;
} {
  return { name: error.name, message: error.message, fault: error.$fault, httpStatusCode: error.$metadata.httpStatusCode };
}

/**
 * How the SDK's retry logic classifies an error, by the classifiers it runs itself. They read
 * only name, status and retryable trait; those are copied into the shape their parameter type
 * names (the SDK's error class types `cause` as `unknown`, which that type refuses).
 */
export function retryClassOf(error: CognitoIdentityProviderServiceException): { throttling: boolean; transient: boolean; retryableTrait: unknown } {
  const classified: Parameters<typeof isThrottlingError>[0] = {
    name: error.name,
    message: error.message,
    $metadata: error.$metadata,
    ...(error.$retryable ? { $retryable: error.$retryable } : {}),
  };
  return { throttling: isThrottlingError(classified), transient: isTransientError(classified), retryableTrait: error.$retryable };
}

/** An emulator and SDK clients shared by the tests of one file. */
export interface EmulatorFixture {
  readonly emulator: CognitoEmulator;
  /** Retries as the SDK does by default. */
  readonly client: CognitoIdentityProviderClient;
  /** Never retries, so a test sees every raw fault. */
  readonly singleAttemptClient: CognitoIdentityProviderClient;
}

/**
 * Registers hooks that start an emulator (port 0) and clients before the file's tests, reset
 * the emulator to its seed after each test, and close everything after the file.
 */
export function useEmulatorFixture(): EmulatorFixture {
  let current: EmulatorFixture | undefined;
  beforeAll(async () => {
    const emulator = await startCognitoEmulator();
    current = {
      emulator,
      client: createCognitoClient(emulator.endpoint),
      singleAttemptClient: createCognitoClient(emulator.endpoint, { maxAttempts: 1 }),
    };
  });
  afterEach(() => current?.emulator.reset());
  afterAll(async () => {
    current?.client.destroy();
    current?.singleAttemptClient.destroy();
    await current?.emulator.close();
  });
  const started = (): EmulatorFixture => {
    if (current === undefined) throw new Error('the emulator fixture is used outside a test');
    return current;
  };
  return {
    get emulator() {
      return started().emulator;
    },
    get client() {
      return started().client;
    },
    get singleAttemptClient() {
      return started().singleAttemptClient;
    },
  };
}
