/**
 * Cognito's documented input constraints for the auth-event operations, in one place: the
 * gateway checks them before any upstream call (a `BAD_USER_INPUT` error). The emulator states
 * them on its own, as Cognito enforces them; `test/cognito/cognito-constraints.test.ts` keeps the
 * two tables equal.
 */

/** One documented constraint on a Cognito request parameter. */
export interface CognitoParameterRule {
  /** The parameter's name in Cognito's API, camel-cased as in Cognito's validation messages. */
  readonly member: string;
  /** Minimum length, counted in Unicode code points as Cognito counts them. */
  readonly minLength: number;
  /** Maximum length, counted in Unicode code points. */
  readonly maxLength: number;
  /** The whole value must match this pattern. */
  readonly pattern: RegExp;
  /** The pattern as Cognito prints it in its validation messages. */
  readonly patternSource: string;
  /** Whether the value may be echoed in an error message (usernames and tokens may not). */
  readonly sensitive: boolean;
}

/** `UserPoolId`: 1–55 characters, region prefix, underscore, id. */
export const USER_POOL_ID_RULE: CognitoParameterRule = {
  member: 'userPoolId',
  minLength: 1,
  maxLength: 55,
  pattern: /^[\w-]+_[0-9a-zA-Z]+$/,
  patternSource: '[\\w-]+_[0-9a-zA-Z]+',
  sensitive: false,
};

/** `Username`: 1–128 letters, marks, symbols, numbers or punctuation (no white space). */
export const USERNAME_RULE: CognitoParameterRule = {
  member: 'username',
  minLength: 1,
  maxLength: 128,
  pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u,
  patternSource: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+',
  sensitive: true,
};

/** `EventId`: 1–50 word characters, plus or minus signs. */
export const EVENT_ID_RULE: CognitoParameterRule = {
  member: 'eventId',
  minLength: 1,
  maxLength: 50,
  pattern: /^[\w+-]+$/,
  patternSource: '[\\w+-]+',
  sensitive: false,
};

/**
 * `FeedbackToken`: base64url-ish characters. Cognito documents no length bound; 2,048 is ours,
 * far above the tokens Cognito mails out, so an abusive value is refused before it travels.
 */
export const FEEDBACK_TOKEN_RULE: CognitoParameterRule = {
  member: 'feedbackToken',
  minLength: 1,
  maxLength: 2048,
  pattern: /^[A-Za-z0-9\-_=.]+$/,
  patternSource: '[A-Za-z0-9-_=.]+',
  sensitive: true,
};

/** `NextToken`: 1–131,072 non-white-space characters. */
export const NEXT_TOKEN_RULE: CognitoParameterRule = {
  member: 'nextToken',
  minLength: 1,
  maxLength: 131072,
  pattern: /^\S+$/,
  patternSource: '[\\S]+',
  sensitive: true,
};

/** Cognito's largest page of auth events (`MaxResults`); 0 or absent also means 60. */
export const MAX_AUTH_EVENTS_PAGE_SIZE = 60;

/** The two values `FeedbackValue` accepts, spelled as Cognito spells them. */
export const FEEDBACK_VALUES = ['Valid', 'Invalid'] as const;

/** A feedback value as Cognito spells it. */
export type CognitoFeedbackValue = (typeof FEEDBACK_VALUES)[number];

/**
 * Checks `value` against `rule` and returns the violated constraint as an AWS-style phrase
 * ("Member must have length less than or equal to 128"), or `undefined` when it satisfies it.
 */
export function findConstraintViolation(rule: CognitoParameterRule, value: string): string | undefined {
  const length = [...value].length;
  if (length < rule.minLength) {
    return `Member must have length greater than or equal to ${rule.minLength}`;
  }
  if (length > rule.maxLength) {
    return `Member must have length less than or equal to ${rule.maxLength}`;
  }
  if (!rule.pattern.test(value)) {
    return `Member must satisfy regular expression pattern: ${rule.patternSource}`;
  }
  return undefined;
}
