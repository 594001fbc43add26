import { registerEnumType } from 'type-graphql';

// GraphQL names follow GraphQL convention; the values are Cognito's spellings, so mapping a
// Cognito response is a lookup, and a value Cognito adds later is recognisably unknown.

/** What the user was doing. */
export enum AuthEventType {
  SIGN_IN = 'SignIn',
  SIGN_UP = 'SignUp',
  FORGOT_PASSWORD = 'ForgotPassword',
  PASSWORD_CHANGE = 'PasswordChange',
  RESEND_CODE = 'ResendCode',
}

/** How the attempt ended. */
export enum AuthEventResponse {
  PASS = 'Pass',
  FAIL = 'Fail',
  IN_PROGRESS = 'InProgress',
}

/** What Cognito's threat protection decided. */
export enum RiskDecision {
  NO_RISK = 'NoRisk',
  ACCOUNT_TAKEOVER = 'AccountTakeover',
  BLOCK = 'Block',
}

/** How risky Cognito judged the attempt. */
export enum RiskLevel {
  LOW = 'Low',
  MEDIUM = 'Medium',
  HIGH = 'High',
}

/** A challenge the user faced. */
export enum ChallengeName {
  PASSWORD = 'Password',
  MFA = 'Mfa',
}

/** Whether the user passed a challenge. */
export enum ChallengeResult {
  SUCCESS = 'Success',
  FAILURE = 'Failure',
}

/** Whether an event was really the user. */
export enum FeedbackValue {
  VALID = 'Valid',
  INVALID = 'Invalid',
}

registerEnumType(AuthEventType, {
  name: 'AuthEventType',
  description: 'The kind of authentication event Cognito recorded.',
  valuesConfig: {
    SIGN_IN: { description: 'A sign-in attempt.' },
    SIGN_UP: { description: 'A sign-up (registration).' },
    FORGOT_PASSWORD: { description: 'A forgotten-password request.' },
    PASSWORD_CHANGE: { description: 'A password change.' },
    RESEND_CODE: { description: 'A request to resend a confirmation code.' },
  },
});
registerEnumType(AuthEventResponse, {
  name: 'AuthEventResponse',
  description: 'The outcome of the authentication attempt.',
  valuesConfig: {
    PASS: { description: 'The attempt succeeded.' },
    FAIL: { description: 'The attempt failed.' },
    IN_PROGRESS: { description: 'The attempt had not finished when the event was recorded (e.g. awaiting MFA).' },
  },
});
registerEnumType(RiskDecision, {
  name: 'RiskDecision',
  description: "Cognito threat protection's decision for the event.",
  valuesConfig: {
    NO_RISK: { description: 'No risk was detected.' },
    ACCOUNT_TAKEOVER: { description: 'Cognito suspected an account takeover and acted per the pool configuration.' },
    BLOCK: { description: 'The attempt was blocked.' },
  },
});
registerEnumType(RiskLevel, {
  name: 'RiskLevel',
  description: 'The risk level Cognito assigned to the event.',
  valuesConfig: {
    LOW: { description: 'Low risk.' },
    MEDIUM: { description: 'Medium risk.' },
    HIGH: { description: 'High risk.' },
  },
});
registerEnumType(ChallengeName, {
  name: 'ChallengeName',
  description: 'A challenge presented during the authentication attempt.',
  valuesConfig: {
    PASSWORD: { description: 'A password challenge.' },
    MFA: { description: 'A multi-factor authentication challenge.' },
  },
});
registerEnumType(ChallengeResult, {
  name: 'ChallengeResult',
  description: 'Whether a challenge was passed.',
  valuesConfig: {
    SUCCESS: { description: 'The challenge was passed.' },
    FAILURE: { description: 'The challenge was failed.' },
  },
});
registerEnumType(FeedbackValue, {
  name: 'FeedbackValue',
  description: 'Feedback on whether an event was really the user, which trains Cognito\'s risk model.',
  valuesConfig: {
    VALID: { description: 'The event was the user.' },
    INVALID: { description: 'The event was not the user.' },
  },
});
