import {
  ChallengeName,
  ChallengeResponse,
  EventResponseType,
  EventType,
  FeedbackValueType,
  RiskDecisionType,
  RiskLevelType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  BOUNDARY_USER_EVENT_COUNTS,
  DEMO_POOL_ID,
  EmulatorStore,
  FUTURE_ENUM_VALUES,
  NO_THREAT_PROTECTION_POOL_ID,
  OTHER_POOL_ID,
  SEED_USERS,
  seedInstantOf,
  CROWD_USER_EVENT_COUNTS,
  seedUser,
  type EmulatorAuthEvent,
} from '../src';

/** The clock these tests read the seed's day from: any hour of 1 November 2026 gives the same data. */
const ON_1_NOVEMBER_2026 = () => Date.parse('2026-11-01T12:00:00.000Z');
const DAY_MS = 24 * 3600 * 1000;

const store = new EmulatorStore({ now: ON_1_NOVEMBER_2026 });
const allEvents: EmulatorAuthEvent[] = SEED_USERS.flatMap((user) => store.eventsOf(user.poolId, user.username));

function valuesSeen(pick: (event: EmulatorAuthEvent) => readonly (string | boolean | undefined)[]): Set<string | boolean> {
  return new Set(allEvents.flatMap(pick).filter((value): value is string | boolean => value !== undefined));
}

