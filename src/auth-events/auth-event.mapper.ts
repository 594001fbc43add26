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
 *
 * Each field is worked out when a query reads it, not before: a history view selecting four
 * fields of ten events builds no id, risk, context or feedback object it does not show.
 */
export function toAuthEvent(event: CognitoAuthEvent, owner: AuthEventOwner, reporter: UnknownValueReporter): AuthEvent {
  return new AuthEventView(event, owner, reporter);
}

/** An `AuthEvent` read from Cognito's event on demand (see {@link toAuthEvent}). */
class AuthEventView implements AuthEvent {
  constructor(
    private readonly event: CognitoAuthEvent,
    private readonly owner: AuthEventOwner,
    private readonly reporter: UnknownValueReporter,
  ) {}

  get id(): string {
    return encodeAuthEventId({ userPoolId: this.owner.userPoolId, username: this.owner.username, eventId: this.eventId });
  }

  get eventId(): string {
    return this.event.EventId ?? '';
  }

  get eventType(): AuthEventType | null {
    return knownValue(AuthEventType, 'eventType', this.event.EventType, this.reporter);
  }

  get creationDate(): Date | null {
    return this.event.CreationDate ?? null;
  }

  get eventResponse(): AuthEventResponse | null {
    return knownValue(AuthEventResponse, 'eventResponse', this.event.EventResponse, this.reporter);
  }

  get eventRisk(): AuthEventRisk | null {
    const risk = this.event.EventRisk;
    if (risk === undefined) return null;
    return Object.assign(new AuthEventRisk(), {
      riskDecision: knownValue(RiskDecision, 'eventRisk.riskDecision', risk.RiskDecision, this.reporter),
      riskLevel: knownValue(RiskLevel, 'eventRisk.riskLevel', risk.RiskLevel, this.reporter),
      compromisedCredentialsDetected: risk.CompromisedCredentialsDetected ?? null,
    });
  }

  get challengeResponses(): AuthChallengeResponse[] {
    return (this.event.ChallengeResponses ?? []).map((challenge) =>
      Object.assign(new AuthChallengeResponse(), {
        challengeName: knownValue(ChallengeName, 'challengeResponses.challengeName', challenge.ChallengeName, this.reporter),
        challengeResponse: knownValue(ChallengeResult, 'challengeResponses.challengeResponse', challenge.ChallengeResponse, this.reporter),
      }),
    );
  }

  get eventContextData(): AuthEventContextData | null {
    const context = this.event.EventContextData;
    if (context === undefined) return null;
    return Object.assign(new AuthEventContextData(), {
      ipAddress: context.IpAddress ?? null,
      deviceName: context.DeviceName ?? null,
      timezone: context.Timezone ?? null,
      city: context.City ?? null,
      country: context.Country ?? null,
    });
  }

  get eventFeedback(): AuthEventFeedback | null {
    const feedback = this.event.EventFeedback;
    const feedbackValue = knownValue(FeedbackValue, 'eventFeedback.feedbackValue', feedback?.FeedbackValue, this.reporter);
    // feedbackValue is non-null in the contract, so feedback of an unknown value is hidden whole.
    if (feedback === undefined || feedbackValue === null) return null;
    return Object.assign(new AuthEventFeedback(), {
      feedbackValue,
      provider: feedback.Provider ?? '',
      feedbackDate: feedback.FeedbackDate ?? null,
    });
  }
}

/** Each enum's values as a set, made once: a lookup per field read, not an array per lookup. */
const KNOWN_VALUES = new WeakMap<object, ReadonlySet<string>>();

function knownValue<E extends Record<string, string>>(
  values: E,
  field: string,
  raw: string | undefined,
  reporter: UnknownValueReporter,
): E[keyof E] | null {
  if (raw === undefined) return null;
  let known = KNOWN_VALUES.get(values);
  if (known === undefined) KNOWN_VALUES.set(values, (known = new Set(Object.values(values))));
  if (known.has(raw)) return raw as E[keyof E];
  reporter.report(field, raw);
  return null;
}
