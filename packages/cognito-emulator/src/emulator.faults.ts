import { EmulatorServiceError } from './emulator.errors';
import { createSeededRandom, type SeededRandom } from './emulator.prng';

/** Faults the emulator injects into Cognito API calls (never into `/_emulator/` routes). */
export interface EmulatorFaults {
  /** Milliseconds added before every API response, faulted or not. */
  readonly latencyMs: number;
  /** Probability (0..1) that a matching call is answered `TooManyRequestsException`. */
  readonly throttleRate: number;
  /** Throttle every Nth matching call (N, 2N, …; `2` = every other call); 0 = off. */
  readonly throttleEvery: number;
  /** Probability (0..1) that a matching call is answered `InternalErrorException`. */
  readonly internalErrorRate: number;
  /** Fail every Nth matching call with `InternalErrorException`; 0 = off. */
  readonly internalErrorEvery: number;
  /**
   * Probability (0..1) that a matching call's connection is reset (TCP RST) instead of answered.
   * The operation runs first: a reset feedback update is applied, only its answer is lost,
   * which is the case a client cannot tell from one never applied.
   */
  readonly resetRate: number;
  /**
   * Probability (0..1) that a matching call is read and never answered, the operation not run:
   * the socket stays open until the client gives up (or the emulator closes).
   */
  readonly hangRate: number;
  /**
   * Probability (0..1) that a matching call's answer is sent slowly: the status and headers at
   * once, then the JSON body in pieces spread over `slowBodyMs`. The operation runs at once.
   */
  readonly slowBodyRate: number;
  /** Milliseconds over which a slow body is dribbled. */
  readonly slowBodyMs: number;
  /** Operations the faults (all but latency) apply to; empty = all operations. */
  readonly operations: readonly string[];
  /**
   * Usernames (exactly as sent) the faults (all but latency) apply to; empty = every
   * call. Lets a test fail one user's reads while its siblings' succeed.
   */
  readonly usernames: readonly string[];
  /** Seed of the generator behind the rates, so a run's faults can be reproduced. */
  readonly seed: number;
}

/** No faults at all: the emulator's state after start and after `reset()`. */
export const NO_FAULTS: EmulatorFaults = {
  latencyMs: 0,
  throttleRate: 0,
  throttleEvery: 0,
  internalErrorRate: 0,
  internalErrorEvery: 0,
  resetRate: 0,
  hangRate: 0,
  slowBodyRate: 0,
  slowBodyMs: 1000,
  operations: [],
  usernames: [],
  seed: 1,
};

/** What happens to a call's connection instead of (or while) answering it. */
export type TransportFault =
  /** Run the operation, then reset the connection without an answer. */
  | { readonly kind: 'reset' }
  /** Never run, never answer; the socket stays open until the client closes it. */
  | { readonly kind: 'hang' }
  /** Answer, with the body spread over `durationMs`. */
  | { readonly kind: 'slowBody'; readonly durationMs: number };

/** What to do with one call. */
export interface FaultDecision {
  /** Delay before answering. */
  readonly latencyMs: number;
  /** The injected error, if this call is to fail. */
  readonly error?: EmulatorServiceError;
  /** A connection-level fault, if any. */
  readonly transport?: TransportFault;
}

// The transport faults draw from a generator of their own, derived from the seed, so adding
// them left the throttling and internal-error sequences of every existing seed as they were.
const TRANSPORT_SEED_SALT = 0x5eed7a;

/**
 * Decides, call by call, which API calls get delayed or failed. Decisions are taken in arrival
 * order from counters and a seeded generator, both restarted by every `set()`, so the same
 * sequence of calls always meets the same faults.
 */
export class FaultInjector {
  private faults: EmulatorFaults = NO_FAULTS;
  private random: SeededRandom = createSeededRandom(NO_FAULTS.seed);
  private transportRandom: SeededRandom = createSeededRandom(NO_FAULTS.seed ^ TRANSPORT_SEED_SALT);
  private matchingCalls = 0;

  /**
   * Changes the given settings, keeping the others, and restarts counting.
   *
   * @throws RangeError naming the setting and value when one is out of range.
   */
  set(changes: Partial<EmulatorFaults>): void {
    const next = {
      ...this.faults,
      ...changes,
      operations: [...(changes.operations ?? this.faults.operations)],
      usernames: [...(changes.usernames ?? this.faults.usernames)],
    };
    checkFaults(next);
    this.faults = Object.freeze(next);
    this.random = createSeededRandom(next.seed);
    this.transportRandom = createSeededRandom(next.seed ^ TRANSPORT_SEED_SALT);
    this.matchingCalls = 0;
  }

