import { gql, type TypedDocumentNode } from '@apollo/client';

// Result types written by hand for the fields selected below (names as in schema.client.graphql);
// a larger app generates them (see codegen.yml). `__typename` is there because the cache adds it.

/** An `AuthEvent` as a row of the page shows it. */
export interface ActivityEvent {
  readonly __typename: 'AuthEvent';
  readonly id: string;
  readonly eventId: string;
  readonly eventType: 'SIGN_IN' | 'SIGN_UP' | 'FORGOT_PASSWORD' | 'PASSWORD_CHANGE' | 'RESEND_CODE' | null;
  readonly creationDate: string | null;
  readonly eventResponse: 'PASS' | 'FAIL' | 'IN_PROGRESS' | null;
  readonly eventRisk: {
    readonly riskDecision: 'NO_RISK' | 'ACCOUNT_TAKEOVER' | 'BLOCK' | null;
    readonly riskLevel: 'LOW' | 'MEDIUM' | 'HIGH' | null;
  } | null;
  readonly eventContextData: {
    readonly deviceName: string | null;
    readonly city: string | null;
    readonly country: string | null;
  } | null;
  readonly eventFeedback: {
    readonly feedbackValue: 'VALID' | 'INVALID';
    readonly provider: string;
    readonly feedbackDate: string | null;
  } | null;
}

const ACTIVITY_EVENT_FIELDS = gql`
  fragment ActivityEventFields on AuthEvent {
    id
    eventId
    eventType
    creationDate
    eventResponse
    eventRisk { riskDecision riskLevel }
    eventContextData { deviceName city country }
    eventFeedback { feedbackValue provider feedbackDate }
  }
`;

/** `RecentActivity`'s result. */
export interface RecentActivityData {
  readonly authEvents: {
    readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: ActivityEvent }>;
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  } | null;
}

/** `RecentActivity`'s variables. */
export interface RecentActivityVariables {
  readonly first: number;
  readonly after?: string | null;
}

/** The signed-in user's events, newest first, one page at a time. */
export const RECENT_ACTIVITY: TypedDocumentNode<RecentActivityData, RecentActivityVariables> = gql`
  query RecentActivity($first: Int!, $after: String) {
    authEvents(first: $first, after: $after) {
      edges {
        cursor
        node { ...ActivityEventFields }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${ACTIVITY_EVENT_FIELDS}
`;

/** `ReportNotMe`'s result. */
export interface ReportNotMeData {
  readonly updateAuthEventFeedback: { readonly authEvent: ActivityEvent | null } | null;
}

/** `ReportNotMe`'s variables. */
export interface ReportNotMeVariables {
  readonly eventId: string;
  /** From Cognito's notification email; needed when the caller is the user, not an admin. */
  readonly feedbackToken?: string | null;
}

/**
 * Marks an event as not the user. The payload's event has the same `id` as the row, so the
 * normalized cache updates the row in place: no refetch.
 */
export const REPORT_NOT_ME: TypedDocumentNode<ReportNotMeData, ReportNotMeVariables> = gql`
  mutation ReportNotMe($eventId: String!, $feedbackToken: String) {
    updateAuthEventFeedback(input: { eventId: $eventId, feedbackValue: INVALID, feedbackToken: $feedbackToken }) {
      authEvent { ...ActivityEventFields }
    }
  }
  ${ACTIVITY_EVENT_FIELDS}
`;
