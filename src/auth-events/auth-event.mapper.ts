import type { CognitoAuthEvent } from '../cognito/cognito.client';
import {
  AuthEventResponse,
  AuthEventType,
  ChallengeName,
  ChallengeResult,
  FeedbackValue,
  RiskDecision,
  RiskLevel,
} from './auth-event.enums';
import { encodeAuthEventId } from './auth-event.id';
import {
  AuthChallengeResponse,
  AuthEvent,
  AuthEventContextData,
  AuthEventFeedback,
  AuthEventRisk,
} from './auth-event.type';
import type { UnknownValueReporter } from './unknown-value.reporter';

/** Whose history an event belongs to, as the query named them. */
export interface AuthEventOwner {
  readonly userPoolId: string;
  readonly username: string;
}

/**
 * Turns an event as Cognito sent it into the schema's `AuthEvent`. A value the schema does not
 * know becomes null (reported once), so a Cognito release never breaks a query.
 */
export function toAuthEvent(event: CognitoAuthEvent, owner: AuthEventOwner, reporter: UnknownValueReporter): AuthEvent {
  const eventId = event.EventId ?? '';
  const known = <E extends Record<string, string>>(values: E, field: string, raw: string | undefined) =>
    toKnownValue(values, field, raw, reporter);

  const risk = event.EventRisk;
  const context = event.EventContextData;
  const feedback = event.EventFeedback;
  const feedbackValue = known(FeedbackValue, 'eventFeedback.feedbackValue', feedback?.FeedbackValue);

  return Object.assign(new AuthEvent(), {
    id: encodeAuthEventId({ ...owner, eventId }),
    eventId,
    eventType: known(AuthEventType, 'eventType', event.EventType),
    creationDate: event.CreationDate ?? null,
    eventResponse: known(AuthEventResponse, 'eventResponse', event.EventResponse),
    eventRisk:
      risk === undefined
        ? null
        : Object.assign(new AuthEventRisk(), {
            riskDecision: known(RiskDecision, 'eventRisk.riskDecision', risk.RiskDecision),
            riskLevel: known(RiskLevel, 'eventRisk.riskLevel', risk.RiskLevel),
            compromisedCredentialsDetected: risk.CompromisedCredentialsDetected ?? null,
          }),
    challengeResponses: (event.ChallengeResponses ?? []).map((challenge) =>
      Object.assign(new AuthChallengeResponse(), {
        challengeName: known(ChallengeName, 'challengeResponses.challengeName', challenge.ChallengeName),
        challengeResponse: known(ChallengeResult, 'challengeResponses.challengeResponse', challenge.ChallengeResponse),
      }),
    ),
    eventContextData:
      context === undefined
        ? null
        : Object.assign(new AuthEventContextData(), {
            ipAddress: context.IpAddress ?? null,
            deviceName: context.DeviceName ?? null,
            timezone: context.Timezone ?? null,
            city: context.City ?? null,
            country: context.Country ?? null,
          }),
    // feedbackValue is non-null in the contract, so feedback of an unknown value is hidden whole.
    eventFeedback:
      feedback === undefined || feedbackValue === null
        ? null
        : Object.assign(new AuthEventFeedback(), {
            feedbackValue,
            provider: feedback.Provider ?? '',
            feedbackDate: feedback.FeedbackDate ?? null,
          }),
  });
}

function toKnownValue<E extends Record<string, string>>(
  values: E,
  field: string,
  raw: string | undefined,
  reporter: UnknownValueReporter,
): E[keyof E] | null {
  if (raw === undefined) return null;
  if ((Object.values(values) as string[]).includes(raw)) return raw as E[keyof E];
  reporter.report(field, raw);
  return null;
}
