import { ERRORS_DOC_PATH } from './fuzz.error-codes';

/** What `npm run fuzz` was asked for. */
export interface FuzzCommandOptions {
  readonly documents: number;
  readonly seed: number;
  /**
   * The page whose table of error codes lists the codes allowed (`--errors-doc`, default
   * `docs/errors.md`), e.g. a draft of it.
   */
  readonly errorsDoc: string;
  /**
   * Settings of the fuzzed gateway on top of the fuzzer's own (`--env NAME=VALUE`, repeatable):
   * the shape a team deploys, e.g. `--env CORS_ORIGINS=https://app.example.com`.
   */
  readonly env: Readonly<Record<string, string>>;
}

/** Documents of a plain `npm run fuzz`. */
export const DEFAULT_FUZZ_DOCUMENTS = 100_000;

/**
 * Reads `node dist/tools/reliability/fuzz/main.js [--documents N] [--seed S] [--errors-doc PATH] [--env NAME=VALUE]…`.
 * Without `--seed`, a seed is drawn (and printed, so the run can be repeated).
 *
 * @throws RangeError naming the argument that is unknown or not a whole number.
 */
export function parseFuzzOptions(args: readonly string[]): FuzzCommandOptions {
  let documents = DEFAULT_FUZZ_DOCUMENTS;
  let seed = Math.floor(Math.random() * 2 ** 31);
  let errorsDoc = ERRORS_DOC_PATH;
  const env: Record<string, string> = {};
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    const value = args[index + 1];
    if (arg === '--errors-doc' && value !== undefined) {
      errorsDoc = value;
      index += 1;
      continue;
    }
    if (arg === '--env') {
      const setting = /^([A-Z][A-Z0-9_]*)=(.*)$/s.exec(value ?? '');
      if (setting === null) throw new RangeError(`--env needs NAME=VALUE, such as CORS_ORIGINS=https://app.example.com; got ${JSON.stringify(value)}`);
      env[setting[1] as string] = setting[2] as string;
      index += 1;
      continue;
    }
    if (arg !== '--documents' && arg !== '--seed') {
      throw new RangeError(`Unknown argument ${JSON.stringify(arg)}; the fuzzer takes --documents N, --seed S, --errors-doc PATH and --env NAME=VALUE`);
    }
    const number = Number(value);
    if (value === undefined || !Number.isInteger(number) || number < (arg === '--documents' ? 1 : 0) || number > 2 ** 32 - 1) {
      throw new RangeError(`${arg} needs a whole number${arg === '--documents' ? ' of at least 1' : ' from 0 to 4294967295'}; got ${JSON.stringify(value)}`);
    }
    if (arg === '--documents') documents = number;
    else seed = number;
    index += 1;
  }
  return { documents, seed, errorsDoc, env };
}
