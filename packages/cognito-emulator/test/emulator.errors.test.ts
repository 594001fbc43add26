import {
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  UpdateAuthEventFeedbackCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DEMO_POOL_ID, NO_THREAT_PROTECTION_POOL_ID, OTHER_POOL_ID, seedUser } from '../src';
import { describeSdkError, FAKE_SIGV4_AUTHORIZATION, rawCall, retryClassOf, sdkErrorOf, useEmulatorFixture } from './emulator.helpers';


const fixture = useEmulatorFixture();

function newestEventId(username: string, poolId = DEMO_POOL_ID): string {
  const [newest] = fixture.emulator.store.eventsOf(poolId, username);
  if (!newest) throw new Error(`${username} has no events`);
  return newest.EventId;
}

describe('errors of AdminListUserAuthEvents', () => {
  it('answers an unknown pool with ResourceNotFoundException (404)', async () => {
    const error = await sdkErrorOf(() => fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: 'eu-west-1_Missing01', Username: 'alice' })));

    expect(describeSdkError(error)).toEqual({
      name: 'ResourceNotFoundException',
      message: 'User pool eu-west-1_Missing01 does not exist.',
      fault: 'client',
      httpStatusCode: 404,
    });
  });

  it('answers an unknown user with UserNotFoundException (404) without naming the user', async () => {
    const error = await sdkErrorOf(() => fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'mallory' })));

    expect(describeSdkError(error)).toEqual({ name: 'UserNotFoundException', message: 'User does not exist.', fault: 'client', httpStatusCode: 404 });
  });

  it('rejects a username breaking Cognito’s pattern without echoing it', async () => {
    const error = await sdkErrorOf(() => fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'secret name' })));

    expect(describeSdkError(error)).toEqual({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
      fault: 'client',
      httpStatusCode: 400,
    });
  });

  it('lists every violated constraint in one message, echoing only non-sensitive values', async () => {
    const error = await sdkErrorOf(() =>
      fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: 'not a pool', Username: '', MaxResults: 100, NextToken: 'has space' })),
    );

    expect(describeSdkError(error)).toEqual({
      name: 'InvalidParameterException',
      message:
        "4 validation errors detected: Value 'not a pool' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+; " +
        "Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '100' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60; " +
        "Value at 'nextToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
      fault: 'client',
      httpStatusCode: 400,
    });
  });

  it('answers missing required members with "Member must not be null"', async () => {
    const response = await rawCall(fixture.emulator.endpoint, 'AdminListUserAuthEvents', '{}', { Authorization: FAKE_SIGV4_AUTHORIZATION });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      __type: 'InvalidParameterException',
      message:
        "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'username' failed to satisfy constraint: Member must not be null",
    });
  });

  it.each([
    ['another user of the same pool', DEMO_POOL_ID, 'bob'],
    ['the namesake in another pool', OTHER_POOL_ID, 'alice'],
  ])('rejects a NextToken replayed for %s', async (_case, poolId, username) => {
    const first = await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', MaxResults: 5 }));

    const error = await sdkErrorOf(() =>
      fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: username, NextToken: first.NextToken })),
    );

    expect(describeSdkError(error)).toEqual({ name: 'InvalidParameterException', message: 'Invalid NextToken.', fault: 'client', httpStatusCode: 400 });
  });

  it('rejects a garbled NextToken with InvalidParameterException', async () => {
    const first = await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', MaxResults: 5 }));

    const error = await sdkErrorOf(() =>
      fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', NextToken: `x${first.NextToken ?? ''}` })),
    );

    expect(describeSdkError(error)).toEqual({ name: 'InvalidParameterException', message: 'Invalid NextToken.', fault: 'client', httpStatusCode: 400 });
  });
});

