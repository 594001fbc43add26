import { AdminListUserAuthEventsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DEMO_POOL_ID, NO_FAULTS, SEED_POOLS, SEED_USERS, startCognitoEmulator } from '../src';
import { createCognitoClient, useEmulatorFixture } from './emulator.helpers';


const fixture = useEmulatorFixture();

async function admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${fixture.emulator.endpoint}${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

describe('the emulator server', () => {
  it('listens on loopback at a free port by default', () => {
    expect(fixture.emulator.endpoint).toBe(`http://127.0.0.1:${fixture.emulator.port}`);
    expect(fixture.emulator.port).toBeGreaterThan(0);
  });

  it('lists pools and users at GET /_emulator/users', async () => {
    expect(await admin('GET', '/_emulator/users')).toEqual({ status: 200, body: { pools: SEED_POOLS, users: SEED_USERS } });
  });

  it('hands out a feedback token at GET /_emulator/feedback-token', async () => {
    const [newest] = fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'alice');
    const eventId = newest?.EventId ?? '';
    const query = new URLSearchParams({ userPoolId: DEMO_POOL_ID, username: 'alice', eventId });

    expect(await admin('GET', `/_emulator/feedback-token?${query.toString()}`)).toEqual({
      status: 200,
      body: { feedbackToken: fixture.emulator.store.feedbackTokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', eventId }) },
    });
    expect(await admin('GET', '/_emulator/feedback-token?userPoolId=x')).toEqual({ status: 400, body: { error: 'Query parameter username is required' } });
  });

  it('serves a user’s stored events at GET /_emulator/events', async () => {
    expect(await admin('GET', `/_emulator/events?userPoolId=${DEMO_POOL_ID}&username=bob`)).toEqual({
      status: 200,
      body: { events: fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'bob') },
    });
  });

  it('sets, reports and resets faults over HTTP', async () => {
    const set = await admin('POST', '/_emulator/faults', { throttleEvery: 2, operations: ['AdminListUserAuthEvents'] });
    const current = fixture.emulator.faults.current();
    const reset = await admin('POST', '/_emulator/faults/reset');
    const refused = await admin('POST', '/_emulator/faults', { throttleEvery: 'often' });

    expect({ set, current, reset, refused }).toEqual({
      set: { status: 200, body: { ...NO_FAULTS, throttleEvery: 2, operations: ['AdminListUserAuthEvents'] } },
      current: { ...NO_FAULTS, throttleEvery: 2, operations: ['AdminListUserAuthEvents'] },
      reset: { status: 200, body: NO_FAULTS },
      refused: { status: 400, body: { error: 'throttleEvery must be a number, got "often"' } },
    });
  });

  it('shows and clears the call log over HTTP', async () => {
    await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice' }));

    const before = await admin('GET', '/_emulator/calls');
    const logged = fixture.emulator.calls.list();
    const cleared = await admin('POST', '/_emulator/calls/clear');
    const after = await admin('GET', '/_emulator/calls');

    expect({ before, cleared, after }).toEqual({
      before: { status: 200, body: { calls: logged, count: 1, maxConcurrency: 1, inFlight: 0 } },
      cleared: { status: 204, body: undefined },
      after: { status: 200, body: { calls: [], count: 0, maxConcurrency: 0, inFlight: 0 } },
    });
  });

  it('switches runtime options over HTTP', async () => {
    expect(await admin('POST', '/_emulator/options', { trailingEmptyPage: false })).toEqual({
      status: 200,
      body: { trailingEmptyPage: false, nextTokenMinLength: 0 },
    });
    expect(fixture.emulator.options).toEqual({ trailingEmptyPage: false, nextTokenMinLength: 0 });
  });

  it('resets data, faults, options and call log at POST /_emulator/reset', async () => {
    fixture.emulator.store.recordEvent(DEMO_POOL_ID, 'bob');
    fixture.emulator.faults.set({ latencyMs: 5 });
    fixture.emulator.setOptions({ nextTokenMinLength: 500 });

    const reset = await admin('POST', '/_emulator/reset');

    expect({
      reset,
      bobEvents: fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'bob').length,
      faults: fixture.emulator.faults.current(),
      options: fixture.emulator.options,
      calls: fixture.emulator.calls.count(),
    }).toEqual({ reset: { status: 204, body: undefined }, bobEvents: 12, faults: NO_FAULTS, options: { trailingEmptyPage: true, nextTokenMinLength: 0 }, calls: 0 });
  });

  it('answers unknown admin routes with 404 and wrong methods with 405', async () => {
    expect(await admin('GET', '/_emulator/nothing')).toEqual({ status: 404, body: { error: 'No route /_emulator/nothing' } });
    expect(await admin('GET', '/_emulator/reset')).toEqual({ status: 405, body: { error: 'Method GET not allowed' } });
  });

  it('lets a call in flight finish before close() resolves', async () => {
    const closing = await startCognitoEmulator({ faults: { latencyMs: 150 } });
    const closingClient = createCognitoClient(closing.endpoint, { maxAttempts: 1 });
    try {
      const call = closingClient.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'single-event' }));
      while (closing.calls.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));

      await closing.close();

      expect((await call).AuthEvents).toHaveLength(1);
    } finally {
      closingClient.destroy();
    }
  });
});
