import {
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  UpdateAuthEventFeedbackCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DEMO_POOL_ID, NO_FAULTS, startCognitoEmulator } from '../../src/emulator';
import { createCognitoClient, useEmulatorFixture } from './emulator.helpers';


const fixture = useEmulatorFixture();

const listAlice = (maxResults = 5) => new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', MaxResults: maxResults });

/** Sends `count` list calls one after another and returns each outcome as the SDK saw it. */
async function outcomesOf(count: number, sdk = fixture.singleAttemptClient): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < count; i += 1) {
    outcomes.push(await sdk.send(listAlice()).then(() => 'ok', (error: Error) => error.name));
  }
  return outcomes;
}

describe('fault injection', () => {
  it('throttles every other call with throttleEvery 2 and logs each call with its outcome', async () => {
    fixture.emulator.faults.set({ throttleEvery: 2 });

    const outcomes = await outcomesOf(4);

    expect(outcomes).toEqual(['ok', 'TooManyRequestsException', 'ok', 'TooManyRequestsException']);
    const entry = (sequence: number, outcome: string, injected: boolean, httpStatus: number) => ({
      sequence,
      requestId: expect.any(String),
      operation: 'AdminListUserAuthEvents',
      signed: true,
      userPoolId: DEMO_POOL_ID,
      username: 'alice',
      maxResults: 5,
      startedAt: expect.any(Number),
      endedAt: expect.any(Number),
      outcome,
      injected,
      httpStatus,
    });
    expect(fixture.emulator.calls.list()).toEqual([
      entry(1, 'ok', false, 200),
      entry(2, 'TooManyRequestsException', true, 429),
      entry(3, 'ok', false, 200),
      entry(4, 'TooManyRequestsException', true, 429),
    ]);
  });

  it('fails every third call with InternalErrorException when internalErrorEvery is 3', async () => {
    fixture.emulator.faults.set({ internalErrorEvery: 3 });

    expect(await outcomesOf(6)).toEqual(['ok', 'ok', 'InternalErrorException', 'ok', 'ok', 'InternalErrorException']);
  });

  it('lets the SDK retry a throttled call, which the log shows as two upstream calls', async () => {
    fixture.emulator.faults.set({ throttleEvery: 2 });
    await fixture.client.send(listAlice());

    const retried = await fixture.client.send(listAlice());

    expect(retried.$metadata.attempts).toBe(2);
    expect(fixture.emulator.calls.list().map(({ outcome, injected }) => ({ outcome, injected }))).toEqual([
      { outcome: 'ok', injected: false },
      { outcome: 'TooManyRequestsException', injected: true },
      { outcome: 'ok', injected: false },
    ]);
  });

  it('injects faults only into the operations listed', async () => {
    fixture.emulator.faults.set({ throttleEvery: 1, operations: ['AdminUpdateAuthEventFeedback'] });
    const [newest] = fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'alice');

    const list = await fixture.singleAttemptClient.send(listAlice()).then(() => 'ok', (error: Error) => error.name);
    const feedback = await fixture.singleAttemptClient
      .send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', EventId: newest?.EventId, FeedbackValue: 'Valid' }))
      .then(() => 'ok', (error: Error) => error.name);

    expect({ list, feedback }).toEqual({ list: 'ok', feedback: 'TooManyRequestsException' });
  });

  it('reproduces the same faults from the same seed and rate', async () => {
    fixture.emulator.faults.set({ throttleRate: 0.3, internalErrorRate: 0.2, seed: 42 });
    const first = await outcomesOf(20);

    fixture.emulator.faults.set({ seed: 42 });
    const second = await outcomesOf(20);

    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'TooManyRequestsException', 'InternalErrorException']));
  });

  it('delays answers by latencyMs and records how many calls overlapped', async () => {
    fixture.emulator.faults.set({ latencyMs: 120 });

    await Promise.all([1, 2, 3, 4, 5].map(() => fixture.client.send(listAlice())));

    const durations = fixture.emulator.calls.list().map((call) => (call.endedAt ?? 0) - call.startedAt);
    expect({ count: fixture.emulator.calls.count(), maxConcurrency: fixture.emulator.calls.maxConcurrency, inFlight: fixture.emulator.calls.inFlight }).toEqual({
      count: 5,
      maxConcurrency: 5,
      inFlight: 0,
    });
    expect(Math.min(...durations)).toBeGreaterThanOrEqual(110);
  });

  it('reports the settings in force and refuses out-of-range ones', () => {
    fixture.emulator.faults.set({ throttleRate: 0.25, operations: ['AdminListUserAuthEvents'] });

    expect(fixture.emulator.faults.current()).toEqual({ ...NO_FAULTS, throttleRate: 0.25, operations: ['AdminListUserAuthEvents'] });
    expect(() => fixture.emulator.faults.set({ throttleRate: 1.5 })).toThrow(new RangeError('throttleRate must be between 0 and 1, got 1.5'));
    expect(() => fixture.emulator.faults.set({ throttleEvery: 0.5 })).toThrow(new RangeError('throttleEvery must be an integer >= 0, got 0.5'));
  });

  it('starts with the faults given at start and returns to them on reset', async () => {
    const faulty = await startCognitoEmulator({ faults: { throttleEvery: 1 } });
    const faultyClient = createCognitoClient(faulty.endpoint, { maxAttempts: 1 });
    try {
      faulty.faults.reset();
      faulty.reset();

      const outcome = await faultyClient.send(listAlice()).then(() => 'ok', (error: Error) => error.name);

      expect({ outcome, faults: faulty.faults.current() }).toEqual({ outcome: 'TooManyRequestsException', faults: { ...NO_FAULTS, throttleEvery: 1 } });
    } finally {
      faultyClient.destroy();
      await faulty.close();
    }
  });
});

