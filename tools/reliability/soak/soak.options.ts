/** What `npm run soak -- …` was asked for. */
export interface SoakOptions {
  /** `--minutes N`: length of the whole run, warm-up (3 minutes, or 15 % of longer runs) included; at least 5. */
  readonly minutes: number;
  /** `--rate R`: GraphQL requests a second, sent at a fixed rate whatever the answers. */
  readonly requestsPerSecond: number;
  /** `--storm` / `--no-storm`: a fault storm in the middle of the run; default on from 10 minutes. */
  readonly storm: boolean;
  /** `--seed S`: seed of the storm's faults and of the traffic mix. */
  readonly seed: number;
  /** `--threshold-mib-per-hour T`: the heap slope past which the soak fails. */
  readonly thresholdMiBPerHour: number;
}

const DEFAULTS = { minutes: 30, requestsPerSecond: 40, seed: 17, thresholdMiBPerHour: 5 };

/**
 * Reads `node dist/tools/reliability/soak/soak.js [--minutes N] [--rate R] [--storm|--no-storm] [--seed S]
 * [--threshold-mib-per-hour T]`.
 *
 * @throws RangeError naming the argument when one is unknown or its value is not a positive number.
 */
export function parseSoakOptions(args: readonly string[]): SoakOptions {
  const numbers: Record<string, number> = { ...DEFAULTS };
  let storm: boolean | undefined;
  const names: Record<string, keyof typeof DEFAULTS> = {
    '--minutes': 'minutes',
    '--rate': 'requestsPerSecond',
    '--seed': 'seed',
    '--threshold-mib-per-hour': 'thresholdMiBPerHour',
  };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--storm' || arg === '--no-storm') {
      storm = arg === '--storm';
      continue;
    }
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const name = names[flag];
    if (name === undefined) throw new RangeError(`Unknown argument ${JSON.stringify(arg)}; see tools/reliability/soak/soak.options.ts`);
    const text = inline ?? args[(index += 1)];
    const value = Number(text);
    if (text === undefined || !Number.isFinite(value) || value <= 0) throw new RangeError(`${flag} needs a positive number, got ${JSON.stringify(text)}`);
    numbers[name] = value;
  }
  // A line needs points after the warm-up: a few minutes of them.
  if ((numbers.minutes as number) < 5) throw new RangeError(`--minutes must be at least 5 (3 of them warm-up), got ${numbers.minutes}`);
  return {
    minutes: numbers.minutes as number,
    requestsPerSecond: numbers.requestsPerSecond as number,
    seed: Math.floor(numbers.seed as number),
    thresholdMiBPerHour: numbers.thresholdMiBPerHour as number,
    // A storm needs calm on both sides of it to compare memory and time the recovery.
    storm: storm ?? (numbers.minutes as number) >= 10,
  };
}
