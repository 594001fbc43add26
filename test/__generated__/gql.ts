/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation TwoFeedbackUpdates($first: UpdateAuthEventFeedbackInput!, $second: UpdateAuthEventFeedbackInput!) {\n    first: updateAuthEventFeedback(input: $first) {\n      authEvent {\n        eventId\n        eventFeedback {\n          feedbackValue\n          provider\n        }\n      }\n    }\n    second: updateAuthEventFeedback(input: $second) {\n      authEvent {\n        eventId\n        eventFeedback {\n          feedbackValue\n          provider\n        }\n      }\n    }\n  }\n": typeof types.TwoFeedbackUpdatesDocument,
    "\n  fragment AuthEventFields on AuthEvent {\n    id\n    eventId\n    eventType\n    creationDate\n    eventResponse\n    eventRisk {\n      riskDecision\n      riskLevel\n      compromisedCredentialsDetected\n    }\n    challengeResponses {\n      challengeName\n      challengeResponse\n    }\n    eventContextData {\n      ipAddress\n      deviceName\n      timezone\n      city\n      country\n    }\n    eventFeedback {\n      feedbackValue\n      provider\n      feedbackDate\n    }\n  }\n": typeof types.AuthEventFieldsFragmentDoc,
    "\n  query AuthEventsPage($username: String!, $userPoolId: String, $first: Int, $after: String) {\n    authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...AuthEventFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.AuthEventsPageDocument,
    "\n  query AuthEventIds($username: String!, $userPoolId: String, $first: Int, $after: String) {\n    authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          eventId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.AuthEventIdsDocument,
    "\n  query AuthEventById($id: ID!) {\n    authEvent(id: $id) {\n      ...AuthEventFields\n    }\n  }\n": typeof types.AuthEventByIdDocument,
    "\n  mutation UpdateAuthEventFeedback($input: UpdateAuthEventFeedbackInput!) {\n    updateAuthEventFeedback(input: $input) {\n      authEvent {\n        ...AuthEventFields\n      }\n    }\n  }\n": typeof types.UpdateAuthEventFeedbackDocument,
    "\n  query FilteredAuthEvents($username: String!, $first: Int, $after: String, $filter: AuthEventFilter) {\n    authEvents(username: $username, first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          eventId\n          creationDate\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      searchedUntil\n    }\n  }\n": typeof types.FilteredAuthEventsDocument,
    "\n  query SamePageFiveWays {\n    a: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          eventId\n        }\n      }\n    }\n    b: authEvents(username: \"alice\", first: 5) {\n      pageInfo {\n        hasNextPage\n      }\n    }\n    c: authEvents(username: \"alice\", first: 5) {\n      edges {\n        cursor\n      }\n    }\n    ...AliceFirstFive\n    ...AliceFirstFiveAgain\n  }\n\n  fragment AliceFirstFive on Query {\n    d: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          eventType\n        }\n      }\n    }\n  }\n\n  fragment AliceFirstFiveAgain on Query {\n    e: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          creationDate\n        }\n      }\n    }\n  }\n": typeof types.SamePageFiveWaysDocument,
};
const documents: Documents = {
    "\n  mutation TwoFeedbackUpdates($first: UpdateAuthEventFeedbackInput!, $second: UpdateAuthEventFeedbackInput!) {\n    first: updateAuthEventFeedback(input: $first) {\n      authEvent {\n        eventId\n        eventFeedback {\n          feedbackValue\n          provider\n        }\n      }\n    }\n    second: updateAuthEventFeedback(input: $second) {\n      authEvent {\n        eventId\n        eventFeedback {\n          feedbackValue\n          provider\n        }\n      }\n    }\n  }\n": types.TwoFeedbackUpdatesDocument,
    "\n  fragment AuthEventFields on AuthEvent {\n    id\n    eventId\n    eventType\n    creationDate\n    eventResponse\n    eventRisk {\n      riskDecision\n      riskLevel\n      compromisedCredentialsDetected\n    }\n    challengeResponses {\n      challengeName\n      challengeResponse\n    }\n    eventContextData {\n      ipAddress\n      deviceName\n      timezone\n      city\n      country\n    }\n    eventFeedback {\n      feedbackValue\n      provider\n      feedbackDate\n    }\n  }\n": types.AuthEventFieldsFragmentDoc,
    "\n  query AuthEventsPage($username: String!, $userPoolId: String, $first: Int, $after: String) {\n    authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...AuthEventFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.AuthEventsPageDocument,
    "\n  query AuthEventIds($username: String!, $userPoolId: String, $first: Int, $after: String) {\n    authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          eventId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.AuthEventIdsDocument,
    "\n  query AuthEventById($id: ID!) {\n    authEvent(id: $id) {\n      ...AuthEventFields\n    }\n  }\n": types.AuthEventByIdDocument,
    "\n  mutation UpdateAuthEventFeedback($input: UpdateAuthEventFeedbackInput!) {\n    updateAuthEventFeedback(input: $input) {\n      authEvent {\n        ...AuthEventFields\n      }\n    }\n  }\n": types.UpdateAuthEventFeedbackDocument,
    "\n  query FilteredAuthEvents($username: String!, $first: Int, $after: String, $filter: AuthEventFilter) {\n    authEvents(username: $username, first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          eventId\n          creationDate\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      searchedUntil\n    }\n  }\n": types.FilteredAuthEventsDocument,
    "\n  query SamePageFiveWays {\n    a: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          eventId\n        }\n      }\n    }\n    b: authEvents(username: \"alice\", first: 5) {\n      pageInfo {\n        hasNextPage\n      }\n    }\n    c: authEvents(username: \"alice\", first: 5) {\n      edges {\n        cursor\n      }\n    }\n    ...AliceFirstFive\n    ...AliceFirstFiveAgain\n  }\n\n  fragment AliceFirstFive on Query {\n    d: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          eventType\n        }\n      }\n    }\n  }\n\n  fragment AliceFirstFiveAgain on Query {\n    e: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          creationDate\n        }\n      }\n    }\n  }\n": types.SamePageFiveWaysDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TwoFeedbackUpdates($first: UpdateAuthEventFeedbackInput!, $second: UpdateAuthEventFeedbackInput!) {\n    first: updateAuthEventFeedback(input: $first) {\n      authEvent {\n        eventId\n        eventFeedback {\n          feedbackValue\n          provider\n        }\n      }\n    }\n    second: updateAuthEventFeedback(input: $second) {\n      authEvent {\n        eventId\n        eventFeedback {\n          feedbackValue\n          provider\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TwoFeedbackUpdates($first: UpdateAuthEventFeedbackInput!, $second: UpdateAuthEventFeedbackInput!) {\n    first: updateAuthEventFeedback(input: $first) {\n      authEvent {\n        eventId\n        eventFeedback {\n          feedbackValue\n          provider\n        }\n      }\n    }\n    second: updateAuthEventFeedback(input: $second) {\n      authEvent {\n        eventId\n        eventFeedback {\n          feedbackValue\n          provider\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthEventFields on AuthEvent {\n    id\n    eventId\n    eventType\n    creationDate\n    eventResponse\n    eventRisk {\n      riskDecision\n      riskLevel\n      compromisedCredentialsDetected\n    }\n    challengeResponses {\n      challengeName\n      challengeResponse\n    }\n    eventContextData {\n      ipAddress\n      deviceName\n      timezone\n      city\n      country\n    }\n    eventFeedback {\n      feedbackValue\n      provider\n      feedbackDate\n    }\n  }\n"): (typeof documents)["\n  fragment AuthEventFields on AuthEvent {\n    id\n    eventId\n    eventType\n    creationDate\n    eventResponse\n    eventRisk {\n      riskDecision\n      riskLevel\n      compromisedCredentialsDetected\n    }\n    challengeResponses {\n      challengeName\n      challengeResponse\n    }\n    eventContextData {\n      ipAddress\n      deviceName\n      timezone\n      city\n      country\n    }\n    eventFeedback {\n      feedbackValue\n      provider\n      feedbackDate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthEventsPage($username: String!, $userPoolId: String, $first: Int, $after: String) {\n    authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...AuthEventFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthEventsPage($username: String!, $userPoolId: String, $first: Int, $after: String) {\n    authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...AuthEventFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthEventIds($username: String!, $userPoolId: String, $first: Int, $after: String) {\n    authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          eventId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthEventIds($username: String!, $userPoolId: String, $first: Int, $after: String) {\n    authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          eventId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthEventById($id: ID!) {\n    authEvent(id: $id) {\n      ...AuthEventFields\n    }\n  }\n"): (typeof documents)["\n  query AuthEventById($id: ID!) {\n    authEvent(id: $id) {\n      ...AuthEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAuthEventFeedback($input: UpdateAuthEventFeedbackInput!) {\n    updateAuthEventFeedback(input: $input) {\n      authEvent {\n        ...AuthEventFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAuthEventFeedback($input: UpdateAuthEventFeedbackInput!) {\n    updateAuthEventFeedback(input: $input) {\n      authEvent {\n        ...AuthEventFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilteredAuthEvents($username: String!, $first: Int, $after: String, $filter: AuthEventFilter) {\n    authEvents(username: $username, first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          eventId\n          creationDate\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      searchedUntil\n    }\n  }\n"): (typeof documents)["\n  query FilteredAuthEvents($username: String!, $first: Int, $after: String, $filter: AuthEventFilter) {\n    authEvents(username: $username, first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          eventId\n          creationDate\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      searchedUntil\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SamePageFiveWays {\n    a: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          eventId\n        }\n      }\n    }\n    b: authEvents(username: \"alice\", first: 5) {\n      pageInfo {\n        hasNextPage\n      }\n    }\n    c: authEvents(username: \"alice\", first: 5) {\n      edges {\n        cursor\n      }\n    }\n    ...AliceFirstFive\n    ...AliceFirstFiveAgain\n  }\n\n  fragment AliceFirstFive on Query {\n    d: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          eventType\n        }\n      }\n    }\n  }\n\n  fragment AliceFirstFiveAgain on Query {\n    e: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          creationDate\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SamePageFiveWays {\n    a: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          eventId\n        }\n      }\n    }\n    b: authEvents(username: \"alice\", first: 5) {\n      pageInfo {\n        hasNextPage\n      }\n    }\n    c: authEvents(username: \"alice\", first: 5) {\n      edges {\n        cursor\n      }\n    }\n    ...AliceFirstFive\n    ...AliceFirstFiveAgain\n  }\n\n  fragment AliceFirstFive on Query {\n    d: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          eventType\n        }\n      }\n    }\n  }\n\n  fragment AliceFirstFiveAgain on Query {\n    e: authEvents(username: \"alice\", first: 5) {\n      edges {\n        node {\n          creationDate\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;