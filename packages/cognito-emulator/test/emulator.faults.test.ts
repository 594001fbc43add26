import { setTimeout as delay } from 'node:timers/promises';
import {
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  UpdateAuthEventFeedbackCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { request as httpRequest } from 'node:http';
import { DEMO_POOL_ID, NO_FAULTS, startCognitoEmulator } from '../src';
import { createCognitoClient, FAKE_SIGV4_AUTHORIZATION, useEmulatorFixture } from './emulator.helpers';


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

/** One raw JSON 1.1 call over node:http, recording how the answer arrived. */
function rawListCall(endpoint: string, username = 'alice'): Promise<{ status: number; bodyChunks: number; body: unknown; headersBeforeBody: boolean }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${endpoint}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.AdminListUserAuthEvents',
        authorization: FAKE_SIGV4_AUTHORIZATION,
      },
    });
    request.once('error', reject);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      // Whether the headers arrived while the body was still to come: with a slow body they must.
      const headersBeforeBody = response.readableLength === 0;
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, bodyChunks: chunks.length, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headersBeforeBody }),
      );
    });
    request.end(JSON.stringify({ UserPoolId: DEMO_POOL_ID, Username: username, MaxResults: 5 }));
  });
}

/**
 * What a failed SDK call met at the transport: `ECONNRESET` for a cut connection, else the
 * error's name. Node's network errors come from outside Jest's sandbox, where the SDK wraps
 * them into an `Error` that keeps only their text, so the code is read from the message.
 */
function transportOutcome(error: Error): string {
  return /ECONNRESET|socket hang up/.test(error.message) ? 'ECONNRESET' : error.name;
}

/** Waits until `condition` holds, checking every 10 ms; throws after 5 s (the test would hang otherwise). */
async function until(condition: () => boolean): Promise<void> {
  for (const started = Date.now(); !condition(); await delay(10)) {
    if (Date.now() - started > 5000) throw new Error('condition not met within 5 s');
  }
}

