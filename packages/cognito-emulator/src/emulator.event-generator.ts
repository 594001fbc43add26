import { createSeededRandom, deterministicUuid, type SeededRandom } from './emulator.prng';
import type {
  EmulatorAuthEvent,
  EmulatorChallengeResponse,
  EmulatorEventContextData,
  EmulatorEventFeedback,
  EmulatorEventRisk,
} from './emulator.types';

/** A place a sign-in can come from. IPs are from the documentation ranges (RFC 5737 / RFC 3849). */
interface Place {
  readonly city: string;
  readonly country: string;
  readonly timezone: string;
  readonly ipPrefix: string;
}

/** How a seeded user behaves; drives which events the generator writes for them. */
export interface EventPersona {
  /** The pool the user lives in (part of every event id's derivation). */
  readonly poolId: string;
  /** The username (seeds the user's random stream, so users do not shift each other). */
  readonly username: string;
  /** How many events to generate. */
  readonly eventCount: number;
  /** Multiplies the gaps between events: below 1 for users who sign in all the time. */
  readonly gapScale: number;
  /** Where the user normally is; undefined picks one or two places from the seed. */
  readonly homeCities?: readonly string[];
  /** The user's own devices; undefined picks some from the seed. */
  readonly devices?: readonly string[];
  /** Whether every other event carries values newer than the SDK's enums. */
  readonly futureValues?: boolean;
}

/**
 * Values newer than the SDK's enums, carried by the events of users whose persona asks for
 * them, so the gateway's handling of unknown enum values can be tested.
 */
export const FUTURE_ENUM_VALUES = {
  EventType: ['TokenRefresh', 'SignOut'],
  EventResponse: ['Throttled'],
  RiskDecision: ['Monitor'],
  RiskLevel: ['Critical'],
  ChallengeName: ['Passkey', 'WebAuthn', 'EmailOtp'],
  ChallengeResponse: ['Timeout'],
} as const;

const PLACES: readonly Place[] = [
  { city: 'London', country: 'United Kingdom', timezone: '+00:00', ipPrefix: '198.51.100.' },
  { city: 'Manchester', country: 'United Kingdom', timezone: '+00:00', ipPrefix: '198.51.100.' },
  { city: 'Dublin', country: 'Ireland', timezone: '+00:00', ipPrefix: '192.0.2.' },
  { city: 'Paris', country: 'France', timezone: '+01:00', ipPrefix: '203.0.113.' },
  { city: 'Lyon', country: 'France', timezone: '+01:00', ipPrefix: '203.0.113.' },
  { city: 'Berlin', country: 'Germany', timezone: '+01:00', ipPrefix: '192.0.2.' },
  { city: 'Munich', country: 'Germany', timezone: '+01:00', ipPrefix: '192.0.2.' },
  { city: 'Amsterdam', country: 'Netherlands', timezone: '+01:00', ipPrefix: '198.51.100.' },
  { city: 'Madrid', country: 'Spain', timezone: '+01:00', ipPrefix: '203.0.113.' },
  { city: 'Lisbon', country: 'Portugal', timezone: '+00:00', ipPrefix: '2001:db8:7c1e::' },
  { city: 'Warsaw', country: 'Poland', timezone: '+01:00', ipPrefix: '2001:db8:52a0::' },
  { city: 'Stockholm', country: 'Sweden', timezone: '+01:00', ipPrefix: '192.0.2.' },
];

const UNUSUAL_PLACES: readonly Place[] = [
  { city: 'Ashburn', country: 'United States', timezone: '-05:00', ipPrefix: '203.0.113.' },
  { city: 'Seattle', country: 'United States', timezone: '-08:00', ipPrefix: '198.51.100.' },
  { city: 'Toronto', country: 'Canada', timezone: '-05:00', ipPrefix: '192.0.2.' },
  { city: 'São Paulo', country: 'Brazil', timezone: '-03:00', ipPrefix: '203.0.113.' },
  { city: 'Singapore', country: 'Singapore', timezone: '+08:00', ipPrefix: '2001:db8:a3f0::' },
  { city: 'Tokyo', country: 'Japan', timezone: '+09:00', ipPrefix: '198.51.100.' },
  { city: 'Mumbai', country: 'India', timezone: '+05:30', ipPrefix: '192.0.2.' },
  { city: 'Sydney', country: 'Australia', timezone: '+11:00', ipPrefix: '2001:db8:e210::' },
  { city: 'Johannesburg', country: 'South Africa', timezone: '+02:00', ipPrefix: '203.0.113.' },
];

