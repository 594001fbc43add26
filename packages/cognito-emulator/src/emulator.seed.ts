import { generateAuthEvents, type EventPersona } from './emulator.event-generator';
import { deterministicUuid } from './emulator.prng';
import type { EmulatorAuthEvent, EmulatorPoolSummary, EmulatorUserSummary } from './emulator.types';

export { FUTURE_ENUM_VALUES } from './emulator.event-generator';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The instant the seed's histories end at, for an emulator started at `nowMs` (epoch
 * milliseconds): 00:00 UTC of that day. Every seeded timestamp is computed back from it, with no
 * other clock and no unseeded randomness, so the data is the same all day on every machine, and
 * always recent: "the last 30 days" shows events whichever day the emulator starts. Only the
 * dates move from one day to the next (ids, order, gaps and values stay), so a test that needs
 * the same dates every day injects the clock (`now` of the emulator or its store).
 *
 * @throws RangeError when `nowMs` is not a finite number.
 */
export function seedInstantOf(nowMs: number): number {
  if (!Number.isFinite(nowMs)) throw new RangeError(`The clock must give epoch milliseconds, got ${String(nowMs)}`);
  return Math.floor(nowMs / DAY_MS) * DAY_MS;
}

/** A pool with threat protection on: the auth-event operations work here. */
export const DEMO_POOL_ID = 'eu-west-1_DemoPool01';

/**
 * A second pool with threat protection on, holding another `alice` (same username, different
 * `sub`): for multi-pool setups and for checking that tokens do not cross pools.
 */
export const OTHER_POOL_ID = 'eu-west-1_OtherPool1';

/** A pool with threat protection off: every auth-event operation fails with `UserPoolAddOnNotEnabledException`. */
export const NO_THREAT_PROTECTION_POOL_ID = 'eu-west-1_NoThreat01';

/** The seeded pools. */
export const SEED_POOLS: readonly EmulatorPoolSummary[] = [
  { poolId: DEMO_POOL_ID, threatProtection: true },
  { poolId: OTHER_POOL_ID, threatProtection: true },
  { poolId: NO_THREAT_PROTECTION_POOL_ID, threatProtection: false },
];

/**
 * Users whose event counts sit on Cognito's page boundaries (pages hold at most 60 events), by
 * username. Pagination tests iterate over these.
 */
export const BOUNDARY_USER_EVENT_COUNTS: Readonly<Record<string, number>> = {
  'no-history': 0,
  'single-event': 1,
  'almost-full-page': 59,
  'full-page': 60,
  'full-page-plus-one': 61,
  'two-full-pages': 120,
  'frequent-flyer': 450,
};

/**
 * An ordinary crowd of 40 users with short histories (1 to 9 events), so tests and benchmarks
 * can read many distinct users at once, as a router's `_entities` call would.
 */
export const CROWD_USER_EVENT_COUNTS: Readonly<Record<string, number>> = Object.fromEntries(
  Array.from({ length: 40 }, (_, index) => [`crowd-${String(index + 1).padStart(2, '0')}`, ((index * 7) % 9) + 1]),
);

const SEED_PERSONAS: readonly EventPersona[] = [
  ...Object.entries(BOUNDARY_USER_EVENT_COUNTS).map(([username, eventCount]) => ({
    poolId: DEMO_POOL_ID,
    username,
    eventCount,
    gapScale: username === 'frequent-flyer' ? 0.15 : 1,
  })),
  // A commuter between London and Paris on a laptop and a phone, with the odd attack on her account.
  { poolId: DEMO_POOL_ID, username: 'alice', eventCount: 42, gapScale: 1, homeCities: ['London', 'Paris'], devices: ['Chrome 130, Mac OS X 10', 'Mobile Safari 18, iOS 18'] },
  // A quiet user: one city, one browser.
  { poolId: DEMO_POOL_ID, username: 'bob', eventCount: 12, gapScale: 2, homeCities: ['Berlin'], devices: ['Firefox 132, Windows 10'] },
  // Signs in with passkeys and sees event types this SDK has never heard of.
  { poolId: DEMO_POOL_ID, username: 'future-fiona', eventCount: 24, gapScale: 1, homeCities: ['Amsterdam'], devices: ['Safari 18, Mac OS X 10'], futureValues: true },
  ...Object.entries(CROWD_USER_EVENT_COUNTS).map(([username, eventCount]) => ({
    poolId: DEMO_POOL_ID,
    username,
    eventCount,
    gapScale: 4,
  })),
  { poolId: OTHER_POOL_ID, username: 'alice', eventCount: 6, gapScale: 3, homeCities: ['Dublin'] },
  { poolId: NO_THREAT_PROTECTION_POOL_ID, username: 'carol', eventCount: 8, gapScale: 1 },
];

/** One seeded user with a fresh copy of their events (newest first). */
export interface SeedUser extends Omit<EmulatorUserSummary, 'eventCount'> {
  /** The user's events, newest first; a new array of new objects on every call of {@link createSeedUsers}. */
  readonly events: EmulatorAuthEvent[];
}

/**
 * Builds the seed: every user with their events, which end before `seedInstantMs` (see
 * {@link seedInstantOf}). Deterministic; returns new objects every call.
 */
export function createSeedUsers(seedInstantMs: number): SeedUser[] {
  return SEED_PERSONAS.map((persona) => ({
    ...summaryOf(persona),
    events: generateAuthEvents(persona, seedInstantMs),
  }));
}

/**
 * The seeded users: pool, username, email alias, `sub` and event count. Read from the personas
 * without generating a history (the generator writes exactly `eventCount` events), so importing
 * the seed's ids costs nothing: `npm run token` imports them.
 */
export const SEED_USERS: readonly EmulatorUserSummary[] = SEED_PERSONAS.map((persona) => ({
  ...summaryOf(persona),
  eventCount: persona.eventCount,
}));

function summaryOf(persona: EventPersona): Omit<EmulatorUserSummary, 'eventCount'> {
  return {
    poolId: persona.poolId,
    username: persona.username,
    email: `${persona.username}@example.com`,
    sub: deterministicUuid('sub', persona.poolId, persona.username),
  };
}

/** Looks a seeded user up by username; throws if the seed has no such user (a typo in a test). */
export function seedUser(username: string, poolId: string = DEMO_POOL_ID): EmulatorUserSummary {
  const user = SEED_USERS.find((candidate) => candidate.username === username && candidate.poolId === poolId);
  if (!user) throw new RangeError(`The seed has no user ${username} in ${poolId}`);
  return user;
}
