import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Where a page of events stopped: the sort key of the last event returned. Pages continue
 * strictly after it, so a reused token starts at the same place whatever `MaxResults` says,
 * and newer events added meanwhile do not shift the page.
 */
export interface EventPosition {
  /** `CreationDate` of the last event returned (epoch seconds). */
  readonly creationDate: number;
  /** `EventId` of the last event returned (tie-break between equal dates). */
  readonly eventId: string;
}

/** What a `NextToken` is bound to. */
export interface NextTokenClaims extends EventPosition {
  /** The pool the token was issued for. */
  readonly userPoolId: string;
  /** The `sub` of the user the token was issued for (stable across username, alias and sub lookups). */
  readonly sub: string;
}

/** Which event a feedback token lets its holder rate. */
export interface FeedbackTokenSubject {
  /** The pool holding the user. */
  readonly userPoolId: string;
  /** The user's `sub`. */
  readonly sub: string;
  /** The event the token was mailed about. */
  readonly eventId: string;
}

// A fixed key: tokens must stay deterministic across runs (tests compare them and
// `feedbackTokenFor` is documented as deterministic). It guards test data, nothing secret.
const SIGNING_KEY = Buffer.from('cognito-emulator/token-signing-key/v1', 'utf8');
const TOKEN_VERSION = 1;
const PADDING_CHAR = 'A';

/**
 * Encodes claims as `base64url(payload).base64url(hmac)`, padded with `.AAAA…` to at least
 * `minLength` characters (Cognito's tokens are opaque and may be long; clients must not care).
 */
export function encodeNextToken(claims: NextTokenClaims, minLength = 0): string {
  const payload = Buffer.from(
    JSON.stringify({ v: TOKEN_VERSION, p: claims.userPoolId, s: claims.sub, t: claims.creationDate, e: claims.eventId }),
    'utf8',
  ).toString('base64url');
  const token = `${payload}.${sign('next', payload)}`;
  const missing = minLength - token.length;
  return missing <= 0 ? token : `${token}.${PADDING_CHAR.repeat(Math.max(1, missing - 1))}`;
}

/** Decodes a `NextToken`, or returns `undefined` when it is garbled, forged or not ours. */
export function decodeNextToken(token: string): NextTokenClaims | undefined {
  const [payload, signature, padding, ...rest] = token.split('.');
  if (payload === undefined || signature === undefined || rest.length > 0) return undefined;
  if (padding !== undefined && !/^A+$/.test(padding)) return undefined;
  if (!sameText(signature, sign('next', payload))) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { v, p, s, t, e } = parsed as Record<string, unknown>;
  if (v !== TOKEN_VERSION || typeof p !== 'string' || typeof s !== 'string' || typeof t !== 'number' || typeof e !== 'string') {
    return undefined;
  }
  return { userPoolId: p, sub: s, creationDate: t, eventId: e };
}

/**
 * The feedback token Cognito would mail for `subject`: an HMAC of pool, user and event, in
 * base64url (so it matches Cognito's `[A-Za-z0-9-_=.]+`).
 */
export function createFeedbackToken(subject: FeedbackTokenSubject): string {
  return sign('feedback', [subject.userPoolId, subject.sub, subject.eventId].join('\u0000'));
}

/** Whether `token` is the feedback token for `subject`, compared in constant time. */
export function isFeedbackTokenFor(token: string, subject: FeedbackTokenSubject): boolean {
  return sameText(token, createFeedbackToken(subject));
}

function sign(purpose: string, text: string): string {
  return createHmac('sha256', SIGNING_KEY).update(`${purpose}\u0000${text}`).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