describe('the seed', () => {
  it('holds the users the tests and the demo rely on, each with an email alias and a UUID sub', () => {
    expect(SEED_USERS.map(({ poolId, username, email, eventCount }) => ({ poolId, username, email, eventCount }))).toEqual([
      ...Object.entries(BOUNDARY_USER_EVENT_COUNTS).map(([username, eventCount]) => ({ poolId: DEMO_POOL_ID, username, email: `${username}@example.com`, eventCount })),
      { poolId: DEMO_POOL_ID, username: 'alice', email: 'alice@example.com', eventCount: 42 },
      { poolId: DEMO_POOL_ID, username: 'bob', email: 'bob@example.com', eventCount: 12 },
      { poolId: DEMO_POOL_ID, username: 'future-fiona', email: 'future-fiona@example.com', eventCount: 24 },
      ...Object.entries(CROWD_USER_EVENT_COUNTS).map(([username, eventCount]) => ({ poolId: DEMO_POOL_ID, username, email: `${username}@example.com`, eventCount })),
      { poolId: OTHER_POOL_ID, username: 'alice', email: 'alice@example.com', eventCount: 6 },
      { poolId: NO_THREAT_PROTECTION_POOL_ID, username: 'carol', email: 'carol@example.com', eventCount: 8 },
    ]);
    expect(SEED_USERS.every((user) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(user.sub))).toBe(true);
    expect(new Set(SEED_USERS.map((user) => user.sub)).size).toBe(SEED_USERS.length);
  });

  it('is the same on every build for a given day, down to the millisecond', () => {
    expect(new EmulatorStore({ now: ON_1_NOVEMBER_2026 }).eventsOf(DEMO_POOL_ID, 'frequent-flyer')).toEqual(store.eventsOf(DEMO_POOL_ID, 'frequent-flyer'));
    expect(seedUser('alice').sub).toBe('2ff34ee7-3b48-4552-b9f1-a23982be70e0');
    expect(store.eventsOf(DEMO_POOL_ID, 'single-event')).toEqual([
      {
        EventId: 'ce421e63-2618-4bbc-96d0-491f03aee979',
        EventType: 'SignUp',
        CreationDate: 1793480305.883,
        EventResponse: 'Pass',
        ChallengeResponses: [],
        EventContextData: { IpAddress: '192.0.2.64', DeviceName: 'Samsung Internet 26, Android 14', Timezone: '+01:00', City: 'Berlin', Country: 'Germany' },
      },
    ]);
    expect(store.eventsOf(DEMO_POOL_ID, 'bob')[7]).toEqual({
      EventId: 'ebea5223-1d74-453c-b81b-352e37201c28',
      EventType: 'SignIn',
      CreationDate: 1792254458.863,
      EventResponse: 'Fail',
      EventRisk: { RiskDecision: 'Block', RiskLevel: 'High', CompromisedCredentialsDetected: true },
      ChallengeResponses: [],
      EventContextData: { IpAddress: '203.0.113.141', DeviceName: 'HeadlessChrome 129, Linux', Timezone: '+02:00', City: 'Johannesburg', Country: 'South Africa' },
      EventFeedback: { FeedbackValue: 'Valid', Provider: 'Admin', FeedbackDate: 1792281917.823 },
    });
  });

  it('keeps every history newest first, before the seed instant, with fractional-second timestamps', () => {
    const seedSeconds = store.seedInstantMs / 1000;
    for (const user of SEED_USERS) {
      const dates = store.eventsOf(user.poolId, user.username).map((event) => event.CreationDate);
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.every((date) => date < seedSeconds)).toBe(true);
    }
    expect(allEvents.filter((event) => !Number.isInteger(event.CreationDate)).length).toBeGreaterThan(allEvents.length * 0.9);
  });

  it('ends every history shortly before 00:00 UTC of the day the store is made, whatever the hour', () => {
    const madeAt = ['2026-12-03T00:00:00.000Z', '2026-12-03T14:07:31.000Z', '2026-12-03T23:59:59.999Z'].map((instant) => new EmulatorStore({ now: () => Date.parse(instant) }));
    const midnight = Date.parse('2026-12-03T00:00:00.000Z');
    const newestOf = (made: EmulatorStore) => (made.eventsOf(DEMO_POOL_ID, 'alice')[0]?.CreationDate ?? 0) * 1000;

    expect(madeAt.map((made) => made.seedInstantMs)).toEqual([midnight, midnight, midnight]);
    expect(madeAt[1]?.eventsOf(DEMO_POOL_ID, 'alice')).toEqual(madeAt[0]?.eventsOf(DEMO_POOL_ID, 'alice'));
    expect(madeAt[2]?.eventsOf(DEMO_POOL_ID, 'frequent-flyer')).toEqual(madeAt[0]?.eventsOf(DEMO_POOL_ID, 'frequent-flyer'));
    const newestEvents = SEED_USERS.flatMap((user) => madeAt[0]?.eventsOf(user.poolId, user.username).slice(0, 1) ?? []);
    expect(newestEvents.filter((event) => event.CreationDate * 1000 >= midnight)).toEqual([]);
    // "Shortly before": the generator puts a user's newest event 30 s to 6 h before the instant.
    expect(midnight - newestOf(madeAt[0] as EmulatorStore)).toBeLessThan(6 * 3600 * 1000);
  });

  it('moves with the calendar: a day later, the same events a day later', () => {
    const nextDay = new EmulatorStore({ now: () => ON_1_NOVEMBER_2026() + DAY_MS });
    const dayLater = (seconds: number) => (Math.round(seconds * 1000) + DAY_MS) / 1000;
    const shifted = (event: EmulatorAuthEvent): EmulatorAuthEvent => ({
      ...event,
      CreationDate: dayLater(event.CreationDate),
      ...(event.EventFeedback?.FeedbackDate === undefined ? {} : { EventFeedback: { ...event.EventFeedback, FeedbackDate: dayLater(event.EventFeedback.FeedbackDate) } }),
    });

    for (const user of SEED_USERS) {
      expect(nextDay.eventsOf(user.poolId, user.username)).toEqual(store.eventsOf(user.poolId, user.username).map(shifted));
    }
  });

  it('shows alice, bob and frequent-flyer events in the last 30 days, at any hour of any day', () => {
    // Late in the day the 30-day window starts latest, so it holds the fewest events.
    const lateInTheDay = store.seedInstantMs + DAY_MS - 1;
    const since = (lateInTheDay - 30 * DAY_MS) / 1000;
    const inTheLast30Days = (username: string) => store.eventsOf(DEMO_POOL_ID, username).filter((event) => event.CreationDate >= since).length;

    expect({ alice: inTheLast30Days('alice'), bob: inTheLast30Days('bob'), 'frequent-flyer': inTheLast30Days('frequent-flyer') }).toEqual({
      alice: 41,
      bob: 12,
      'frequent-flyer': 122,
    });
  });

  it('takes the day of the clock it is given, in UTC, and refuses a clock that gives no time', () => {
    expect(new Date(seedInstantOf(Date.parse('2026-12-03T23:30:00.000-05:00'))).toISOString()).toBe('2026-12-04T00:00:00.000Z');
    expect(() => seedInstantOf(Number.NaN)).toThrow(new RangeError('The clock must give epoch milliseconds, got NaN'));
  });

  it('covers every value of every enum the SDK knows, plus the newer values of future-fiona', () => {
    const known = (values: Record<string, string>) => new Set(Object.values(values));

    expect({
      EventType: valuesSeen((event) => [event.EventType]),
      EventResponse: valuesSeen((event) => [event.EventResponse]),
      RiskDecision: valuesSeen((event) => [event.EventRisk?.RiskDecision]),
      RiskLevel: valuesSeen((event) => [event.EventRisk?.RiskLevel]),
      ChallengeName: valuesSeen((event) => event.ChallengeResponses.map((challenge) => challenge.ChallengeName)),
      ChallengeResponse: valuesSeen((event) => event.ChallengeResponses.map((challenge) => challenge.ChallengeResponse)),
      FeedbackValue: valuesSeen((event) => [event.EventFeedback?.FeedbackValue]),
      Provider: valuesSeen((event) => [event.EventFeedback?.Provider]),
      CompromisedCredentialsDetected: valuesSeen((event) => [event.EventRisk?.CompromisedCredentialsDetected]),
    }).toEqual({
      EventType: new Set([...known(EventType), ...FUTURE_ENUM_VALUES.EventType]),
      EventResponse: new Set([...known(EventResponseType), ...FUTURE_ENUM_VALUES.EventResponse]),
      RiskDecision: new Set([...known(RiskDecisionType), ...FUTURE_ENUM_VALUES.RiskDecision]),
      RiskLevel: new Set([...known(RiskLevelType), ...FUTURE_ENUM_VALUES.RiskLevel]),
      ChallengeName: new Set([...known(ChallengeName), ...FUTURE_ENUM_VALUES.ChallengeName]),
      ChallengeResponse: new Set([...known(ChallengeResponse), ...FUTURE_ENUM_VALUES.ChallengeResponse]),
      FeedbackValue: known(FeedbackValueType),
      Provider: new Set(['Admin', 'User']),
      CompromisedCredentialsDetected: new Set([true, false]),
    });
  });

  it('keeps values newer than the SDK to future-fiona', () => {
    const future = new Set<string>(Object.values(FUTURE_ENUM_VALUES).flat());
    const usersWithFutureValues = SEED_USERS.filter((user) =>
      store.eventsOf(user.poolId, user.username).some((event) =>
        [event.EventType, event.EventResponse, event.EventRisk?.RiskDecision, event.EventRisk?.RiskLevel, ...event.ChallengeResponses.flatMap((c) => [c.ChallengeName, c.ChallengeResponse])].some(
          (value) => value !== undefined && future.has(value),
        ),
      ),
    );

    expect(usersWithFutureValues.map((user) => user.username)).toEqual(['future-fiona']);
  });

  it('mixes events with and without risk, context data, feedback, and with zero, one or two challenges', () => {
    const has = (predicate: (event: EmulatorAuthEvent) => boolean) => ({ yes: allEvents.some(predicate), no: allEvents.some((event) => !predicate(event)) });

    expect({
      risk: has((event) => event.EventRisk !== undefined),
      riskLevel: has((event) => event.EventRisk?.RiskLevel !== undefined),
      context: has((event) => event.EventContextData !== undefined),
      deviceName: has((event) => event.EventContextData?.DeviceName !== undefined),
      feedback: has((event) => event.EventFeedback !== undefined),
      challengeCounts: new Set(allEvents.map((event) => event.ChallengeResponses.length)),
    }).toEqual({
      risk: { yes: true, no: true },
      riskLevel: { yes: true, no: true },
      context: { yes: true, no: true },
      deviceName: { yes: true, no: true },
      feedback: { yes: true, no: true },
      challengeCounts: new Set([0, 1, 2]),
    });
  });

  it('gives every event a unique, Cognito-like id', () => {
    const ids = allEvents.map((event) => event.EventId);

    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))).toBe(true);
  });
});

