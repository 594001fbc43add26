import { graphql } from '../__generated__';

/** Every field of an event, so tests can compare whole nodes with the emulator's data. */
export const AuthEventFieldsFragment = graphql(`
  fragment AuthEventFields on AuthEvent {
    id
    eventId
    eventType
    creationDate
    eventResponse
    eventRisk {
      riskDecision
      riskLevel
      compromisedCredentialsDetected
    }
    challengeResponses {
      challengeName
      challengeResponse
    }
    eventContextData {
      ipAddress
      deviceName
      timezone
      city
      country
    }
    eventFeedback {
      feedbackValue
      provider
      feedbackDate
    }
  }
`);

/** One page of a user's history with whole nodes. */
export const AuthEventsPageQuery = graphql(`
  query AuthEventsPage($username: String!, $userPoolId: String, $first: Int, $after: String) {
    authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...AuthEventFields
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

/** One page of a user's history, event ids only: for walks over long histories. */
export const AuthEventIdsQuery = graphql(`
  query AuthEventIds($username: String!, $userPoolId: String, $first: Int, $after: String) {
    authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {
      edges {
        cursor
        node {
          eventId
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

/** One event by id. */
export const AuthEventByIdQuery = graphql(`
  query AuthEventById($id: ID!) {
    authEvent(id: $id) {
      ...AuthEventFields
    }
  }
`);

/** The feedback mutation, reading the event back. */
export const UpdateAuthEventFeedbackMutation = graphql(`
  mutation UpdateAuthEventFeedback($input: UpdateAuthEventFeedbackInput!) {
    updateAuthEventFeedback(input: $input) {
      authEvent {
        ...AuthEventFields
      }
    }
  }
`);

/** One page of a user's history under a filter: ids, dates, and how far the scan got. */
export const FilteredAuthEventsQuery = graphql(`
  query FilteredAuthEvents($username: String!, $first: Int, $after: String, $filter: AuthEventFilter) {
    authEvents(username: $username, first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          eventId
          creationDate
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      searchedUntil
    }
  }
`);