const DEVICES: readonly string[] = [
  'Chrome 130, Windows 10',
  'Edge 130, Windows 10',
  'Firefox 132, Windows 10',
  'Chrome 130, Mac OS X 10',
  'Safari 18, Mac OS X 10',
  'Firefox 132, Ubuntu',
  'Mobile Safari 18, iOS 18',
  'Chrome Mobile 130, Android 14',
  'Samsung Internet 26, Android 14',
];

const UNUSUAL_DEVICES: readonly string[] = ['HeadlessChrome 129, Linux', 'Chrome 96, Windows 7', 'Opera 114, Linux'];

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** What one scenario contributes; the generator adds id, date and context. */
interface EventDraft {
  readonly EventType: string;
  readonly EventResponse: string;
  readonly EventRisk?: EmulatorEventRisk;
  readonly ChallengeResponses: readonly EmulatorChallengeResponse[];
  /** `home`, `away` (an unusual place and device), `partial` (no device), or `none`. */
  readonly context: 'home' | 'away' | 'partial' | 'none';
  /** Whether someone is likely to have given feedback (risky events). */
  readonly feedbackLikely?: boolean;
}

const PASSWORD_OK = { ChallengeName: 'Password', ChallengeResponse: 'Success' } as const;
const PASSWORD_FAILED = { ChallengeName: 'Password', ChallengeResponse: 'Failure' } as const;
const MFA_OK = { ChallengeName: 'Mfa', ChallengeResponse: 'Success' } as const;
const MFA_FAILED = { ChallengeName: 'Mfa', ChallengeResponse: 'Failure' } as const;
const NO_RISK = { RiskDecision: 'NoRisk', RiskLevel: 'Low', CompromisedCredentialsDetected: false } as const;

type Scenario = (random: SeededRandom) => EventDraft;

function signIn(
  response: string,
  risk: EmulatorEventRisk,
  challenges: readonly EmulatorChallengeResponse[],
  context: EventDraft['context'],
): EventDraft {
  return { EventType: 'SignIn', EventResponse: response, EventRisk: risk, ChallengeResponses: challenges, context };
}

/** Weighted everyday scenarios; weights roughly follow what a consumer app's event log shows. */
const SCENARIOS: readonly (readonly [number, Scenario])[] = [
  [38, (r) => signIn('Pass', NO_RISK, r.chance(0.3) ? [PASSWORD_OK, MFA_OK] : [PASSWORD_OK], r.chance(0.15) ? 'partial' : 'home')],
  [5, () => signIn('InProgress', NO_RISK, [PASSWORD_OK], 'home')],
  [10, (r) => signIn('Fail', NO_RISK, [PASSWORD_FAILED], r.chance(0.2) ? 'partial' : 'home')],
  [4, (r) => signIn('Fail', { ...NO_RISK, RiskLevel: r.pick(['Low', 'Medium']) }, [PASSWORD_OK, MFA_FAILED], 'home')],
  // Server-side sign-ins that sent no context data.
  [3, () => signIn('Pass', NO_RISK, [PASSWORD_OK], 'none')],
  [7, (r) => accountTakeover(r)],
  [4, (r) => blocked(r)],
  [6, (r) => ({
    EventType: 'ForgotPassword',
    EventResponse: r.pick(['InProgress', 'Pass']),
    ...(r.chance(0.7) ? { EventRisk: r.chance(0.5) ? NO_RISK : { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false } } : {}),
    ChallengeResponses: [],
    context: 'home',
  })],
  [4, (r) => ({
    EventType: 'PasswordChange',
    EventResponse: r.chance(0.85) ? 'Pass' : 'Fail',
    ...(r.chance(0.6) ? { EventRisk: NO_RISK } : {}),
    ChallengeResponses: [],
    context: 'home',
  })],
  [5, (r) => ({ EventType: 'ResendCode', EventResponse: 'Pass', ChallengeResponses: [], context: r.chance(0.5) ? 'none' : 'partial' })],
];