  /** Back to {@link NO_FAULTS}. */
  reset(): void {
    this.faults = NO_FAULTS;
    this.random = createSeededRandom(NO_FAULTS.seed);
    this.transportRandom = createSeededRandom(NO_FAULTS.seed ^ TRANSPORT_SEED_SALT);
    this.matchingCalls = 0;
  }

  /** The settings in force. */
  current(): EmulatorFaults {
    return { ...this.faults, operations: [...this.faults.operations], usernames: [...this.faults.usernames] };
  }

  /** Decides the fate of one call to `operation` for `username`; call once per call, in arrival order. */
  decide(operation: string, username?: string): FaultDecision {
    const faults = this.faults;
    const latencyMs = faults.latencyMs;
    if (faults.operations.length > 0 && !faults.operations.includes(operation)) return { latencyMs };
    if (faults.usernames.length > 0 && (username === undefined || !faults.usernames.includes(username))) {
      return { latencyMs };
    }
    this.matchingCalls += 1;
    const n = this.matchingCalls;
    // Draw both numbers on every matching call, so one rate does not shift the other's sequence.
    const throttleDraw = this.random.next();
    const internalDraw = this.random.next();
    const resetDraw = this.transportRandom.next();
    const hangDraw = this.transportRandom.next();
    const slowBodyDraw = this.transportRandom.next();
    // Connection faults first: a connection that is cut or never answered carries no error.
    if (resetDraw < faults.resetRate) return { latencyMs, transport: { kind: 'reset' } };
    if (hangDraw < faults.hangRate) return { latencyMs, transport: { kind: 'hang' } };
    const slowBody: Pick<FaultDecision, 'transport'> =
      slowBodyDraw < faults.slowBodyRate ? { transport: { kind: 'slowBody', durationMs: faults.slowBodyMs } } : {};
    if ((faults.throttleEvery > 0 && n % faults.throttleEvery === 0) || throttleDraw < faults.throttleRate) {
      return { latencyMs, error: new EmulatorServiceError('TooManyRequestsException', 'Rate exceeded', true), ...slowBody };
    }
    if ((faults.internalErrorEvery > 0 && n % faults.internalErrorEvery === 0) || internalDraw < faults.internalErrorRate) {
      return { latencyMs, error: new EmulatorServiceError('InternalErrorException', 'Internal server error', true), ...slowBody };
    }
    return { latencyMs, ...slowBody };
  }
}

/**
 * Reads fault settings from untyped JSON (the `/_emulator/faults` route).
 *
 * @throws RangeError on unknown settings or values of the wrong type.
 */
export function parseFaults(input: unknown): Partial<EmulatorFaults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RangeError('Faults must be a JSON object');
  }
  const changes: { -readonly [K in keyof EmulatorFaults]?: EmulatorFaults[K] } = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'operations' || key === 'usernames') {
      if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
        throw new RangeError(`${key} must be a list of strings`);
      }
      changes[key] = value;
    } else if (isNumericFault(key)) {
      if (typeof value !== 'number') throw new RangeError(`${key} must be a number, got ${JSON.stringify(value)}`);
      changes[key] = value;
    } else {
      throw new RangeError(`Unknown fault setting ${key}`);
    }
  }
  return changes;
}

type NumericFault = Exclude<keyof EmulatorFaults, 'operations' | 'usernames'>;

const NUMERIC_FAULTS: readonly NumericFault[] = [
  'latencyMs',
  'throttleRate',
  'throttleEvery',
  'internalErrorRate',
  'internalErrorEvery',
  'resetRate',
  'hangRate',
  'slowBodyRate',
  'slowBodyMs',
  'seed',
];

function isNumericFault(key: string): key is NumericFault {
  return NUMERIC_FAULTS.some((name) => name === key);
}

function checkFaults(faults: EmulatorFaults): void {
  const rule = (ok: boolean, setting: string, expectation: string, value: unknown): void => {
    if (!ok) throw new RangeError(`${setting} must be ${expectation}, got ${JSON.stringify(value)}`);
  };
  for (const setting of ['latencyMs', 'slowBodyMs'] as const) {
    const value = faults[setting];
    rule(Number.isFinite(value) && value >= 0, setting, 'a number >= 0', value);
  }
  for (const setting of ['throttleRate', 'internalErrorRate', 'resetRate', 'hangRate', 'slowBodyRate'] as const) {
    const value = faults[setting];
    rule(Number.isFinite(value) && value >= 0 && value <= 1, setting, 'between 0 and 1', value);
  }
  for (const setting of ['throttleEvery', 'internalErrorEvery', 'seed'] as const) {
    const value = faults[setting];
    rule(Number.isSafeInteger(value) && value >= 0, setting, 'an integer >= 0', value);
  }
}
