/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The outcome of the authentication attempt. */
export type AuthEventResponse =
  /** The attempt failed. */
  | 'FAIL'
  /** The attempt had not finished when the event was recorded (e.g. awaiting MFA). */
  | 'IN_PROGRESS'
  /** The attempt succeeded. */
  | 'PASS';

/** The kind of authentication event Cognito recorded. */
export type AuthEventType =
  /** A forgotten-password request. */
  | 'FORGOT_PASSWORD'
  /** A password change. */
  | 'PASSWORD_CHANGE'
  /** A request to resend a confirmation code. */
  | 'RESEND_CODE'
  /** A sign-in attempt. */
  | 'SIGN_IN'
  /** A sign-up (registration). */
  | 'SIGN_UP';

/** Feedback on whether an event was really the user, which trains Cognito's risk model. */
export type FeedbackValue =
  /** The event was not the user. */
  | 'INVALID'
  /** The event was the user. */
  | 'VALID';

/** Cognito threat protection's decision for the event. */
export type RiskDecision =
  /** Cognito suspected an account takeover and acted per the pool configuration. */
  | 'ACCOUNT_TAKEOVER'
  /** The attempt was blocked. */
  | 'BLOCK'
  /** No risk was detected. */
  | 'NO_RISK';

/** The risk level Cognito assigned to the event. */
export type RiskLevel =
  /** High risk. */
  | 'HIGH'
  /** Low risk. */
  | 'LOW'
  /** Medium risk. */
  | 'MEDIUM';

export type ActivityEventFieldsFragment = { id: string, eventId: string, eventType: AuthEventType | null, creationDate: string | null, eventResponse: AuthEventResponse | null, eventRisk: { riskDecision: RiskDecision | null, riskLevel: RiskLevel | null } | null, eventContextData: { deviceName: string | null, city: string | null, country: string | null } | null, eventFeedback: { feedbackValue: FeedbackValue, provider: string, feedbackDate: string | null } | null };

export type RecentActivityQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type RecentActivityQuery = { authEvents: { edges: Array<{ cursor: string, node: { id: string, eventId: string, eventType: AuthEventType | null, creationDate: string | null, eventResponse: AuthEventResponse | null, eventRisk: { riskDecision: RiskDecision | null, riskLevel: RiskLevel | null } | null, eventContextData: { deviceName: string | null, city: string | null, country: string | null } | null, eventFeedback: { feedbackValue: FeedbackValue, provider: string, feedbackDate: string | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type ReportNotMeMutationVariables = Exact<{
  eventId: string;
  feedbackToken?: string | null | undefined;
}>;


export type ReportNotMeMutation = { updateAuthEventFeedback: { authEvent: { id: string, eventId: string, eventType: AuthEventType | null, creationDate: string | null, eventResponse: AuthEventResponse | null, eventRisk: { riskDecision: RiskDecision | null, riskLevel: RiskLevel | null } | null, eventContextData: { deviceName: string | null, city: string | null, country: string | null } | null, eventFeedback: { feedbackValue: FeedbackValue, provider: string, feedbackDate: string | null } | null } | null } | null };

export const ActivityEventFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityEventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"creationDate"}},{"kind":"Field","name":{"kind":"Name","value":"eventResponse"}},{"kind":"Field","name":{"kind":"Name","value":"eventRisk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskDecision"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"eventContextData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deviceName"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"eventFeedback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feedbackValue"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"feedbackDate"}}]}}]}}]} as unknown as DocumentNode<ActivityEventFieldsFragment, unknown>;
export const RecentActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecentActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ActivityEventFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityEventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"creationDate"}},{"kind":"Field","name":{"kind":"Name","value":"eventResponse"}},{"kind":"Field","name":{"kind":"Name","value":"eventRisk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskDecision"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"eventContextData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deviceName"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"eventFeedback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feedbackValue"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"feedbackDate"}}]}}]}}]} as unknown as DocumentNode<RecentActivityQuery, RecentActivityQueryVariables>;
export const ReportNotMeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReportNotMe"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"feedbackToken"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAuthEventFeedback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"feedbackValue"},"value":{"kind":"EnumValue","value":"INVALID"}},{"kind":"ObjectField","name":{"kind":"Name","value":"feedbackToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"feedbackToken"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ActivityEventFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityEventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"creationDate"}},{"kind":"Field","name":{"kind":"Name","value":"eventResponse"}},{"kind":"Field","name":{"kind":"Name","value":"eventRisk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskDecision"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"eventContextData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deviceName"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"eventFeedback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feedbackValue"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"feedbackDate"}}]}}]}}]} as unknown as DocumentNode<ReportNotMeMutation, ReportNotMeMutationVariables>;