import { randomUUID } from 'node:crypto';
import { createSeedUsers, SEED_POOLS, seedInstantOf } from './emulator.seed';
import { SyntheticUsers } from './emulator.synthetic-users';
import { createFeedbackToken, type EventPosition } from './emulator.tokens';
import type { EmulatorAuthEvent, EmulatorEventFeedback, EmulatorPoolSummary, EmulatorUserSummary } from './emulator.types';

/** Names the event whose feedback token a test wants. */
export interface FeedbackTokenRequest {
  /** The pool holding the user. */
  readonly userPoolId: string;
  /** Username, email alias or `sub`. */
  readonly username: string;
  /** The event to rate. */
  readonly eventId: string;
}

/** What a store holds besides the seed. */
export interface EmulatorStoreOptions {
  /**
   * Adds users `synthetic-00001` … `synthetic-<n>` to the demo pool, each with 25 to 40
   * deterministic events (see {@link SyntheticUsers}); default 0, at most 99,999.
   */
  readonly syntheticUsers?: number;
  /**
   * The clock (epoch milliseconds) read once, at construction, for the day the histories end
   * at (see `seedInstantOf`); default `Date.now`. Tests pass a fixed one so dates never move.
   */
  readonly now?: () => number;
}

/** One page read from the store. */
export interface EventPage {
  /** Copies of the events, newest first. */
  readonly events: EmulatorAuthEvent[];
  /** Whether older events follow the page. */
  readonly hasMore: boolean;
}

interface StoredUser {
  readonly poolId: string;
  readonly username: string;
  readonly email: string;
  readonly sub: string;
  /** Newest first (by `CreationDate`, then `EventId`), always. */
  events: EmulatorAuthEvent[];
}

interface StoredPool extends EmulatorPoolSummary {
  readonly users: StoredUser[];
}

/**
 * The emulator's data: pools, users and their auth events, seeded deterministically.
 *
 * Everything it returns is a copy, so a test holding an event cannot change what the API serves.
 */
export class EmulatorStore {
  private poolsById = new Map<string, StoredPool>();
  private readonly synthetic: SyntheticUsers;
  /**
   * Synthetic users read since the last reset, by ordinal. A user's history is generated on
   * first access and kept, so feedback and recorded events stick as they do for seeded users.
   */
  private syntheticById = new Map<number, StoredUser>();
  /**
   * Where every seeded history ends (epoch milliseconds): 00:00 UTC of the day the store was
   * made. Kept for the store's life, so `reset()` brings back the same data, even past midnight.
   */
  readonly seedInstantMs: number;

  /** @throws RangeError when `options.syntheticUsers` is not a whole number from 0 to 99,999. */
  constructor(options: EmulatorStoreOptions = {}) {
    this.seedInstantMs = seedInstantOf((options.now ?? Date.now)());
    this.synthetic = new SyntheticUsers(options.syntheticUsers ?? 0, this.seedInstantMs);
    this.reset();
  }

  /** Drops every change (feedback, recorded events) and returns to the seed and the generated synthetic users. */
  reset(): void {
    const seedUsers = createSeedUsers(this.seedInstantMs);
    this.poolsById = new Map(
      SEED_POOLS.map((pool) => [
        pool.poolId,
        { ...pool, users: seedUsers.filter((user) => user.poolId === pool.poolId).map((user) => ({ ...user })) },
      ]),
    );
    this.syntheticById = new Map();
  }

  /** The pools, with whether threat protection is on. */
  pools(): EmulatorPoolSummary[] {
    return [...this.poolsById.values()].map(({ poolId, threatProtection }) => ({ poolId, threatProtection }));
  }

  /**
   * Every user of every pool, with current event counts: the seeded users, then every synthetic
   * user (5000 of them make about 0.7 MB of JSON on `GET /_emulator/users`). Listing synthetic
   * users generates none of their histories.
   */
  users(): EmulatorUserSummary[] {
    return [...[...this.poolsById.values()].flatMap((pool) => pool.users.map(summarize)), ...this.syntheticSummaries()];
  }

  /** The pool with id `userPoolId`, if it exists. */
  findPool(userPoolId: string): EmulatorPoolSummary | undefined {
    const pool = this.poolsById.get(userPoolId);
    return pool ? { poolId: pool.poolId, threatProtection: pool.threatProtection } : undefined;
  }

  /** Resolves a username, an email alias or a `sub` to the user, as Cognito's `Username` parameter does. */
  findUser(userPoolId: string, usernameOrAliasOrSub: string): EmulatorUserSummary | undefined {
    const user = this.storedUser(userPoolId, usernameOrAliasOrSub);
    return user ? summarize(user) : undefined;
  }

  /**
   * The user's events, newest first, in the API's wire shape (`CreationDate` in epoch seconds).
   *
   * @throws RangeError when the pool or user does not exist (a test naming the wrong user).
   */
  eventsOf(userPoolId: string, usernameOrAliasOrSub: string): EmulatorAuthEvent[] {
    return this.requireUser(userPoolId, usernameOrAliasOrSub).events.map(copyEvent);
  }

  /** Up to `limit` events of user `sub`, starting strictly after `after` (or at the newest). */
  pageOf(userPoolId: string, sub: string, after: EventPosition | undefined, limit: number): EventPage {
    const events = this.requireUser(userPoolId, sub).events;
    const start = after === undefined ? 0 : firstIndexAfter(events, after);
    return { events: events.slice(start, start + limit).map(copyEvent), hasMore: start + limit < events.length };
  }

