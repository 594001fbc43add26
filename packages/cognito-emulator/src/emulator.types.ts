/**
 * Wire shapes of the emulated Cognito data, exactly as the JSON 1.1 protocol carries them.
 *
 * Enum-valued members are plain strings on purpose: Cognito adds values (a new `EventType`,
 * a `Critical` risk level) before SDKs learn them, and the emulator must be able to serve
 * such values so the gateway's handling of them can be tested.
 */

/** Cognito's risk evaluation of one event (`EventRiskType`). */
export interface EmulatorEventRisk {
  /** `NoRisk`, `AccountTakeover`, `Block`, or a value newer than the SDK. */
  readonly RiskDecision?: string;
  /** `Low`, `Medium`, `High`, or a value newer than the SDK. */
  readonly RiskLevel?: string;
  /** Whether the credentials used were found in a breach corpus. */
  readonly CompromisedCredentialsDetected?: boolean;
}

/** One challenge the user answered during the event (`ChallengeResponseType`). */
export interface EmulatorChallengeResponse {
  /** `Password`, `Mfa`, or a value newer than the SDK. */
  readonly ChallengeName?: string;
  /** `Success`, `Failure`, or a value newer than the SDK. */
  readonly ChallengeResponse?: string;
}

/** Where the event came from (`EventContextDataType`). */
export interface EmulatorEventContextData {
  /** Source IP address. */
  readonly IpAddress?: string;
  /** Browser and operating system, as Cognito derives them from the user agent. */
  readonly DeviceName?: string;
  /** UTC offset of the device, e.g. `+01:00`. */
  readonly Timezone?: string;
  /** City resolved from the IP address. */
  readonly City?: string;
  /** Country resolved from the IP address. */
  readonly Country?: string;
}

/** Feedback given on an event (`EventFeedbackType`). */
export interface EmulatorEventFeedback {
  /** `Valid` or `Invalid`. */
  readonly FeedbackValue: string;
  /** Who gave it: `Admin` for the IAM-authorized path, `User` for the feedback-token path. */
  readonly Provider: string;
  /** When it was given, in epoch seconds with millisecond fractions. */
  readonly FeedbackDate?: number;
}

/** One authentication event (`AuthEventType`), as `AdminListUserAuthEvents` returns it. */
export interface EmulatorAuthEvent {
  /** Cognito's UUID-like event id. */
  readonly EventId: string;
  /** `SignIn`, `SignUp`, `ForgotPassword`, `PasswordChange`, `ResendCode`, or newer. */
  readonly EventType: string;
  /** When the event happened, in epoch seconds with millisecond fractions (Cognito sends a JSON number). */
  readonly CreationDate: number;
  /** `Pass`, `Fail`, `InProgress`, or newer. */
  readonly EventResponse: string;
  /** Absent on events Cognito did not evaluate. */
  readonly EventRisk?: EmulatorEventRisk;
  /** Always present; empty when no challenge was involved. */
  readonly ChallengeResponses: readonly EmulatorChallengeResponse[];
  /** Absent when the request carried no context data. */
  readonly EventContextData?: EmulatorEventContextData;
  /** Present once someone has given feedback on the event. */
  readonly EventFeedback?: EmulatorEventFeedback;
}

/** One seeded user, as the seed table and `GET /_emulator/users` list it. */
export interface EmulatorUserSummary {
  /** The user pool holding the user. */
  readonly poolId: string;
  /** The username (the user's name in the pool). */
  readonly username: string;
  /** The `email` attribute, usable as an alias in place of the username. */
  readonly email: string;
  /** The user's immutable identity (`sub` attribute), also usable in place of the username. */
  readonly sub: string;
  /** How many auth events the user has. */
  readonly eventCount: number;
}

/** One user pool of the emulator. */
export interface EmulatorPoolSummary {
  /** The pool id, e.g. `eu-west-1_DemoPool01`. */
  readonly poolId: string;
  /** Whether threat protection (advanced security) is on; when off, the auth-event operations fail. */
  readonly threatProtection: boolean;
}
