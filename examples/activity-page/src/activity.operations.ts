import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ActivityEventFieldsFragment,
  RecentActivityQuery,
  RecentActivityQueryVariables,
  ReportNotMeMutation,
  ReportNotMeMutationVariables,
} from './__generated__/graphql';

// The result types are generated from these documents against schema.client.graphql, the API
// schema this gateway ships for front-end tools (`npm run codegen`, checked in CI).

/** An `AuthEvent` as a row of the page shows it. */
export type ActivityEvent = ActivityEventFieldsFragment;

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

/** The signed-in user's events, newest first, one page at a time. */
export const RECENT_ACTIVITY: TypedDocumentNode<RecentActivityQuery, RecentActivityQueryVariables> = gql`
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

/**
 * Marks an event as not the user. The payload's event has the same `id` as the row, so the
 * normalized cache updates the row in place: no refetch.
 */
export const REPORT_NOT_ME: TypedDocumentNode<ReportNotMeMutation, ReportNotMeMutationVariables> = gql`
  mutation ReportNotMe($eventId: String!, $feedbackToken: String) {
    updateAuthEventFeedback(input: { eventId: $eventId, feedbackValue: INVALID, feedbackToken: $feedbackToken }) {
      authEvent { ...ActivityEventFields }
    }
  }
  ${ACTIVITY_EVENT_FIELDS}
`;