describe('errors shared by the three operations', () => {
  type Send = (sdk: CognitoIdentityProviderClient, poolId: string, username: string) => Promise<unknown>;
  const operations: readonly (readonly [string, Send])[] = [
    ['AdminListUserAuthEvents', (sdk, poolId, username) => sdk.send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: username }))],
    [
      'AdminUpdateAuthEventFeedback',
      (sdk, poolId, username) =>
        sdk.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: poolId, Username: username, EventId: 'event-1', FeedbackValue: 'Valid' })),
    ],
    [
      'UpdateAuthEventFeedback',
      (sdk, poolId, username) =>
        sdk.send(
          new UpdateAuthEventFeedbackCommand({ UserPoolId: poolId, Username: username, EventId: 'event-1', FeedbackToken: 'token', FeedbackValue: 'Valid' }),
        ),
    ],
  ];

  it.each(operations)('%s fails with UserPoolAddOnNotEnabledException (400) in a pool without threat protection', async (_name, send) => {
    const error = await sdkErrorOf(() => send(fixture.client, NO_THREAT_PROTECTION_POOL_ID, 'carol'));

    expect(describeSdkError(error)).toEqual({
      name: 'UserPoolAddOnNotEnabledException',
      message: 'Threat protection is not enabled for this user pool.',
      fault: 'client',
      httpStatusCode: 400,
    });
  });

  it.each(operations)('%s is throttled with TooManyRequestsException (429), which the SDK classifies as throttling', async (name, send) => {
    fixture.emulator.faults.set({ throttleEvery: 1, operations: [name] });

    const error = await sdkErrorOf(() => send(fixture.singleAttemptClient, DEMO_POOL_ID, 'alice'));

    expect(describeSdkError(error)).toEqual({ name: 'TooManyRequestsException', message: 'Rate exceeded', fault: 'client', httpStatusCode: 429 });
    // Cognito's model gives TooManyRequestsException no retryable trait, so `$retryable` stays unset;
    // the SDK recognises throttling by the error's name and the 429 status instead.
    expect(retryClassOf(error)).toEqual({ throttling: true, transient: false, retryableTrait: undefined });
  });

  it.each(operations)('%s fails with InternalErrorException (500), which the SDK classifies as transient', async (name, send) => {
    fixture.emulator.faults.set({ internalErrorEvery: 1, operations: [name] });

    const error = await sdkErrorOf(() => send(fixture.singleAttemptClient, DEMO_POOL_ID, 'alice'));

    expect(describeSdkError(error)).toEqual({ name: 'InternalErrorException', message: 'Internal server error', fault: 'server', httpStatusCode: 500 });
    expect(retryClassOf(error)).toEqual({ throttling: false, transient: true, retryableTrait: undefined });
  });

  it.each(['AdminListUserAuthEvents', 'AdminUpdateAuthEventFeedback'])('%s refuses a request without a SigV4 Authorization header (403)', async (operation) => {
    const body = JSON.stringify({ UserPoolId: DEMO_POOL_ID, Username: 'alice', EventId: newestEventId('alice'), FeedbackValue: 'Valid' });

    const response = await rawCall(fixture.emulator.endpoint, operation, body, { Authorization: 'Bearer something' });

    expect({ status: response.status, errorType: response.headers.get('x-amzn-errortype'), body: response.body }).toEqual({
      status: 403,
      errorType: 'NotAuthorizedException',
      body: { __type: 'NotAuthorizedException', message: 'Request is missing Authentication Token' },
    });
  });

  it('lets UpdateAuthEventFeedback through without a signature, its feedback token being the credential', async () => {
    const eventId = newestEventId('alice');
    const feedbackToken = fixture.emulator.store.feedbackTokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', eventId });
    const body = JSON.stringify({ UserPoolId: DEMO_POOL_ID, Username: 'alice', EventId: eventId, FeedbackToken: feedbackToken, FeedbackValue: 'Valid' });

    const response = await rawCall(fixture.emulator.endpoint, 'UpdateAuthEventFeedback', body);

    expect({ status: response.status, requestId: response.headers.get('x-amzn-requestid'), body: response.body }).toEqual({
      status: 200,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      body: {},
    });
  });
});

describe('protocol errors', () => {
  it('answers an operation it does not implement with UnknownOperationException', async () => {
    const response = await rawCall(fixture.emulator.endpoint, 'ListUsers', JSON.stringify({ UserPoolId: DEMO_POOL_ID }), {
      Authorization: FAKE_SIGV4_AUTHORIZATION,
    });

    expect({ status: response.status, errorType: response.headers.get('x-amzn-errortype'), body: response.body }).toEqual({
      status: 400,
      errorType: 'UnknownOperationException',
      body: { __type: 'UnknownOperationException', message: 'Unknown operation ListUsers' },
    });
  });

  it('answers a request without X-Amz-Target with UnknownOperationException', async () => {
    const response = await rawCall(fixture.emulator.endpoint, undefined, '{}');

    expect({ status: response.status, body: response.body }).toEqual({
      status: 400,
      body: { __type: 'UnknownOperationException', message: 'Missing X-Amz-Target header' },
    });
  });

  it('answers unparsable JSON with SerializationException', async () => {
    const response = await rawCall(fixture.emulator.endpoint, 'AdminListUserAuthEvents', '{"UserPoolId": ', { Authorization: FAKE_SIGV4_AUTHORIZATION });

    expect({ status: response.status, body: response.body }).toEqual({
      status: 400,
      body: { __type: 'SerializationException', message: 'Could not parse the request body as JSON' },
    });
  });

  it('answers a member of the wrong JSON type with SerializationException', async () => {
    const body = JSON.stringify({ UserPoolId: DEMO_POOL_ID, Username: 'alice', MaxResults: 'ten' });

    const response = await rawCall(fixture.emulator.endpoint, 'AdminListUserAuthEvents', body, { Authorization: FAKE_SIGV4_AUTHORIZATION });

    expect({ status: response.status, body: response.body }).toEqual({
      status: 400,
      body: { __type: 'SerializationException', message: 'STRING_VALUE can not be converted to an Integer' },
    });
  });

  it('accepts a signed raw request and answers in JSON 1.1 with a request id', async () => {
    const body = JSON.stringify({ UserPoolId: DEMO_POOL_ID, Username: seedUser('single-event').email });

    const response = await rawCall(fixture.emulator.endpoint, 'AdminListUserAuthEvents', body, { Authorization: FAKE_SIGV4_AUTHORIZATION });

    expect({ status: response.status, contentType: response.headers.get('content-type'), body: response.body }).toEqual({
      status: 200,
      contentType: 'application/x-amz-json-1.1',
      body: { AuthEvents: fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'single-event') },
    });
  });
});
