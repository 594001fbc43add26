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
    "\n  fragment ActivityEventFields on AuthEvent {\n    id\n    eventId\n    eventType\n    creationDate\n    eventResponse\n    eventRisk { riskDecision riskLevel }\n    eventContextData { deviceName city country }\n    eventFeedback { feedbackValue provider feedbackDate }\n  }\n": typeof types.ActivityEventFieldsFragmentDoc,
    "\n  query RecentActivity($first: Int!, $after: String) {\n    authEvents(first: $first, after: $after) {\n      edges {\n        cursor\n        node { ...ActivityEventFields }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n  \n": typeof types.RecentActivityDocument,
    "\n  mutation ReportNotMe($eventId: String!, $feedbackToken: String) {\n    updateAuthEventFeedback(input: { eventId: $eventId, feedbackValue: INVALID, feedbackToken: $feedbackToken }) {\n      authEvent { ...ActivityEventFields }\n    }\n  }\n  \n": typeof types.ReportNotMeDocument,
};
const documents: Documents = {
    "\n  fragment ActivityEventFields on AuthEvent {\n    id\n    eventId\n    eventType\n    creationDate\n    eventResponse\n    eventRisk { riskDecision riskLevel }\n    eventContextData { deviceName city country }\n    eventFeedback { feedbackValue provider feedbackDate }\n  }\n": types.ActivityEventFieldsFragmentDoc,
    "\n  query RecentActivity($first: Int!, $after: String) {\n    authEvents(first: $first, after: $after) {\n      edges {\n        cursor\n        node { ...ActivityEventFields }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n  \n": types.RecentActivityDocument,
    "\n  mutation ReportNotMe($eventId: String!, $feedbackToken: String) {\n    updateAuthEventFeedback(input: { eventId: $eventId, feedbackValue: INVALID, feedbackToken: $feedbackToken }) {\n      authEvent { ...ActivityEventFields }\n    }\n  }\n  \n": types.ReportNotMeDocument,
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
export function graphql(source: "\n  fragment ActivityEventFields on AuthEvent {\n    id\n    eventId\n    eventType\n    creationDate\n    eventResponse\n    eventRisk { riskDecision riskLevel }\n    eventContextData { deviceName city country }\n    eventFeedback { feedbackValue provider feedbackDate }\n  }\n"): (typeof documents)["\n  fragment ActivityEventFields on AuthEvent {\n    id\n    eventId\n    eventType\n    creationDate\n    eventResponse\n    eventRisk { riskDecision riskLevel }\n    eventContextData { deviceName city country }\n    eventFeedback { feedbackValue provider feedbackDate }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentActivity($first: Int!, $after: String) {\n    authEvents(first: $first, after: $after) {\n      edges {\n        cursor\n        node { ...ActivityEventFields }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n  \n"): (typeof documents)["\n  query RecentActivity($first: Int!, $after: String) {\n    authEvents(first: $first, after: $after) {\n      edges {\n        cursor\n        node { ...ActivityEventFields }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportNotMe($eventId: String!, $feedbackToken: String) {\n    updateAuthEventFeedback(input: { eventId: $eventId, feedbackValue: INVALID, feedbackToken: $feedbackToken }) {\n      authEvent { ...ActivityEventFields }\n    }\n  }\n  \n"): (typeof documents)["\n  mutation ReportNotMe($eventId: String!, $feedbackToken: String) {\n    updateAuthEventFeedback(input: { eventId: $eventId, feedbackValue: INVALID, feedbackToken: $feedbackToken }) {\n      authEvent { ...ActivityEventFields }\n    }\n  }\n  \n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;