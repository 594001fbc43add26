/**
 * The fuzzer's seed corpus: the project's own valid operations, as plain strings. They are kept
 * out of `gql` tags and `GraphQL` comments on purpose, so GraphQL Code Generator never picks
 * them up as documents of the tests; the fuzzer mutates their text, not typed documents.
 */

/** One valid GraphQL request of the corpus. */
export interface CorpusEntry {
  /** A short name for reports, e.g. `authEvents page`. */
  readonly name: string;
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly operationName?: string;
}

/** Real values of the emulator's seed the corpus refers to, so its operations reach Cognito. */
export interface CorpusSeed {
  /** The pool of every seeded user below. */
  readonly userPoolId: string;
  /** A pool the gateway serves whose threat protection is off. */
  readonly noThreatPoolId: string;
  /** `sub` of alice, who reads her own history by it. */
  readonly aliceSub: string;
  /** `AuthEvent.id` values of alice's and bob's events. */
  readonly aliceEventIds: readonly string[];
  readonly bobEventIds: readonly string[];
  /** Raw Cognito event ids, for the feedback mutation. */
  readonly aliceCognitoEventIds: readonly string[];
  readonly bobCognitoEventIds: readonly string[];
  /** A feedback token of one of alice's events (as Cognito would mail it) and that event's id. */
  readonly aliceFeedback: { readonly eventId: string; readonly token: string };
}