describe('the store', () => {
  it('finds a user by username, email alias or sub', () => {
    const alice = seedUser('alice');

    expect([alice.username, alice.email, alice.sub].map((who) => store.findUser(DEMO_POOL_ID, who))).toEqual([alice, alice, alice]);
  });

  it('hands out copies, so changing a returned event changes nothing stored', () => {
    const fresh = new EmulatorStore({ now: ON_1_NOVEMBER_2026 });
    const [event] = fresh.eventsOf(DEMO_POOL_ID, 'bob');
    if (event) Object.assign(event, { EventType: 'Tampered' });

    expect(fresh.eventsOf(DEMO_POOL_ID, 'bob')[0]?.EventType).not.toBe('Tampered');
  });

  it('returns to the seed on reset', () => {
    const fresh = new EmulatorStore({ now: ON_1_NOVEMBER_2026 });
    const seeded = fresh.eventsOf(DEMO_POOL_ID, 'bob');
    fresh.recordEvent(DEMO_POOL_ID, 'bob');
    fresh.setFeedback(DEMO_POOL_ID, seedUser('bob').sub, seeded[1]?.EventId ?? '', { FeedbackValue: 'Valid', Provider: 'Admin', FeedbackDate: 1 });

    fresh.reset();

    expect(fresh.eventsOf(DEMO_POOL_ID, 'bob')).toEqual(seeded);
  });

  it('refuses to make up data for users or events that do not exist', () => {
    expect(() => store.eventsOf(DEMO_POOL_ID, 'mallory')).toThrow(new RangeError(`No user mallory in pool ${DEMO_POOL_ID}`));
    expect(() => store.feedbackTokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', eventId: 'nope' })).toThrow(
      new RangeError(`User alice in ${DEMO_POOL_ID} has no event nope`),
    );
  });
});
