import type { EmulatorAuthEvent } from 'cognito-auth-events-emulator';
import type { AuthEventFieldsFragment } from '../__generated__/graphql';

// Written independently of the gateway's mapper on purpose: the tests state the contract
// (Cognito spelling → GraphQL enum value, unknown → null) rather than reusing the code under test.
const ENUM_VALUES: Record<string, Record<string, string>> = {
  eventType: {
    SignIn: 'SIGN_IN',
    SignUp: 'SIGN_UP',
    ForgotPassword: 'FORGOT_PASSWORD',
    PasswordChange: 'PASSWORD_CHANGE',
    ResendCode: 'RESEND_CODE',
  },
  eventResponse: { Pass: 'PASS', Fail: 'FAIL', InProgress: 'IN_PROGRESS' },
  riskDecision: { NoRisk: 'NO_RISK', AccountTakeover: 'ACCOUNT_TAKEOVER', Block: 'BLOCK' },
  riskLevel: { Low: 'LOW', Medium: 'MEDIUM', High: 'HIGH' },
  challengeName: { Password: 'PASSWORD', Mfa: 'MFA' },
  challengeResponse: { Success: 'SUCCESS', Failure: 'FAILURE' },
  feedbackValue: { Valid: 'VALID', Invalid: 'INVALID' },
};

function enumValue<T>(kind: string, cognitoValue: string | undefined): T | null {
  if (cognitoValue === undefined) return null;
  return (ENUM_VALUES[kind]?.[cognitoValue] ?? null) as T | null;
}

function isoDate(epochSeconds: number | undefined): string | null {
  return epochSeconds === undefined ? null : new Date(Math.round(epochSeconds * 1000)).toISOString();
}

/** The `AuthEvent.id` the contract promises: base64url of `AuthEvent:<pool>:<event id>:<username>`. */
export function expectedAuthEventId(userPoolId: string, username: string, eventId: string): string {
  return Buffer.from(`AuthEvent:${userPoolId}:${eventId}:${username}`).toString('base64url');
}

/** The node the gateway must return for an event the emulator holds, queried as `username`. */
export function expectedAuthEventNode(
  event: EmulatorAuthEvent,
  userPoolId: string,
  username: string,
): AuthEventFieldsFragment {
  const feedbackValue = enumValue<'VALID' | 'INVALID'>('feedbackValue', event.EventFeedback?.FeedbackValue);
  return {
    id: expectedAuthEventId(userPoolId, username, event.EventId),
    eventId: event.EventId,
    eventType: enumValue('eventType', event.EventType),
    creationDate: isoDate(event.CreationDate),
    eventResponse: enumValue('eventResponse', event.EventResponse),
    eventRisk:
      event.EventRisk === undefined
        ? null
        : {
            riskDecision: enumValue('riskDecision', event.EventRisk.RiskDecision),
            riskLevel: enumValue('riskLevel', event.EventRisk.RiskLevel),
            compromisedCredentialsDetected: event.EventRisk.CompromisedCredentialsDetected ?? null,
          },
    challengeResponses: event.ChallengeResponses.map((challenge) => ({
      challengeName: enumValue('challengeName', challenge.ChallengeName),
      challengeResponse: enumValue('challengeResponse', challenge.ChallengeResponse),
    })),
    eventContextData:
      event.EventContextData === undefined
        ? null
        : {
            ipAddress: event.EventContextData.IpAddress ?? null,
            deviceName: event.EventContextData.DeviceName ?? null,
            timezone: event.EventContextData.Timezone ?? null,
            city: event.EventContextData.City ?? null,
            country: event.EventContextData.Country ?? null,
          },
    eventFeedback:
      event.EventFeedback === undefined || feedbackValue === null
        ? null
        : {
            feedbackValue,
            provider: event.EventFeedback.Provider,
            feedbackDate: isoDate(event.EventFeedback.FeedbackDate),
          },
  };
}