const SCENARIO_WEIGHT = SCENARIOS.reduce((sum, [weight]) => sum + weight, 0);

/** Values newer than the SDK's enums, one scenario per value so every one of them appears. */
const FUTURE_SCENARIOS: readonly Scenario[] = [
  () => ({ EventType: 'TokenRefresh', EventResponse: 'Pass', EventRisk: NO_RISK, ChallengeResponses: [], context: 'home' }),
  () => signIn('Pass', NO_RISK, [{ ChallengeName: 'Passkey', ChallengeResponse: 'Success' }], 'home'),
  () => ({ EventType: 'SignOut', EventResponse: 'Pass', ChallengeResponses: [], context: 'home' }),
  () => ({
    ...signIn('Fail', { RiskDecision: 'Block', RiskLevel: 'Critical', CompromisedCredentialsDetected: true }, [], 'away'),
    feedbackLikely: true,
  }),
  () =>
    signIn(
      'Pass',
      { RiskDecision: 'Monitor', RiskLevel: 'Medium', CompromisedCredentialsDetected: false },
      [PASSWORD_OK, { ChallengeName: 'WebAuthn', ChallengeResponse: 'Success' }],
      'home',
    ),
  () => signIn('Throttled', NO_RISK, [PASSWORD_OK, { ChallengeName: 'EmailOtp', ChallengeResponse: 'Timeout' }], 'home'),
];

/**
 * Generates `persona.eventCount` events, newest first, ending `before` (epoch ms) and going back
 * in irregular, fractional-second steps. Pure: the same persona always yields the same events.
 */
export function generateAuthEvents(persona: EventPersona, beforeMs: number): EmulatorAuthEvent[] {
  const random = createSeededRandom(`events:${persona.poolId}:${persona.username}`);
  const homes = persona.homeCities?.map(findPlace) ?? pickSome(random, PLACES, 2);
  const devices = persona.devices ?? pickSome(random, DEVICES, 3);
  const events: EmulatorAuthEvent[] = [];
  let atMs = beforeMs - random.integer(30 * SECOND_MS, 6 * HOUR_MS);
  for (let fromNewest = 0; fromNewest < persona.eventCount; fromNewest += 1) {
    const fromOldest = persona.eventCount - 1 - fromNewest;
    const draft = chooseDraft(random, persona, fromOldest, fromNewest);
    events.push(buildEvent(random, draft, {
      eventId: deterministicUuid('event', persona.poolId, persona.username, String(fromOldest)),
      atMs,
      beforeMs,
      home: random.pick(homes),
      device: random.pick(devices),
    }));
    atMs -= nextGapMs(random, persona.gapScale);
  }
  return events;
}

function chooseDraft(random: SeededRandom, persona: EventPersona, fromOldest: number, fromNewest: number): EventDraft {
  if (fromOldest === 0) {
    // Every history starts where the account did.
    return {
      EventType: 'SignUp',
      EventResponse: 'Pass',
      ...(random.chance(0.5) ? { EventRisk: { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false } } : {}),
      ChallengeResponses: [],
      context: 'home',
    };
  }
  if (persona.futureValues === true && fromNewest % 2 === 0) {
    const scenario = FUTURE_SCENARIOS[(fromNewest / 2) % FUTURE_SCENARIOS.length] as Scenario;
    return scenario(random);
  }
  let ticket = random.next() * SCENARIO_WEIGHT;
  for (const [weight, scenario] of SCENARIOS) {
    ticket -= weight;
    if (ticket < 0) return scenario(random);
  }
  return (SCENARIOS[0] as readonly [number, Scenario])[1](random);
}

function accountTakeover(random: SeededRandom): EventDraft {
  const outcome = random.pick(['challenged', 'passed', 'failed'] as const);
  return {
    EventType: 'SignIn',
    EventResponse: { challenged: 'InProgress', passed: 'Pass', failed: 'Fail' }[outcome],
    EventRisk: { RiskDecision: 'AccountTakeover', RiskLevel: random.pick(['Medium', 'High']), CompromisedCredentialsDetected: false },
    ChallengeResponses: { challenged: [PASSWORD_OK], passed: [PASSWORD_OK, MFA_OK], failed: [PASSWORD_OK, MFA_FAILED] }[outcome],
    context: 'away',
    feedbackLikely: true,
  };
}

