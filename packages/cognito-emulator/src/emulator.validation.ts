import {
  EVENT_ID_RULE,
  FEEDBACK_TOKEN_RULE,
  FEEDBACK_VALUES,
  findConstraintViolation,
  MAX_AUTH_EVENTS_PAGE_SIZE,
  NEXT_TOKEN_RULE,
  USER_POOL_ID_RULE,
  USERNAME_RULE,
  type CognitoFeedbackValue,
  type CognitoParameterRule,
} from './emulator.constraints';
import { EmulatorServiceError } from './emulator.errors';

/** `AdminListUserAuthEvents` input after validation. */
export interface AdminListUserAuthEventsInput {
  readonly UserPoolId: string;
  readonly Username: string;
  /** 0..60; 0 and absent both mean 60. */
  readonly MaxResults?: number;
  readonly NextToken?: string;
}

/** `AdminUpdateAuthEventFeedback` input after validation. */
export interface AdminUpdateAuthEventFeedbackInput {
  readonly UserPoolId: string;
  readonly Username: string;
  readonly EventId: string;
  readonly FeedbackValue: CognitoFeedbackValue;
}

/** `UpdateAuthEventFeedback` input after validation. */
export interface UpdateAuthEventFeedbackInput extends AdminUpdateAuthEventFeedbackInput {
  readonly FeedbackToken: string;
}

/** Documented range of `MaxResults` (`QueryLimitType`). */
const MIN_MAX_RESULTS = 0;

type MemberSpec =
  | { readonly name: string; readonly kind: 'string'; readonly required: boolean; readonly rule: CognitoParameterRule }
  | { readonly name: string; readonly kind: 'enum'; readonly required: boolean; readonly label: string; readonly values: readonly string[] }
  | { readonly name: string; readonly kind: 'integer'; readonly required: boolean; readonly label: string; readonly min: number; readonly max: number };

const USER_POOL_ID = { name: 'UserPoolId', kind: 'string', required: true, rule: USER_POOL_ID_RULE } as const;
const USERNAME = { name: 'Username', kind: 'string', required: true, rule: USERNAME_RULE } as const;
const EVENT_ID = { name: 'EventId', kind: 'string', required: true, rule: EVENT_ID_RULE } as const;
const FEEDBACK_VALUE = { name: 'FeedbackValue', kind: 'enum', required: true, label: 'feedbackValue', values: FEEDBACK_VALUES } as const;

/** Parses and validates an `AdminListUserAuthEvents` body the way Cognito does. */
export function parseListUserAuthEventsInput(body: Readonly<Record<string, unknown>>): AdminListUserAuthEventsInput {
  const values = readMembers(body, [
    USER_POOL_ID,
    USERNAME,
    { name: 'MaxResults', kind: 'integer', required: false, label: 'maxResults', min: MIN_MAX_RESULTS, max: MAX_AUTH_EVENTS_PAGE_SIZE },
    { name: 'NextToken', kind: 'string', required: false, rule: NEXT_TOKEN_RULE },
  ]);
  const maxResults = values.get('MaxResults');
  const nextToken = values.get('NextToken');
  return {
    UserPoolId: requiredString(values, 'UserPoolId'),
    Username: requiredString(values, 'Username'),
    ...(typeof maxResults === 'number' ? { MaxResults: maxResults } : {}),
    ...(typeof nextToken === 'string' ? { NextToken: nextToken } : {}),
  };
}

/** Parses and validates an `AdminUpdateAuthEventFeedback` body. */
export function parseAdminUpdateAuthEventFeedbackInput(body: Readonly<Record<string, unknown>>): AdminUpdateAuthEventFeedbackInput {
  const values = readMembers(body, [USER_POOL_ID, USERNAME, EVENT_ID, FEEDBACK_VALUE]);
  return {
    UserPoolId: requiredString(values, 'UserPoolId'),
    Username: requiredString(values, 'Username'),
    EventId: requiredString(values, 'EventId'),
    FeedbackValue: feedbackValue(values),
  };
}

