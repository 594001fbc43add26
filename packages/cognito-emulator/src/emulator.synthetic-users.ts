import { generateAuthEvents, type EventPersona } from './emulator.event-generator';
import { createSeededRandom, deterministicUuid } from './emulator.prng';
import { DEMO_POOL_ID } from './emulator.seed';
import type { EmulatorAuthEvent, EmulatorUserSummary } from './emulator.types';

/** The pool synthetic users live in, next to the seeded ones. */
export const SYNTHETIC_USER_POOL_ID = DEMO_POOL_ID;

/** The most synthetic users an emulator can hold: their usernames carry five digits. */
export const MAX_SYNTHETIC_USERS = 99_999;

/**
 * How many events a synthetic user has, both bounds inclusive: always more than a page of the
 * sizes clients usually ask for (10, 20), never a full Cognito page (60).
 */
export const SYNTHETIC_USER_EVENT_COUNTS = { min: 25, max: 40 } as const;

const USERNAME_PREFIX = 'synthetic-';
const USERNAME_DIGITS = 5;
const USERNAME_PATTERN = new RegExp(`^${USERNAME_PREFIX}(\\d{${USERNAME_DIGITS}})$`);
const EMAIL_DOMAIN = '@example.com';
const GAP_SCALES: readonly number[] = [0.5, 1, 2, 4];

/**
 * The username of the `ordinal`-th synthetic user, counting from 1: `synthetic-00001`.
 *
 * @throws RangeError when `ordinal` is not a whole number from 1 to {@link MAX_SYNTHETIC_USERS}.
 */
export function syntheticUsername(ordinal: number): string {
  if (!Number.isSafeInteger(ordinal) || ordinal < 1 || ordinal > MAX_SYNTHETIC_USERS) {
    throw new RangeError(`A synthetic user's ordinal must be a whole number from 1 to ${MAX_SYNTHETIC_USERS}, got ${String(ordinal)}`);
  }
  return `${USERNAME_PREFIX}${String(ordinal).padStart(USERNAME_DIGITS, '0')}`;
}

/**
 * The users `synthetic-00001` … `synthetic-<count>` of {@link SYNTHETIC_USER_POOL_ID}: many
 * distinct histories, for load that no cache can absorb. Each user is a pure function of their
 * ordinal (same persona seeding, `sub` and email as the seed's users), so nothing is stored here
 * but the `sub` index; events are generated on request, and the store keeps them.
 *
 * Why not in the seed: generating 5000 histories takes most of a second, and most runs of the
 * emulator read none of them.
 */
export class SyntheticUsers {
  /** How many synthetic users there are. */
  readonly count: number;
  /** Index 0 is ordinal 1. */
  private readonly subs: readonly string[];
  private readonly ordinalsBySub: ReadonlyMap<string, number>;
  private readonly personas: (EventPersona | undefined)[];

  /**
   * `seedInstantMs`: where every history ends, as the seeded users' do (see `seedInstantOf`).
   *
   * @throws RangeError when `count` is not a whole number from 0 to {@link MAX_SYNTHETIC_USERS}.
   */
  constructor(count: number, private readonly seedInstantMs: number) {
    if (!Number.isSafeInteger(count) || count < 0 || count > MAX_SYNTHETIC_USERS) {
      throw new RangeError(`syntheticUsers must be a whole number from 0 to ${MAX_SYNTHETIC_USERS}, got ${String(count)}`);
    }
    this.count = count;
    // One SHA-256 per user (about 4 µs): cheap enough to do up front, and the API looks users up by sub on every page.
    this.subs = Array.from({ length: count }, (_, index) => deterministicUuid('sub', SYNTHETIC_USER_POOL_ID, syntheticUsername(index + 1)));
    this.ordinalsBySub = new Map(this.subs.map((sub, index) => [sub, index + 1]));
    this.personas = new Array<EventPersona | undefined>(count);
  }

  /**
   * The ordinal of the user that `who` names in `userPoolId` (username, then email alias, then
   * `sub`, as Cognito's `Username` parameter resolves), or `undefined` when none does.
   */
  ordinalOf(userPoolId: string, who: string): number | undefined {
    if (userPoolId !== SYNTHETIC_USER_POOL_ID) return undefined;
    const name = who.endsWith(EMAIL_DOMAIN) ? who.slice(0, -EMAIL_DOMAIN.length) : who;
    const digits = USERNAME_PATTERN.exec(name)?.[1];
    if (digits !== undefined) {
      const ordinal = Number(digits);
      return ordinal >= 1 && ordinal <= this.count ? ordinal : undefined;
    }
    return this.ordinalsBySub.get(who);
  }

  /** Pool, username, email alias, `sub` and event count of the user with `ordinal`, before any change. */
  summaryOf(ordinal: number): EmulatorUserSummary {
    const persona = this.personaOf(ordinal);
    return {
      poolId: persona.poolId,
      username: persona.username,
      email: `${persona.username}${EMAIL_DOMAIN}`,
      sub: this.subOf(ordinal),
      eventCount: persona.eventCount,
    };
  }

  /** A new copy of the generated history of the user with `ordinal`, newest first. */
  eventsOf(ordinal: number): EmulatorAuthEvent[] {
    return generateAuthEvents(this.personaOf(ordinal), this.seedInstantMs);
  }

  private subOf(ordinal: number): string {
    const sub = this.subs[ordinal - 1];
    if (sub === undefined) throw this.noSuchUser(ordinal);
    return sub;
  }

  private personaOf(ordinal: number): EventPersona {
    const index = this.indexOf(ordinal);
    const known = this.personas[index];
    if (known !== undefined) return known;
    const username = syntheticUsername(ordinal);
    // A stream of its own, so a user's count and pace do not depend on how many users there are.
    const random = createSeededRandom(`synthetic:${SYNTHETIC_USER_POOL_ID}:${username}`);
    const persona: EventPersona = {
      poolId: SYNTHETIC_USER_POOL_ID,
      username,
      eventCount: random.integer(SYNTHETIC_USER_EVENT_COUNTS.min, SYNTHETIC_USER_EVENT_COUNTS.max),
      gapScale: random.pick(GAP_SCALES),
    };
    this.personas[index] = persona;
    return persona;
  }

  private indexOf(ordinal: number): number {
    if (!Number.isSafeInteger(ordinal) || ordinal < 1 || ordinal > this.count) throw this.noSuchUser(ordinal);
    return ordinal - 1;
  }

  private noSuchUser(ordinal: number): RangeError {
    return new RangeError(`There is no synthetic user ${String(ordinal)}; there are ${this.count}`);
  }
}
