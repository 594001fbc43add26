import {
  type CognitoParameterRule,
  EVENT_ID_RULE,
  FEEDBACK_TOKEN_RULE,
  findConstraintViolation,
  USER_POOL_ID_RULE,
  USERNAME_RULE,
} from '../cognito/cognito.constraints';
import { BadUserInputError } from '../errors/gateway-errors';

/**
 * Checks arguments against Cognito's documented constraints before anything is sent upstream.
 * Each error names the argument and the rule, and echoes the value only when it is not
 * sensitive (user names and tokens never are echoed).
 */

/** The pools this gateway serves. */
export interface UserPoolPolicy {
  readonly userPoolIds: readonly string[];
  readonly defaultUserPoolId: string;
}

/** Returns `username` if it satisfies Cognito's rule; throws `BAD_USER_INPUT` otherwise. */
export function assertValidUsername(argumentName: string, username: string): string {
  return assertRule(argumentName, USERNAME_RULE, username);
}

/** Returns `eventId` if it satisfies Cognito's rule; throws `BAD_USER_INPUT` otherwise. */
export function assertValidEventId(argumentName: string, eventId: string): string {
  return assertRule(argumentName, EVENT_ID_RULE, eventId);
}

/** Returns `feedbackToken` if it satisfies Cognito's rule; throws `BAD_USER_INPUT` otherwise. */
export function assertValidFeedbackToken(argumentName: string, feedbackToken: string): string {
  return assertRule(argumentName, FEEDBACK_TOKEN_RULE, feedbackToken);
}

/**
 * The pool to use: the default when none is given, else the given one if it is well-formed
 * and served by this gateway.
 */
export function resolveUserPoolId(
  argumentName: string,
  userPoolId: string | null | undefined,
  policy: UserPoolPolicy,
): string {
  if (userPoolId === null || userPoolId === undefined) return policy.defaultUserPoolId;
  assertRule(argumentName, USER_POOL_ID_RULE, userPoolId);
  if (!policy.userPoolIds.includes(userPoolId)) {
    throw new BadUserInputError(
      argumentName,
      `${argumentName} '${userPoolId}' is not a user pool this gateway serves; omit it to use the default pool.`,
    );
  }
  return userPoolId;
}

/** Returns `first` (or its default) if it is within 0..max; throws `BAD_USER_INPUT` otherwise. */
export function resolveFirst(first: number | null | undefined, defaultFirst: number, maxFirst: number): number {
  if (first === null || first === undefined) return defaultFirst;
  if (!Number.isInteger(first) || first < 0 || first > maxFirst) {
    throw new BadUserInputError('first', `first must be a whole number from 0 to ${maxFirst}; received ${first}.`);
  }
  return first;
}

function assertRule(argumentName: string, rule: CognitoParameterRule, value: string): string {
  const violation = findConstraintViolation(rule, value);
  if (violation === undefined) return value;
  const shown = rule.sensitive ? '' : ` '${value.length > 80 ? `${value.slice(0, 80)}…` : value}'`;
  throw new BadUserInputError(argumentName, `${argumentName}${shown} is invalid: ${violation.replace(/^Member must/, 'it must')}.`);
}