  /** One event of user `sub`, if it exists. */
  findEvent(userPoolId: string, sub: string, eventId: string): EmulatorAuthEvent | undefined {
    const event = this.requireUser(userPoolId, sub).events.find((candidate) => candidate.EventId === eventId);
    return event ? copyEvent(event) : undefined;
  }

  /** Sets (replaces) the feedback on an event; returns whether the event exists. */
  setFeedback(userPoolId: string, sub: string, eventId: string, feedback: EmulatorEventFeedback): boolean {
    const user = this.requireUser(userPoolId, sub);
    const index = user.events.findIndex((candidate) => candidate.EventId === eventId);
    const event = user.events[index];
    if (event === undefined) return false;
    user.events[index] = { ...event, EventFeedback: { ...feedback } };
    return true;
  }

  /**
   * The feedback token Cognito would have mailed to the user about this event.
   *
   * @throws RangeError when the pool, user or event does not exist.
   */
  feedbackTokenFor(request: FeedbackTokenRequest): string {
    const user = this.requireUser(request.userPoolId, request.username);
    if (!user.events.some((event) => event.EventId === request.eventId)) {
      throw new RangeError(`User ${user.username} in ${request.userPoolId} has no event ${request.eventId}`);
    }
    return createFeedbackToken({ userPoolId: request.userPoolId, sub: user.sub, eventId: request.eventId });
  }

  /**
   * Records a new event for the user, as if they had just signed in (newer than every stored
   * event unless `overrides.CreationDate` says otherwise). Returns a copy of the stored event.
   */
  recordEvent(userPoolId: string, usernameOrAliasOrSub: string, overrides: Partial<EmulatorAuthEvent> = {}): EmulatorAuthEvent {
    const user = this.requireUser(userPoolId, usernameOrAliasOrSub);
    const newest = user.events[0]?.CreationDate ?? 0;
    const event: EmulatorAuthEvent = {
      EventId: randomUUID(),
      EventType: 'SignIn',
      CreationDate: Math.max(Date.now() / 1000, Math.round(newest * 1000 + 1) / 1000),
      EventResponse: 'Pass',
      EventRisk: { RiskDecision: 'NoRisk', RiskLevel: 'Low', CompromisedCredentialsDetected: false },
      ChallengeResponses: [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }],
      ...overrides,
    };
    user.events = [...user.events, event].sort(compareNewestFirst);
    return copyEvent(event);
  }

  private requireUser(userPoolId: string, usernameOrAliasOrSub: string): StoredUser {
    const user = this.storedUser(userPoolId, usernameOrAliasOrSub);
    if (!user) throw new RangeError(`No user ${usernameOrAliasOrSub} in pool ${userPoolId}`);
    return user;
  }

  private storedUser(userPoolId: string, who: string): StoredUser | undefined {
    const users = this.poolsById.get(userPoolId)?.users ?? [];
    // Username, then email alias, then sub. Cognito keeps these from colliding (a pool with an
    // email alias refuses email-shaped usernames), so the order matters only for hand-made data.
    // Synthetic users come after every seeded one: their names, emails and subs cannot be
    // mistaken for a seeded user's, so this is the same order over all users.
    return (
      users.find((user) => user.username === who) ??
      users.find((user) => user.email === who) ??
      users.find((user) => user.sub === who) ??
      this.syntheticUser(userPoolId, who)
    );
  }

  private syntheticUser(userPoolId: string, who: string): StoredUser | undefined {
    const ordinal = this.synthetic.ordinalOf(userPoolId, who);
    if (ordinal === undefined) return undefined;
    const stored = this.syntheticById.get(ordinal);
    if (stored !== undefined) return stored;
    const { poolId, username, email, sub } = this.synthetic.summaryOf(ordinal);
    const user: StoredUser = { poolId, username, email, sub, events: this.synthetic.eventsOf(ordinal) };
    this.syntheticById.set(ordinal, user);
    return user;
  }

  private syntheticSummaries(): EmulatorUserSummary[] {
    return Array.from({ length: this.synthetic.count }, (_, index) => {
      const stored = this.syntheticById.get(index + 1);
      return stored === undefined ? this.synthetic.summaryOf(index + 1) : summarize(stored);
    });
  }
}

/** Newest first; equal dates fall back to the event id so the order is total. */
function compareNewestFirst(a: EmulatorAuthEvent, b: EmulatorAuthEvent): number {
  if (a.CreationDate !== b.CreationDate) return b.CreationDate - a.CreationDate;
  return a.EventId < b.EventId ? 1 : a.EventId > b.EventId ? -1 : 0;
}

function firstIndexAfter(events: readonly EmulatorAuthEvent[], position: EventPosition): number {
  const index = events.findIndex(
    (event) =>
      event.CreationDate < position.creationDate ||
      (event.CreationDate === position.creationDate && event.EventId < position.eventId),
  );
  return index === -1 ? events.length : index;
}

function summarize(user: StoredUser): EmulatorUserSummary {
  return { poolId: user.poolId, username: user.username, email: user.email, sub: user.sub, eventCount: user.events.length };
}

function copyEvent(event: EmulatorAuthEvent): EmulatorAuthEvent {
  return structuredClone(event);
}