describe('the call log', () => {
  it('records that a feedback token was sent without recording the token', async () => {
    const [newest] = fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'bob');
    const eventId = newest?.EventId ?? '';
    const feedbackToken = fixture.emulator.store.feedbackTokenFor({ userPoolId: DEMO_POOL_ID, username: 'bob', eventId });

    await fixture.client.send(new UpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: 'bob', EventId: eventId, FeedbackToken: feedbackToken, FeedbackValue: 'Invalid' }));

    expect(fixture.emulator.calls.list()).toEqual([
      {
        sequence: 1,
        requestId: expect.any(String),
        operation: 'UpdateAuthEventFeedback',
        signed: false,
        userPoolId: DEMO_POOL_ID,
        username: 'bob',
        eventId,
        feedbackValue: 'Invalid',
        feedbackTokenPresent: true,
        startedAt: expect.any(Number),
        endedAt: expect.any(Number),
        outcome: 'ok',
        injected: false,
        httpStatus: 200,
      },
    ]);
    expect(JSON.stringify(fixture.emulator.calls.list())).not.toContain(feedbackToken);
  });

  it('records the NextToken sent, so tests can follow a client’s paging', async () => {
    const first = await fixture.client.send(listAlice(10));
    await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', NextToken: first.NextToken }));

    expect(fixture.emulator.calls.list().map(({ maxResults, nextToken }) => ({ maxResults, nextToken }))).toEqual([
      { maxResults: 10, nextToken: undefined },
      { maxResults: undefined, nextToken: first.NextToken },
    ]);
  });

  it('counts calls per operation and starts over on clear', async () => {
    await fixture.client.send(listAlice());
    await fixture.client.send(listAlice());
    const [newest] = fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'alice');
    await fixture.client.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', EventId: newest?.EventId, FeedbackValue: 'Valid' }));
    const before = { all: fixture.emulator.calls.count(), lists: fixture.emulator.calls.count('AdminListUserAuthEvents'), maxConcurrency: fixture.emulator.calls.maxConcurrency };

    fixture.emulator.calls.clear();
    await fixture.client.send(listAlice());

    expect(before).toEqual({ all: 3, lists: 2, maxConcurrency: 1 });
    expect(fixture.emulator.calls.list().map(({ sequence, operation }) => ({ sequence, operation }))).toEqual([{ sequence: 1, operation: 'AdminListUserAuthEvents' }]);
  });
});
