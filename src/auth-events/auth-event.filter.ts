import type { CognitoAuthEvent } from '../cognito/cognito.client';
import { type AuthEventResponse, type AuthEventType, FeedbackValue, type RiskDecision, type RiskLevel } from './auth-event.enums';

/**
 * A validated `AuthEventFilter`: every list non-empty, `since` before `until`. Absent fields
 * do not filter. The enum values are Cognito's spellings, so matching a raw event is a lookup.
 */
export interface AuthEventFilterSpec {
  readonly eventTypes?: readonly AuthEventType[];
  readonly eventResponses?: readonly AuthEventResponse[];
  readonly riskLevels?: readonly RiskLevel[];
  readonly riskDecisions?: readonly RiskDecision[];
  readonly hasFeedback?: boolean;
  /** creationDate >= since. */
  readonly since?: Date;
  /** creationDate < until. */
  readonly until?: Date;
}

const KNOWN_FEEDBACK_VALUES: readonly string[] = Object.values(FeedbackValue);

/**
 * Whether `event`, as Cognito sent it, matches `filter`. A value the schema does not know is
 * in no list of schema values, so it never matches a list, just as the mapper shows it as null;
 * feedback of an unknown value is hidden by the mapper, so it counts as no feedback here too.
 */
export function matchesAuthEventFilter(filter: AuthEventFilterSpec, event: CognitoAuthEvent): boolean {
  if (!isListed(filter.eventTypes, event.EventType)) return false;
  if (!isListed(filter.eventResponses, event.EventResponse)) return false;
  if (!isListed(filter.riskLevels, event.EventRisk?.RiskLevel)) return false;
  if (!isListed(filter.riskDecisions, event.EventRisk?.RiskDecision)) return false;
  if (filter.hasFeedback !== undefined) {
    const feedbackValue = event.EventFeedback?.FeedbackValue;
    const shownFeedback = feedbackValue !== undefined && KNOWN_FEEDBACK_VALUES.includes(feedbackValue);
    if (shownFeedback !== filter.hasFeedback) return false;
  }
  const created = event.CreationDate?.getTime();
  if (filter.since !== undefined && (created === undefined || created < filter.since.getTime())) return false;
  if (filter.until !== undefined && (created === undefined || created >= filter.until.getTime())) return false;
  return true;
}

/**
 * One string per meaning: lists sorted and deduplicated, fields in a fixed order, dates as epoch
 * milliseconds. Cursors are bound to it, so `[PASS, FAIL]` and `[FAIL, PASS]` share cursors while
 * any other filter refuses them.
 */
export function canonicalAuthEventFilter(filter: AuthEventFilterSpec): string {
  const list = (values: readonly string[] | undefined) => (values === undefined ? null : [...new Set(values)].sort());
  return JSON.stringify([
    list(filter.eventTypes),
    list(filter.eventResponses),
    list(filter.riskLevels),
    list(filter.riskDecisions),
    filter.hasFeedback ?? null,
    filter.since?.getTime() ?? null,
    filter.until?.getTime() ?? null,
  ]);
}

function isListed(values: readonly string[] | undefined, raw: string | undefined): boolean {
  return values === undefined || (raw !== undefined && values.includes(raw));
}
