import {
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  UpdateAuthEventFeedbackCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DEMO_POOL_ID, FEEDBACK_PROVIDER, seedUser } from '../src';
import { asSdkEvent, describeSdkError, sdkErrorOf, useEmulatorFixture } from './emulator.helpers';


const fixture = useEmulatorFixture();

/** The event of `username` at `index` (0 = newest), from the store. */
function eventOf(username: string, index: number): { eventId: string; feedbackToken: string } {
  const event = fixture.emulator.store.eventsOf(DEMO_POOL_ID, username)[index];
  if (!event) throw new Error(`${username} has no event #${index}`);
  return {
    eventId: event.EventId,
    feedbackToken: fixture.emulator.store.feedbackTokenFor({ userPoolId: DEMO_POOL_ID, username, eventId: event.EventId }),
  };
}

async function listed(username: string, eventId: string): Promise<unknown> {
  const page = await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: username }));
  return page.AuthEvents?.find((event) => event.EventId === eventId);
}

describe('feedback on auth events', () => {
  it.each(['Valid', 'Invalid'] as const)('records %s given through the feedback-token path, with Provider User', async (feedbackValue) => {
    const { eventId, feedbackToken } = eventOf('alice', 3);
    const before = Date.now();

    const output = await fixture.client.send(
      new UpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', EventId: eventId, FeedbackToken: feedbackToken, FeedbackValue: feedbackValue }),
    );
    const event = await listed('alice', eventId);

    expect(output).toEqual({ $metadata: expect.any(Object) });
    const stored = fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'alice')[3];
    expect(stored?.EventFeedback).toEqual({ FeedbackValue: feedbackValue, Provider: FEEDBACK_PROVIDER.user, FeedbackDate: expect.any(Number) });
    expect(event).toEqual(stored && asSdkEvent(stored));
    expect((stored?.EventFeedback?.FeedbackDate ?? 0) * 1000).toBeGreaterThanOrEqual(before);
  });

  it.each(['Valid', 'Invalid'] as const)('records %s given through the IAM path, with Provider Admin', async (feedbackValue) => {
    const { eventId } = eventOf('bob', 0);

    const output = await fixture.client.send(
      new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: seedUser('bob').email, EventId: eventId, FeedbackValue: feedbackValue }),
    );
    const event = await listed('bob', eventId);

    expect(output).toEqual({ $metadata: expect.any(Object) });
    const stored = fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'bob')[0];
    expect(stored?.EventFeedback).toEqual({ FeedbackValue: feedbackValue, Provider: FEEDBACK_PROVIDER.admin, FeedbackDate: expect.any(Number) });
    expect(event).toEqual(stored && asSdkEvent(stored));
  });

  it('replaces earlier feedback on the same event', async () => {
    const { eventId, feedbackToken } = eventOf('alice', 0);

    await fixture.client.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', EventId: eventId, FeedbackValue: 'Invalid' }));
    await fixture.client.send(
      new UpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', EventId: eventId, FeedbackToken: feedbackToken, FeedbackValue: 'Valid' }),
    );

    expect(fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'alice')[0]?.EventFeedback).toEqual({
      FeedbackValue: 'Valid',
      Provider: 'User',
      FeedbackDate: expect.any(Number),
    });
  });

  it.each([
    ['a feedback token issued for another event of the same user', () => eventOf('alice', 1).feedbackToken, 'alice'],
    ['a feedback token issued for an event of another user', () => eventOf('bob', 0).feedbackToken, 'alice'],
    ['a garbled feedback token', () => `${eventOf('alice', 0).feedbackToken.slice(1)}A`, 'alice'],
  ])('refuses %s with NotAuthorizedException', async (_case, token, username) => {
    const { eventId } = eventOf('alice', 0);

    const error = await sdkErrorOf(() =>
      fixture.client.send(new UpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: username, EventId: eventId, FeedbackToken: token(), FeedbackValue: 'Valid' })),
    );

    expect(describeSdkError(error)).toEqual({ name: 'NotAuthorizedException', message: 'Invalid feedback token.', fault: 'client', httpStatusCode: 403 });
    expect(fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'alice')[0]?.EventFeedback).toBeUndefined();
  });

  it('refuses a user’s feedback token presented under another user’s name', async () => {
    const { eventId, feedbackToken } = eventOf('alice', 0);

    const error = await sdkErrorOf(() =>
      fixture.client.send(new UpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: 'bob', EventId: eventId, FeedbackToken: feedbackToken, FeedbackValue: 'Invalid' })),
    );

    expect(error.name).toBe('NotAuthorizedException');
  });

  it('accepts the feedback token when the user is named by email alias or sub', async () => {
    const { eventId, feedbackToken } = eventOf('alice', 2);

    await fixture.client.send(
      new UpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: seedUser('alice').sub, EventId: eventId, FeedbackToken: feedbackToken, FeedbackValue: 'Invalid' }),
    );
    await fixture.client.send(
      new UpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: seedUser('alice').email, EventId: eventId, FeedbackToken: feedbackToken, FeedbackValue: 'Valid' }),
    );

    expect(fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'alice')[2]?.EventFeedback?.FeedbackValue).toBe('Valid');
  });

  it('answers an unknown event id with ResourceNotFoundException (404)', async () => {
    const error = await sdkErrorOf(() =>
      fixture.client.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', EventId: 'no-such-event', FeedbackValue: 'Valid' })),
    );

    expect(describeSdkError(error)).toEqual({
      name: 'ResourceNotFoundException',
      message: 'Auth event no-such-event does not exist.',
      fault: 'client',
      httpStatusCode: 404,
    });
  });

  it('rejects a FeedbackValue outside Valid|Invalid and a malformed token without echoing the token', async () => {
    const { eventId } = eventOf('alice', 0);

    const error = await sdkErrorOf(() =>
      fixture.client.send(
        new UpdateAuthEventFeedbackCommand({
          UserPoolId: DEMO_POOL_ID,
          Username: 'alice',
          EventId: eventId,
          FeedbackToken: 'not/a+token',
          // A value the SDK's type forbids, sent as a caller without types would.
          FeedbackValue: 'Maybe' as 'Valid',
        }),
      ),
    );

    expect(describeSdkError(error)).toEqual({
      name: 'InvalidParameterException',
      message:
        "2 validation errors detected: Value at 'feedbackToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+; " +
        "Value 'Maybe' at 'feedbackValue' failed to satisfy constraint: Member must satisfy enum value set: [Valid, Invalid]",
      fault: 'client',
      httpStatusCode: 400,
    });
  });

  it('hands out deterministic feedback tokens in Cognito’s alphabet', () => {
    const { eventId, feedbackToken } = eventOf('alice', 0);

    expect({
      again: fixture.emulator.store.feedbackTokenFor({ userPoolId: DEMO_POOL_ID, username: seedUser('alice').email, eventId }),
      pattern: /^[A-Za-z0-9\-_=.]+$/.test(feedbackToken),
    }).toEqual({ again: feedbackToken, pattern: true });
  });
});
