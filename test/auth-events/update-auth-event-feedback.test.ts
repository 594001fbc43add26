import { DEMO_POOL_ID, NO_THREAT_PROTECTION_POOL_ID } from 'cognito-auth-events-emulator';
import { graphql } from '../__generated__';
import type { FeedbackValue } from '../__generated__/graphql';
import { AuthEventsPageQuery, UpdateAuthEventFeedbackMutation } from '../support/auth-events.operations';
import { expectedAuthEventNode } from '../support/expected-auth-events';
import { startTestStack, type TestStack } from '../support/test-stack';

/** Two updates of one event in one operation: mutation fields run one after the other. */
const TwoFeedbackUpdatesMutation = graphql(`
  mutation TwoFeedbackUpdates($first: UpdateAuthEventFeedbackInput!, $second: UpdateAuthEventFeedbackInput!) {
    first: updateAuthEventFeedback(input: $first) {
      authEvent {
        eventId
        eventFeedback {
          feedbackValue
          provider
        }
      }
    }
    second: updateAuthEventFeedback(input: $second) {
      authEvent {
        eventId
        eventFeedback {
          feedbackValue
          provider
        }
      }
    }
  }
`);

function errorsOf(response: { errors?: Array<{ message: string; extensions?: { code?: string; argumentName?: unknown } }> }) {
  return (response.errors ?? []).map((error) => ({
    code: error.extensions?.code,
    argumentName: error.extensions?.argumentName,
    message: error.message,
  }));
}

