import { findConstraintViolation, EVENT_ID_RULE, USER_POOL_ID_RULE, USERNAME_RULE } from '../cognito/cognito.constraints';
import { BadUserInputError } from '../errors/gateway-errors';

/** What an `AuthEvent.id` identifies. */
export interface AuthEventKey {
  readonly userPoolId: string;
  readonly username: string;
  readonly eventId: string;
}

const PREFIX = 'AuthEvent:';

/**
 * `AuthEvent:<pool>:<event id>:<username>`, base64url-encoded: opaque to clients, stable across
 * restarts, replicas and key rotation (it is an identity, not a secret), and globally unique.
 * The username goes last because it alone may contain `:`.
 */
export function encodeAuthEventId(key: AuthEventKey): string {
  return Buffer.from(`${PREFIX}${key.userPoolId}:${key.eventId}:${key.username}`, 'utf8').toString('base64url');
}

/** Reads an `AuthEvent.id`; anything else is `BAD_USER_INPUT` on `argumentName`. */
export function decodeAuthEventId(argumentName: string, id: string): AuthEventKey {
  const invalid = new BadUserInputError(argumentName, `${argumentName} is not an AuthEvent id issued by this gateway.`);
  if (id.length > 400 || !/^[A-Za-z0-9_-]+$/.test(id)) throw invalid;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX)) throw invalid;
  const [userPoolId = '', eventId = '', ...usernameParts] = text.slice(PREFIX.length).split(':');
  const key = { userPoolId, eventId, username: usernameParts.join(':') };
  if (
    findConstraintViolation(USER_POOL_ID_RULE, key.userPoolId) !== undefined ||
    findConstraintViolation(EVENT_ID_RULE, key.eventId) !== undefined ||
    findConstraintViolation(USERNAME_RULE, key.username) !== undefined
  ) {
    throw invalid;
  }
  return key;
}