function blocked(random: SeededRandom): EventDraft {
  const compromised = random.chance(0.5);
  return {
    EventType: 'SignIn',
    EventResponse: 'Fail',
    EventRisk: { RiskDecision: 'Block', RiskLevel: 'High', CompromisedCredentialsDetected: compromised },
    // A compromised-credentials block happens before any challenge is answered.
    ChallengeResponses: compromised ? [] : [PASSWORD_OK],
    context: 'away',
    feedbackLikely: true,
  };
}

interface EventFrame {
  readonly eventId: string;
  readonly atMs: number;
  readonly beforeMs: number;
  readonly home: Place;
  readonly device: string;
}

function buildEvent(random: SeededRandom, draft: EventDraft, frame: EventFrame): EmulatorAuthEvent {
  const context = buildContext(random, draft.context, frame);
  const feedback = draft.feedbackLikely === true && random.chance(0.45) ? buildFeedback(random, frame) : undefined;
  return {
    EventId: frame.eventId,
    EventType: draft.EventType,
    CreationDate: frame.atMs / 1000,
    EventResponse: draft.EventResponse,
    ...(draft.EventRisk ? { EventRisk: { ...draft.EventRisk } } : {}),
    ChallengeResponses: draft.ChallengeResponses.map((challenge) => ({ ...challenge })),
    ...(context ? { EventContextData: context } : {}),
    ...(feedback ? { EventFeedback: feedback } : {}),
  };
}

function buildContext(random: SeededRandom, kind: EventDraft['context'], frame: EventFrame): EmulatorEventContextData | undefined {
  if (kind === 'none') return undefined;
  const place = kind === 'away' ? random.pick(UNUSUAL_PLACES) : frame.home;
  const ipAddress = place.ipPrefix.includes(':')
    ? `${place.ipPrefix}${random.integer(1, 0xfffe).toString(16)}`
    : `${place.ipPrefix}${random.integer(2, 254)}`;
  if (kind === 'partial') {
    return { IpAddress: ipAddress, City: place.city, Country: place.country };
  }
  return {
    IpAddress: ipAddress,
    DeviceName: kind === 'away' ? random.pick(UNUSUAL_DEVICES) : frame.device,
    Timezone: place.timezone,
    City: place.city,
    Country: place.country,
  };
}

function buildFeedback(random: SeededRandom, frame: EventFrame): EmulatorEventFeedback {
  // Feedback comes minutes to hours later, but never after the seed's "now".
  const feedbackMs = Math.min(frame.atMs + random.integer(2 * MINUTE_MS, 20 * HOUR_MS), frame.beforeMs - SECOND_MS);
  return {
    FeedbackValue: random.pick(['Valid', 'Invalid']),
    Provider: random.pick(['Admin', 'User']),
    FeedbackDate: feedbackMs / 1000,
  };
}

/** A mix of bursts (retries, MFA round-trips), ordinary days and quiet spells. */
function nextGapMs(random: SeededRandom, scale: number): number {
  const roll = random.next();
  const [min, max] = roll < 0.25 ? [3 * SECOND_MS, 5 * MINUTE_MS] : roll < 0.75 ? [20 * MINUTE_MS, 36 * HOUR_MS] : [36 * HOUR_MS, 6 * DAY_MS];
  return Math.max(1, Math.round(random.integer(min, max) * scale));
}

function findPlace(city: string): Place {
  const place = PLACES.find((candidate) => candidate.city === city);
  if (!place) throw new RangeError(`No seed place named ${city}`);
  return place;
}

function pickSome<T>(random: SeededRandom, items: readonly T[], most: number): T[] {
  const count = random.integer(1, most);
  const picked: T[] = [];
  while (picked.length < count) {
    const item = random.pick(items);
    if (!picked.includes(item)) picked.push(item);
  }
  return picked;
}
