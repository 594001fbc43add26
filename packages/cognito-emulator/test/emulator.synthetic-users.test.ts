import { AdminUpdateAuthEventFeedbackCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  DEMO_POOL_ID,
  EmulatorStore,
  FEEDBACK_PROVIDER,
  OTHER_POOL_ID,
  SEED_POOLS,
  SEED_USERS,
  startCognitoEmulator,
  SYNTHETIC_USER_EVENT_COUNTS,
  syntheticUsername,
  type CognitoEmulator,
} from '../src';
import { asSdkEvent, collectPages, createCognitoClient, expectedPageSizes } from './emulator.helpers';

const SYNTHETIC_USERS = 5000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let emulator: CognitoEmulator;
let twin: CognitoEmulator;
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  [emulator, twin] = await Promise.all([
    startCognitoEmulator({ syntheticUsers: SYNTHETIC_USERS }),
    startCognitoEmulator({ syntheticUsers: SYNTHETIC_USERS }),
  ]);
  client = createCognitoClient(emulator.endpoint);
});
afterEach(() => emulator.reset());
afterAll(async () => {
  client.destroy();
  await Promise.all([emulator.close(), twin.close()]);
});

describe('synthetic users', () => {
  it('follow the seeded users, in the demo pool, named synthetic-00001 onwards, each with an email alias, a UUID sub and 25 to 40 events', () => {
    const users = emulator.store.users();
    const synthetic = users.slice(SEED_USERS.length);

    expect(users.slice(0, SEED_USERS.length)).toEqual(SEED_USERS);
    expect(synthetic.map(({ poolId, username, email }) => ({ poolId, username, email }))).toEqual(
      Array.from({ length: SYNTHETIC_USERS }, (_, index) => {
        const username = `synthetic-${String(index + 1).padStart(5, '0')}`;
        return { poolId: DEMO_POOL_ID, username, email: `${username}@example.com` };
      }),
    );
    expect(synthetic.filter((user) => !UUID.test(user.sub))).toEqual([]);
    expect(new Set(users.map((user) => user.sub)).size).toBe(users.length);
    expect(new Set(synthetic.map((user) => user.eventCount))).toEqual(
      new Set(Array.from({ length: 16 }, (_, index) => SYNTHETIC_USER_EVENT_COUNTS.min + index)),
    );
  });

  it('are the same in every emulator, down to the millisecond', () => {
    const sampled = [1, 2, 2500, SYNTHETIC_USERS].map(syntheticUsername);
    const histories = sampled.map((username) => emulator.store.eventsOf(DEMO_POOL_ID, username));

    expect(sampled.map((username) => twin.store.eventsOf(DEMO_POOL_ID, username))).toEqual(histories);
    expect(histories.map((events) => events.length)).toEqual(sampled.map((username) => emulator.store.findUser(DEMO_POOL_ID, username)?.eventCount));
    expect(new Set(histories.flatMap((events) => events.map((event) => event.EventId))).size).toBe(histories.flat().length);
    expect(emulator.store.findUser(DEMO_POOL_ID, 'synthetic-00001')).toEqual({
      poolId: DEMO_POOL_ID,
      username: 'synthetic-00001',
      email: 'synthetic-00001@example.com',
      sub: 'b64f0f10-11fc-4471-8ab7-2fada1b598dd',
      eventCount: 30,
    });
  });

  it('page through the SDK like seeded users, NextToken and all', async () => {
    const username = syntheticUsername(42);
    const stored = emulator.store.eventsOf(DEMO_POOL_ID, username);

    expect(await collectPages(client, DEMO_POOL_ID, username, 10)).toEqual({
      pageSizes: expectedPageSizes(stored.length, 10, true),
      events: stored.map(asSdkEvent),
    });
  });

  it('are found by username, email alias or sub, and none past the last or outside the demo pool', () => {
    const user = emulator.store.findUser(DEMO_POOL_ID, 'synthetic-00777');
    const lookups = [user?.username, user?.email, user?.sub].map((who) => emulator.store.findUser(DEMO_POOL_ID, who ?? ''));
    const misses = ['synthetic-05001', 'synthetic-00000', 'synthetic-777', 'synthetic-05001@example.com'].map((who) =>
      emulator.store.findUser(DEMO_POOL_ID, who),
    );

    expect(lookups).toEqual([user, user, user]);
    expect(user?.username).toBe('synthetic-00777');
    expect(misses).toEqual([undefined, undefined, undefined, undefined]);
    expect(emulator.store.findUser(OTHER_POOL_ID, 'synthetic-00777')).toBeUndefined();
  });

  it('keep feedback given through the SDK, and lose it on reset', async () => {
    const username = syntheticUsername(9);
    const generated = emulator.store.eventsOf(DEMO_POOL_ID, username);
    const eventId = generated[2]?.EventId ?? '';

    await client.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: DEMO_POOL_ID, Username: username, EventId: eventId, FeedbackValue: 'Invalid' }));
    const rated = emulator.store.eventsOf(DEMO_POOL_ID, username)[2]?.EventFeedback;
    emulator.reset();

    expect(rated).toEqual({ FeedbackValue: 'Invalid', Provider: FEEDBACK_PROVIDER.admin, FeedbackDate: expect.any(Number) });
    expect(emulator.store.eventsOf(DEMO_POOL_ID, username)).toEqual(generated);
  });

  it('are listed at GET /_emulator/users after the seeded users', async () => {
    const response = await fetch(`${emulator.endpoint}/_emulator/users`);

    expect(await response.json()).toEqual({ pools: SEED_POOLS, users: emulator.store.users() });
  });

  it('get tokens that carry their sub', async () => {
    const { token } = await emulator.mintToken({ userPoolId: DEMO_POOL_ID, username: 'synthetic-04999' });
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));

    expect(payload).toMatchObject({ sub: emulator.store.findUser(DEMO_POOL_ID, 'synthetic-04999')?.sub, username: 'synthetic-04999' });
  });

  it('are none by default', () => {
    const store = new EmulatorStore();

    expect(store.users()).toEqual(SEED_USERS);
    expect(store.findUser(DEMO_POOL_ID, 'synthetic-00001')).toBeUndefined();
  });

  it('are refused in numbers that are not whole numbers from 0 to 99,999', async () => {
    const attempts = [-1, 1.5, 100_000, Number.NaN].map((syntheticUsers) => {
      try {
        return new EmulatorStore({ syntheticUsers });
      } catch (error) {
        return error instanceof RangeError ? error.message : error;
      }
    });

    expect(attempts).toEqual([
      'syntheticUsers must be a whole number from 0 to 99999, got -1',
      'syntheticUsers must be a whole number from 0 to 99999, got 1.5',
      'syntheticUsers must be a whole number from 0 to 99999, got 100000',
      'syntheticUsers must be a whole number from 0 to 99999, got NaN',
    ]);
    await expect(startCognitoEmulator({ syntheticUsers: -1 })).rejects.toThrow(RangeError);
  });
});