describe('updateAuthEventFeedback', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ captureLogs: true });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.emulator.reset();
  });

  const eventOf = (username: string, index: number) => {
    const event = stack.emulator.store.eventsOf(DEMO_POOL_ID, username)[index];
    if (event === undefined) throw new Error(`the seed has no event ${index} for ${username}`);
    return event;
  };

  test.each([
    ['VALID', 'Valid'],
    ['INVALID', 'Invalid'],
  ] as Array<[FeedbackValue, string]>)(
    'records %s with the feedback token Cognito mailed and returns the event as it now stands',
    async (feedbackValue, cognitoValue) => {
      const { EventId: eventId } = eventOf('alice', 3);
      const feedbackToken = stack.emulator.store.feedbackTokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', eventId });
      const before = Date.now();

      const response = await stack.execute(UpdateAuthEventFeedbackMutation, {
        input: { username: 'alice', eventId, feedbackValue, feedbackToken },
      });

      const stored = eventOf('alice', 3);
      expect(stored.EventFeedback).toEqual({ FeedbackValue: cognitoValue, Provider: 'User', FeedbackDate: expect.any(Number) });
      expect(response).toEqual({
        data: { updateAuthEventFeedback: { authEvent: expectedAuthEventNode(stored, DEMO_POOL_ID, 'alice') } },
      });
      expect((stored.EventFeedback?.FeedbackDate ?? 0) * 1000).toBeGreaterThanOrEqual(before - 1000);
      expect(stack.emulator.calls.list().map((call) => [call.operation, call.feedbackTokenPresent ?? false])).toEqual([
        ['UpdateAuthEventFeedback', true],
        ['AdminListUserAuthEvents', false],
      ]);
    },
  );

  test.each(['VALID', 'INVALID'] as FeedbackValue[])(
    'records %s through the IAM-authorized admin call when no token is given, visible to a following authEvents query',
    async (feedbackValue) => {
      const { EventId: eventId } = eventOf('bob', 0);

      const response = await stack.execute(UpdateAuthEventFeedbackMutation, {
        input: { username: 'bob', eventId, feedbackValue },
      });
      const page = await stack.execute(AuthEventsPageQuery, { username: 'bob', first: 1 });

      const expected = expectedAuthEventNode(eventOf('bob', 0), DEMO_POOL_ID, 'bob');
      expect(expected.eventFeedback).toEqual({ feedbackValue, provider: 'Admin', feedbackDate: expect.any(String) });
      expect({
        payload: response.data?.updateAuthEventFeedback?.authEvent,
        listed: page.data?.authEvents?.edges[0]?.node,
      }).toEqual({ payload: expected, listed: expected });
      expect(stack.emulator.calls.list()[0]).toMatchObject({ operation: 'AdminUpdateAuthEventFeedback', signed: true });
    },
  );

  test('a later update in the same operation sees the earlier one, because the update clears what the request had read', async () => {
    const { EventId: eventId } = eventOf('alice', 0);

    const response = await stack.execute(TwoFeedbackUpdatesMutation, {
      first: { username: 'alice', eventId, feedbackValue: 'VALID' },
      second: { username: 'alice', eventId, feedbackValue: 'INVALID' },
    });

    expect(response).toEqual({
      data: {
        first: { authEvent: { eventId, eventFeedback: { feedbackValue: 'VALID', provider: 'Admin' } } },
        second: { authEvent: { eventId, eventFeedback: { feedbackValue: 'INVALID', provider: 'Admin' } } },
      },
    });
  });

  test('succeeds with a null authEvent when the event lies beyond the scan bound', async () => {
    // frequent-flyer has 450 events; the gateway scans 5 pages of 60 by default.
    const { EventId: eventId } = eventOf('frequent-flyer', 400);

    const response = await stack.execute(UpdateAuthEventFeedbackMutation, {
      input: { username: 'frequent-flyer', eventId, feedbackValue: 'VALID' },
    });

    expect(response).toEqual({ data: { updateAuthEventFeedback: { authEvent: null } } });
    expect(eventOf('frequent-flyer', 400).EventFeedback?.FeedbackValue).toBe('Valid');
    expect(stack.emulator.calls.count('AdminListUserAuthEvents')).toBe(5);
  });

  test.each([
    [
      'a feedback token Cognito did not issue',
      () => ({ username: 'alice', eventId: eventOf('alice', 1).EventId, feedbackToken: 'bm90LWEtcmVhbC10b2tlbg' }),
      { code: 'FORBIDDEN', message: 'The feedback token was rejected: it is not valid for this user pool, user and event.' },
    ],
    [
      'a feedback token issued for another event',
      () => ({
        username: 'alice',
        eventId: eventOf('alice', 1).EventId,
        feedbackToken: stack.emulator.store.feedbackTokenFor({
          userPoolId: DEMO_POOL_ID,
          username: 'alice',
          eventId: eventOf('alice', 2).EventId,
        }),
      }),
      { code: 'FORBIDDEN', message: 'The feedback token was rejected: it is not valid for this user pool, user and event.' },
    ],
    [
      'an event the user does not have',
      () => ({ username: 'alice', eventId: 'no-such-event-0000' }),
      { code: 'NOT_FOUND', message: 'The user, user pool or event was not found.' },
    ],
    [
      'a user who does not exist',
      () => ({ username: 'nobody-by-this-name', eventId: eventOf('alice', 1).EventId }),
      { code: 'NOT_FOUND', message: 'The user, user pool or event was not found.' },
    ],
    [
      'a pool with threat protection off',
      () => ({ username: 'carol', userPoolId: NO_THREAT_PROTECTION_POOL_ID, eventId: 'any-event-id' }),
      {
        code: 'THREAT_PROTECTION_DISABLED',
        message:
          'Threat protection (advanced security) is not enabled for this user pool, so it records no authentication events.',
      },
    ],
  ])('reports %s with its documented code', async (_label, input, expected) => {
    const response = await stack.execute(UpdateAuthEventFeedbackMutation, {
      input: { feedbackValue: 'INVALID', ...input() },
    });

    expect({ data: response.data, errors: errorsOf(response) }).toEqual({
      data: { updateAuthEventFeedback: null },
      errors: [{ ...expected, argumentName: undefined }],
    });
  });

  test.each([
    ['an event id with a space', { eventId: 'bad id' }, 'input.eventId', "input.eventId 'bad id' is invalid: it must satisfy regular expression pattern: [\\w+-]+."],
    ['an event id over 50 characters', { eventId: 'e'.repeat(51) }, 'input.eventId', `input.eventId '${'e'.repeat(51)}' is invalid: it must have length less than or equal to 50.`],
    ['an empty event id', { eventId: '' }, 'input.eventId', "input.eventId '' is invalid: it must have length greater than or equal to 1."],
    ['a token with forbidden characters', { feedbackToken: 'abc/def' }, 'input.feedbackToken', 'input.feedbackToken is invalid: it must satisfy regular expression pattern: [A-Za-z0-9-_=.]+.'],
    ['an empty token', { feedbackToken: '' }, 'input.feedbackToken', 'input.feedbackToken is invalid: it must have length greater than or equal to 1.'],
    ['a username with white space', { username: 'alice smith' }, 'input.username', 'input.username is invalid: it must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+.'],
    ['a malformed pool id', { userPoolId: 'nopool' }, 'input.userPoolId', "input.userPoolId 'nopool' is invalid: it must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+."],
    ['a pool the gateway does not serve', { userPoolId: 'eu-west-1_Elsewhere1' }, 'input.userPoolId', "input.userPoolId 'eu-west-1_Elsewhere1' is not a user pool this gateway serves; omit it to use the default pool."],
  ])('rejects %s as BAD_USER_INPUT naming the field, without calling Cognito', async (_label, override, argumentName, message) => {
    const response = await stack.execute(UpdateAuthEventFeedbackMutation, {
      input: { username: 'alice', eventId: 'a-valid-event-id', feedbackValue: 'VALID', ...override },
    });

    expect(errorsOf(response)).toEqual([{ code: 'BAD_USER_INPUT', argumentName, message }]);
    expect(stack.emulator.calls.count()).toBe(0);
  });

  test('rejects an unknown feedback value before execution, without calling Cognito', async () => {
    const { status, body } = await stack.executeRaw({
      query: 'mutation ($input: UpdateAuthEventFeedbackInput!) { updateAuthEventFeedback(input: $input) { authEvent { id } } }',
      variables: { input: { username: 'alice', eventId: 'abc', feedbackValue: 'MAYBE' } },
    });

    expect({ status, codes: body.errors?.map((error) => error.extensions?.code) }).toEqual({
      // A variable that does not coerce is a GraphQL request error: 200 under application/json.
      status: 200,
      codes: ['BAD_USER_INPUT'],
    });
    expect(stack.emulator.calls.count()).toBe(0);
  });

  test('retries a throttled update, which Cognito did not apply, but never one that failed after it may have been applied', async () => {
    const { EventId: eventId } = eventOf('alice', 5);
    stack.emulator.faults.set({ throttleEvery: 1, operations: ['AdminUpdateAuthEventFeedback'] });
    const throttled = await stack.execute(UpdateAuthEventFeedbackMutation, {
      input: { username: 'alice', eventId, feedbackValue: 'VALID' },
    });
    const throttledCalls = stack.emulator.calls.count('AdminUpdateAuthEventFeedback');

    stack.emulator.calls.clear();
    stack.emulator.faults.set({ throttleEvery: 0, internalErrorEvery: 1 });
    const failed = await stack.execute(UpdateAuthEventFeedbackMutation, {
      input: { username: 'alice', eventId, feedbackValue: 'VALID' },
    });

    expect({
      throttled: errorsOf(throttled).map((error) => error.code),
      throttledCalls,
      failed: errorsOf(failed).map((error) => error.code),
      failedCalls: stack.emulator.calls.count('AdminUpdateAuthEventFeedback'),
    }).toEqual({ throttled: ['RATE_LIMITED'], throttledCalls: 3, failed: ['UPSTREAM_UNAVAILABLE'], failedCalls: 1 });
  });

  test('never writes a feedback token or username into the logs, even when Cognito rejects it', async () => {
    const feedbackToken = 'c2VjcmV0LWZlZWRiYWNrLXRva2Vu';
    await stack.execute(UpdateAuthEventFeedbackMutation, {
      input: { username: 'alice', eventId: eventOf('alice', 1).EventId, feedbackValue: 'VALID', feedbackToken },
    });
    stack.emulator.faults.set({ internalErrorEvery: 1 });
    await stack.execute(UpdateAuthEventFeedbackMutation, {
      input: { username: 'alice', eventId: eventOf('alice', 1).EventId, feedbackValue: 'VALID', feedbackToken },
    });

    expect(stack.logs()).not.toContain(feedbackToken);
    expect(stack.logs()).not.toContain('alice');
    expect(stack.logs()).toContain('Cognito is unavailable');
  });
});