describe('connection faults', () => {
  it('resets the connection with resetRate 1 after applying a feedback update, and logs the call as ConnectionReset', async () => {
    fixture.emulator.faults.set({ resetRate: 1, operations: ['AdminUpdateAuthEventFeedback'] });
    const [newest] = fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'alice');
    const eventId = newest?.EventId ?? '';

    const failure = await fixture.singleAttemptClient
      .send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', EventId: eventId, FeedbackValue: 'Invalid' }))
      .then(() => 'ok', transportOutcome);

    expect({
      failure,
      stored: fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'alice')[0]?.EventFeedback?.FeedbackValue,
      log: fixture.emulator.calls.list().map(({ outcome, injected, httpStatus }) => ({ outcome, injected, httpStatus })),
      inFlight: fixture.emulator.calls.inFlight,
    }).toEqual({
      failure: 'ECONNRESET',
      stored: 'Invalid',
      log: [{ outcome: 'ConnectionReset', injected: true, httpStatus: 0 }],
      inFlight: 0,
    });
  });

  it('never answers a call with hangRate 1, holds it until the client aborts, then logs it as NoAnswer with nothing left in flight', async () => {
    fixture.emulator.faults.set({ hangRate: 1 });
    const abort = new AbortController();

    const pending = fixture.singleAttemptClient.send(listAlice(), { abortSignal: abort.signal }).then(() => 'ok', (error: Error) => error.name);
    await until(() => fixture.emulator.calls.inFlight === 1);
    const whileHung = fixture.emulator.calls.list().map(({ outcome }) => outcome);
    abort.abort();
    const outcome = await pending;
    await until(() => fixture.emulator.calls.inFlight === 0);

    expect({ whileHung, outcome, log: fixture.emulator.calls.list().map(({ outcome: logged, injected, httpStatus }) => ({ logged, injected, httpStatus })) }).toEqual({
      whileHung: ['pending'],
      outcome: 'AbortError',
      log: [{ logged: 'NoAnswer', injected: true, httpStatus: 0 }],
    });
  });

  it('closes while calls hang and while a slow body is being sent', async () => {
    const faulty = await startCognitoEmulator({ faults: { hangRate: 0.5, slowBodyRate: 1, slowBodyMs: 60_000, seed: 3 } });
    const faultyClient = createCognitoClient(faulty.endpoint, { maxAttempts: 1 });
    const outcomes = [1, 2, 3, 4].map(() => faultyClient.send(listAlice()).then(() => 'answered', () => 'cut'));
    await until(() => faulty.calls.inFlight === 4);
    const kinds = faulty.calls.list().map(({ outcome }) => outcome);

    await faulty.close();
    faultyClient.destroy();
    await until(() => faulty.calls.inFlight === 0);

    // Each call was hung or sending its body slowly; close() cut them all, so every client saw its connection end.
    expect({ kinds, outcomes: await Promise.all(outcomes), inFlight: faulty.calls.inFlight }).toEqual({
      kinds: ['pending', 'pending', 'pending', 'pending'],
      outcomes: ['cut', 'cut', 'cut', 'cut'],
      inFlight: 0,
    });
  });

  it('sends the headers at once and the body in pieces over slowBodyMs, a body the SDK reads whole', async () => {
    fixture.emulator.faults.set({ slowBodyRate: 1, slowBodyMs: 200 });

    const raw = await rawListCall(fixture.emulator.endpoint);
    const viaSdk = await fixture.singleAttemptClient.send(listAlice());

    const [rawCall, sdkCall] = fixture.emulator.calls.list();
    expect({
      status: raw.status,
      headersBeforeBody: raw.headersBeforeBody,
      severalPieces: raw.bodyChunks > 1,
      events: (raw.body as { AuthEvents: unknown[] }).AuthEvents.length,
      sdkEvents: viaSdk.AuthEvents?.length,
      logged: [rawCall?.outcome, sdkCall?.outcome],
    }).toEqual({ status: 200, headersBeforeBody: true, severalPieces: true, events: 5, sdkEvents: 5, logged: ['ok', 'ok'] });
    expect(((rawCall?.endedAt ?? 0) - (rawCall?.startedAt ?? 0))).toBeGreaterThanOrEqual(190);
  });

  it('applies the connection faults only to the usernames listed, taken through POST /_emulator/faults', async () => {
    const set = await fetch(`${fixture.emulator.endpoint}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resetRate: 1, usernames: ['bob'] }),
    });
    const bob = new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'bob', MaxResults: 5 });

    const outcomes = {
      alice: await fixture.singleAttemptClient.send(listAlice()).then(() => 'ok', transportOutcome),
      bob: await fixture.singleAttemptClient.send(bob).then(() => 'ok', transportOutcome),
    };

    expect({ status: set.status, faults: fixture.emulator.faults.current(), outcomes }).toEqual({
      status: 200,
      faults: { ...NO_FAULTS, resetRate: 1, usernames: ['bob'] },
      outcomes: { alice: 'ok', bob: 'ECONNRESET' },
    });
  });

  it('reproduces a mix of all faults from its seed, and keeps the throttling sequence of a seed whatever the connection fault rates', async () => {
    const mix = { throttleRate: 0.2, internalErrorRate: 0.1, resetRate: 0.2, slowBodyRate: 0.3, slowBodyMs: 5, seed: 9 };
    fixture.emulator.faults.set(mix);
    const first = await outcomesOf(30);
    const firstLog = fixture.emulator.calls.list().map(({ outcome }) => outcome);
    fixture.emulator.calls.clear();
    fixture.emulator.faults.set(mix);
    const second = await outcomesOf(30);
    fixture.emulator.faults.set({ ...NO_FAULTS, throttleRate: 0.3, seed: 42 });
    const throttlingAlone = await outcomesOf(20);
    fixture.emulator.faults.set({ ...NO_FAULTS, throttleRate: 0.3, seed: 42, slowBodyRate: 0.5, slowBodyMs: 1 });
    const throttlingWithSlowBodies = await outcomesOf(20);

    expect(second).toEqual(first);
    expect(new Set(firstLog)).toEqual(new Set(['ok', 'TooManyRequestsException', 'InternalErrorException', 'ConnectionReset']));
    expect(throttlingWithSlowBodies).toEqual(throttlingAlone);
  });

  it('refuses connection fault settings out of range', () => {
    expect(() => fixture.emulator.faults.set({ resetRate: -0.1 })).toThrow(new RangeError('resetRate must be between 0 and 1, got -0.1'));
    expect(() => fixture.emulator.faults.set({ hangRate: 2 })).toThrow(new RangeError('hangRate must be between 0 and 1, got 2'));
    expect(() => fixture.emulator.faults.set({ slowBodyMs: -1 })).toThrow(new RangeError('slowBodyMs must be a number >= 0, got -1'));
  });
});
