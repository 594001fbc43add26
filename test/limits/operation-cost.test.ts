import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildGatewaySchema } from '../../src/schema/build-schema';
import { cognitoReadsOfSource } from '../support/operation-reads';

const OPTIONS = { defaultFirst: 20, maxFirst: 100, eventScanPages: 5, filterScanPages: 4 };

function readsOf(schema: GraphQLSchema, source: string, variables: Record<string, unknown> = {}): number {
  return cognitoReadsOfSource(schema, source, variables, OPTIONS);
}

describe('the Cognito reads an operation may need', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGatewaySchema();
  });

  test.each<[string, string, Record<string, unknown>, number]>([
    ['nothing for a document without upstream fields', '{ __typename _service { sdl } }', {}, 0],
    ['nothing for first: 0', '{ authEvents(username: "a", first: 0) { pageInfo { hasNextPage } } }', {}, 0],
    ['one read for a page of up to 59 edges', '{ authEvents(username: "a", first: 59) { edges { cursor } } }', {}, 1],
    ['two reads for a page of 60, which needs the lookahead from the next page', '{ authEvents(username: "a", first: 60) { edges { cursor } } }', {}, 2],
    ['the default page size when first is omitted', '{ authEvents(username: "a") { edges { cursor } } }', {}, 1],
    ['first from a variable', 'query Q($n: Int) { authEvents(username: "a", first: $n) { edges { cursor } } }', { n: 100 }, 2],
    ['no more than maxFirst allows, since a larger first is refused before reading', '{ authEvents(username: "a", first: 5000) { edges { cursor } } }', {}, 2],
    ['each alias apart', '{ a: authEvents(username: "a", first: 1) { edges { cursor } } b: authEvents(username: "b", first: 1) { edges { cursor } } }', {}, 2],
    [
      'fields inside named and inline fragments',
      'query { ...Q ... on Query { b: authEvents(username: "b", first: 70) { edges { cursor } } } } fragment Q on Query { a: authEvents(username: "a", first: 1) { edges { cursor } } }',
      {},
      3,
    ],
    ['the scan budget for a filtered page, however small first is', '{ authEvents(username: "a", first: 1, filter: { eventResponses: [FAIL] }) { edges { cursor } } }', {}, 4],
    ['the scan budget for a filtered page, not the pages first would need unfiltered', '{ authEvents(username: "a", first: 100, filter: { hasFeedback: true }) { edges { cursor } } }', {}, 4],
    ['the scan budget for a filter from a variable', 'query Q($f: AuthEventFilter) { authEvents(username: "a", first: 5, filter: $f) { edges { cursor } } }', { f: { riskLevels: ['HIGH'] } }, 4],
    ['nothing for a filtered page of first: 0', '{ authEvents(username: "a", first: 0, filter: { eventResponses: [FAIL] }) { pageInfo { hasNextPage } } }', {}, 0],
    ['the unfiltered price for a filter that is null or has no fields', 'query Q($f: AuthEventFilter) { a: authEvents(username: "a", first: 60, filter: $f) { edges { cursor } } b: authEvents(username: "a", first: 1, filter: {}) { edges { cursor } } }', { f: null }, 3],
    ['the scan budget for each filtered entity field', 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on User { authEvents(first: 3, filter: { eventTypes: [SIGN_IN] }) { edges { cursor } } } } }', { r: [{ __typename: 'User', id: 'a' }, { __typename: 'User', id: 'b' }] }, 8],
    ['the scan bound for a lookup by id', '{ authEvent(id: "x") { eventId } }', {}, 5],
    [
      'the scan bound for the feedback mutation, which reads its event back',
      'mutation { updateAuthEventFeedback(input: { eventId: "e", feedbackValue: VALID }) { authEvent { eventId } } }',
      {},
      5,
    ],
    [
      'the entity fields once per representation',
      'query E($r: [_Any!]!) { _entities(representations: $r) { ... on User { authEvents(first: 3) { edges { cursor } } } } }',
      { r: [{ __typename: 'User', id: 'a' }, { __typename: 'User', id: 'b' }, { __typename: 'User', id: 'c' }] },
      3,
    ],
    [
      'a literal representation list',
      '{ _entities(representations: [{ __typename: "User", id: "a" }, { __typename: "User", id: "b" }]) { ... on User { authEvents(first: 70) { edges { cursor } } } } }',
      {},
      4,
    ],
  ])('is %s', (_name, source, variables, reads) => {
    expect(readsOf(schema, source, variables)).toBe(reads);
  });
});
