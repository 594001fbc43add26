import { NEXT_TOKEN_RULE } from './emulator.constraints';

/** Emulator behaviour that can change at runtime (`setOptions`, `POST /_emulator/options`). */
export interface EmulatorRuntimeOptions {
  /**
   * Whether a full page that ends exactly at the user's oldest event still carries a
   * `NextToken`, whose page is then empty and carries none. Real Cognito may answer this way,
   * so clients must cope; on by default.
   */
  readonly trailingEmptyPage: boolean;
  /**
   * Pads every issued `NextToken` to at least this many characters; 0 = no padding. At most
   * 131,072, the longest `NextToken` Cognito accepts back.
   */
  readonly nextTokenMinLength: number;
}

/** The options an emulator starts with unless told otherwise. */
export const DEFAULT_RUNTIME_OPTIONS: EmulatorRuntimeOptions = {
  trailingEmptyPage: true,
  nextTokenMinLength: 0,
};

/**
 * Applies `changes` to `current` and checks the result.
 *
 * @throws RangeError naming the option and the value when one is invalid.
 */
export function mergeRuntimeOptions(current: EmulatorRuntimeOptions, changes: Partial<EmulatorRuntimeOptions>): EmulatorRuntimeOptions {
  const next = { ...current, ...changes };
  if (typeof next.trailingEmptyPage !== 'boolean') {
    throw new RangeError(`trailingEmptyPage must be true or false, got ${JSON.stringify(next.trailingEmptyPage)}`);
  }
  const length = next.nextTokenMinLength;
  if (!Number.isSafeInteger(length) || length < 0 || length > NEXT_TOKEN_RULE.maxLength) {
    throw new RangeError(`nextTokenMinLength must be an integer from 0 to ${NEXT_TOKEN_RULE.maxLength}, got ${JSON.stringify(length)}`);
  }
  return Object.freeze(next);
}

/**
 * Reads option changes from untyped JSON (the `/_emulator/options` route); values are checked
 * by {@link mergeRuntimeOptions}.
 *
 * @throws RangeError on anything but an object of known options.
 */
export function parseRuntimeOptions(input: unknown): Partial<EmulatorRuntimeOptions> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RangeError('Options must be a JSON object');
  }
  const changes: { -readonly [K in keyof EmulatorRuntimeOptions]?: EmulatorRuntimeOptions[K] } = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'trailingEmptyPage' && typeof value === 'boolean') changes.trailingEmptyPage = value;
    else if (key === 'nextTokenMinLength' && typeof value === 'number') changes.nextTokenMinLength = value;
    else throw new RangeError(`Unknown option or wrong type: ${key}`);
  }
  return changes;
}