/** Parses and validates an `UpdateAuthEventFeedback` body. */
export function parseUpdateAuthEventFeedbackInput(body: Readonly<Record<string, unknown>>): UpdateAuthEventFeedbackInput {
  const values = readMembers(body, [
    USER_POOL_ID,
    USERNAME,
    EVENT_ID,
    { name: 'FeedbackToken', kind: 'string', required: true, rule: FEEDBACK_TOKEN_RULE },
    FEEDBACK_VALUE,
  ]);
  return {
    UserPoolId: requiredString(values, 'UserPoolId'),
    Username: requiredString(values, 'Username'),
    EventId: requiredString(values, 'EventId'),
    FeedbackToken: requiredString(values, 'FeedbackToken'),
    FeedbackValue: feedbackValue(values),
  };
}

/**
 * Reads the members in `specs` from `body`. A value of the wrong JSON type is a
 * `SerializationException` (the JSON front end rejects it before Cognito sees it); constraint
 * violations are collected into one `InvalidParameterException` in AWS's wording, with the
 * values of sensitive members left out.
 */
function readMembers(body: Readonly<Record<string, unknown>>, specs: readonly MemberSpec[]): Map<string, string | number> {
  const values = new Map<string, string | number>();
  const violations: string[] = [];
  for (const spec of specs) {
    const raw = body[spec.name];
    const label = spec.kind === 'string' ? spec.rule.member : spec.label;
    // JSON null means "not set", as it does for AWS's deserializers.
    if (raw === undefined || raw === null) {
      if (spec.required) violations.push(`Value null at '${label}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    if (spec.kind === 'integer') {
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw)) throw serializationError(raw, 'an Integer');
      if (raw < spec.min) violations.push(`Value '${raw}' at '${label}' failed to satisfy constraint: Member must have value greater than or equal to ${spec.min}`);
      else if (raw > spec.max) violations.push(`Value '${raw}' at '${label}' failed to satisfy constraint: Member must have value less than or equal to ${spec.max}`);
      values.set(spec.name, raw);
      continue;
    }
    if (typeof raw !== 'string') throw serializationError(raw, 'a String');
    if (spec.kind === 'enum') {
      if (!spec.values.includes(raw)) {
        violations.push(`Value '${raw}' at '${label}' failed to satisfy constraint: Member must satisfy enum value set: [${spec.values.join(', ')}]`);
      }
    } else {
      const violation = findConstraintViolation(spec.rule, raw);
      if (violation !== undefined) {
        const shown = spec.rule.sensitive ? 'Value' : `Value '${raw}'`;
        violations.push(`${shown} at '${label}' failed to satisfy constraint: ${violation}`);
      }
    }
    values.set(spec.name, raw);
  }
  if (violations.length > 0) {
    const count = `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected`;
    throw new EmulatorServiceError('InvalidParameterException', `${count}: ${violations.join('; ')}`);
  }
  return values;
}

/** Jackson's wording, which is what AWS's JSON front end answers with. */
function serializationError(raw: unknown, expected: string): EmulatorServiceError {
  if (Array.isArray(raw)) return new EmulatorServiceError('SerializationException', 'Start of list found where not expected');
  if (typeof raw === 'object') return new EmulatorServiceError('SerializationException', 'Start of structure or map found where not expected.');
  const token = typeof raw === 'string' ? 'STRING_VALUE' : typeof raw === 'number' ? 'NUMBER_VALUE' : raw === true ? 'TRUE_VALUE' : 'FALSE_VALUE';
  return new EmulatorServiceError('SerializationException', `${token} can not be converted to ${expected}`);
}

function requiredString(values: ReadonlyMap<string, string | number>, name: string): string {
  const value = values.get(name);
  if (typeof value !== 'string') throw new Error(`${name} passed validation without a string value`);
  return value;
}

function feedbackValue(values: ReadonlyMap<string, string | number>): CognitoFeedbackValue {
  const value = requiredString(values, 'FeedbackValue');
  const known = FEEDBACK_VALUES.find((candidate) => candidate === value);
  if (known === undefined) throw new Error('FeedbackValue passed validation with an unknown value');
  return known;
}
