// Relay compiler input only, never executed: relay-compiler reads the `graphql` tags below
// against schema.client.graphql, and the test runs the artifacts it writes. A `.js` file on
// purpose, so GraphQL Code Generator (which scans test/**/*.ts) does not read Relay directives.
const { graphql } = require('relay-runtime');

/**
 * A user's history as one growing connection: refetchable on Query (no Node interface needed),
 * paged with `count`/`cursor`, merged by Relay's ConnectionHandler under the key below.
 */
graphql`
  fragment AuthEventHistory_query on Query
  @refetchable(queryName: "AuthEventHistoryPaginationQuery")
  @argumentDefinitions(
    username: { type: "String" }
    userPoolId: { type: "String" }
    count: { type: "Int", defaultValue: 25 }
    cursor: { type: "String" }
  ) {
    authEvents(username: $username, userPoolId: $userPoolId, first: $count, after: $cursor)
      @connection(key: "AuthEventHistory_authEvents") {
      edges {
        cursor
        node {
          id
          eventId
          eventFeedback {
            feedbackValue
            provider
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** Feedback on one event, reading back what Relay needs to update the record in place. */
graphql`
  mutation AuthEventHistoryFeedbackMutation($input: UpdateAuthEventFeedbackInput!) {
    updateAuthEventFeedback(input: $input) {
      authEvent {
        id
        eventFeedback {
          feedbackValue
          provider
        }
      }
    }
  }
`;