const EVENT_FIELDS = `fragment EventFields on AuthEvent {
  id
  eventId
  eventType
  creationDate
  eventResponse
  eventRisk { riskDecision riskLevel compromisedCredentialsDetected }
  challengeResponses { challengeName challengeResponse }
  eventContextData { ipAddress deviceName timezone city country }
  eventFeedback { feedbackValue provider feedbackDate }
}`;

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/** Every root field, fragments, variables, `_entities` and `_service`, over real seed values. */
export function buildCorpus(seed: CorpusSeed): CorpusEntry[] {
  const [aliceEventId = '', secondAliceEventId = ''] = seed.aliceEventIds;
  const [bobEventId = ''] = seed.bobEventIds;
  const [bobCognitoEventId = ''] = seed.bobCognitoEventIds;
  const [, aliceCognitoEventId = ''] = seed.aliceCognitoEventIds;
  return [
    { name: 'authEvents, own history', query: '{ authEvents(first: 5) { edges { cursor node { id eventId eventType creationDate } } pageInfo { hasNextPage endCursor } } }' },
    {
      name: 'authEvents page with fragment and variables',
      query: `query AuthEventsPage($username: String, $userPoolId: String, $first: Int, $after: String) {
  authEvents(username: $username, userPoolId: $userPoolId, first: $first, after: $after) {
    edges { cursor node { ...EventFields } }
    ${PAGE_INFO}
  }
}
${EVENT_FIELDS}`,
      variables: { username: 'alice', userPoolId: seed.userPoolId, first: 10 },
      operationName: 'AuthEventsPage',
    },
    {
      name: 'authEvents of another user',
      query: 'query Other($u: String!, $n: Int) { authEvents(username: $u, first: $n) { edges { node { eventId eventType eventRisk { riskLevel } } } pageInfo { hasNextPage endCursor } } }',
      variables: { u: 'bob', n: 3 },
    },
    {
      name: 'authEvents by sub',
      query: 'query BySub($u: String!) { authEvents(username: $u, first: 2) { edges { node { id eventId } } } }',
      variables: { u: seed.aliceSub },
    },
    {
      name: 'authEvents by email alias',
      query: '{ authEvents(username: "alice@example.com", first: 2) { edges { node { eventId } } } }',
    },
    {
      name: 'authEvents over two Cognito pages',
      query: 'query Long($first: Int!) { authEvents(username: "frequent-flyer", first: $first) { edges { node { eventId creationDate } } pageInfo { hasNextPage endCursor } } }',
      variables: { first: 100 },
    },
    {
      name: 'authEvents filtered',
      query: `query Risky($filter: AuthEventFilter) {
  risky: authEvents(username: "frequent-flyer", first: 10, filter: $filter) {
    edges { node { eventId eventType eventResponse eventRisk { riskLevel riskDecision } } }
    pageInfo { hasNextPage endCursor }
    searchedUntil
  }
}`,
      variables: { filter: { eventTypes: ['SIGN_IN'], riskLevels: ['MEDIUM', 'HIGH'], since: '2020-01-01T00:00:00Z' } },
    },
    {
      name: 'authEvents filtered inline with aliases',
      query: `{
  failed: authEvents(username: "alice", first: 5, filter: { eventResponses: [FAIL], hasFeedback: false }) { edges { node { eventId } } searchedUntil }
  withFeedback: authEvents(username: "alice", first: 5, filter: { hasFeedback: true, until: "2100-01-01T00:00:00Z" }) { edges { node { eventId eventFeedback { feedbackValue } } } }
}`,
    },
    { name: 'authEvents of nobody', query: '{ authEvents(username: "no-history", first: 1) { edges { cursor } pageInfo { hasNextPage } } }' },
    { name: 'authEvents of an unknown user', query: '{ authEvents(username: "nobody-here", first: 1) { edges { cursor } } }' },
    {
      name: 'authEvents without threat protection',
      query: 'query NoThreat($pool: String) { authEvents(username: "carol", userPoolId: $pool, first: 1) { edges { cursor } } }',
      variables: { pool: seed.noThreatPoolId },
    },
    { name: 'authEvents first 0', query: '{ authEvents(username: "bob", first: 0) { edges { cursor } pageInfo { hasNextPage endCursor } } }' },
    {
      name: 'authEvent by id',
      query: `query AuthEventById($id: ID!) { authEvent(id: $id) { ...EventFields } }\n${EVENT_FIELDS}`,
      variables: { id: aliceEventId },
      operationName: 'AuthEventById',
    },
    {
      name: 'authEvent by id, two aliases',
      query: 'query Two($a: ID!, $b: ID!) { a: authEvent(id: $a) { id eventId } b: authEvent(id: $b) { id eventId } }',
      variables: { a: secondAliceEventId, b: bobEventId },
    },
    {
      name: 'feedback, admin path',
      query: `mutation Feedback($input: UpdateAuthEventFeedbackInput!) {
  updateAuthEventFeedback(input: $input) { authEvent { id eventId eventFeedback { feedbackValue provider feedbackDate } } }
}`,
      variables: { input: { username: 'bob', userPoolId: seed.userPoolId, eventId: bobCognitoEventId, feedbackValue: 'VALID' } },
      operationName: 'Feedback',
    },
    {
      name: 'feedback, own event without a token',
      query: 'mutation { updateAuthEventFeedback(input: { eventId: "' + aliceCognitoEventId + '", feedbackValue: INVALID }) { authEvent { eventId } } }',
    },
    {
      name: 'feedback with a feedback token',
      query: 'mutation WithToken($input: UpdateAuthEventFeedbackInput!) { updateAuthEventFeedback(input: $input) { authEvent { id eventFeedback { feedbackValue } } } }',
      variables: { input: { username: 'alice', eventId: seed.aliceFeedback.eventId, feedbackValue: 'VALID', feedbackToken: seed.aliceFeedback.token } },
    },
    {
      name: '_entities with authEvents',
      query: 'query Entities($r: [_Any!]!) { _entities(representations: $r) { ... on User { id authEvents(first: 2) { edges { node { id eventId } } pageInfo { hasNextPage } } } } }',
      variables: { r: [{ __typename: 'User', id: 'alice' }, { __typename: 'User', id: 'bob' }, { __typename: 'User', id: seed.aliceSub }] },
    },
    {
      name: '_entities ids only',
      query: 'query Ids($r: [_Any!]!) { _entities(representations: $r) { __typename ... on User { id } } }',
      variables: { r: [{ __typename: 'User', id: 'alice' }] },
    },
    { name: '_service', query: '{ _service { sdl } }' },
    { name: '__typename', query: '{ __typename }' },
    {
      name: 'named fragment on Query and @include',
      query: `query Mixed($withPage: Boolean!) { ...Root }
fragment Root on Query {
  __typename
  authEvents(username: "single-event", first: 1) @include(if: $withPage) { edges { node { eventId } } }
}`,
      variables: { withPage: true },
    },
  ];
}
