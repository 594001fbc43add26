import { DEMO_POOL_ID, DEMO_SUPPORT_CONSOLE_CLIENT_ID, DEMO_WEB_CLIENT_ID } from 'cognito-auth-events-emulator';
import { postJson, type HttpAnswer } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

const PRODUCTION = { NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'silent' } as const;

/** `count` aliases of one read each, over `count` different usernames. */
function aliasStorm(count: number): string {
  const fields = Array.from({ length: count }, (_, index) => `u${index}: authEvents(username: "user-${index}", first: 1) { edges { cursor } }`);
  return `{ ${fields.join(' ')} }`;
}

function entities(count: number, first: number): { query: string; variables: Record<string, unknown> } {
  return {
    query: `query E($r: [_Any!]!) { _entities(representations: $r) { ... on User { authEvents(first: ${first}) { edges { cursor } } } } }`,
    variables: { r: Array.from({ length: count }, (_, index) => ({ __typename: 'User', id: `user-${index}` })) },
  };
}

function summary(answer: HttpAnswer) {
  const { errors } = answer.json as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  return {
    status: answer.status,
    errors: errors?.map((error) => ({ message: error.message, extensions: error.extensions })),
  };
}

describe('operation limits, checked before execution', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { ...PRODUCTION, MAX_OPERATION_DEPTH: '4' } });
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.emulator.calls.clear());

  const send = (body: unknown) => postJson(stack.gateway.graphqlUrl, body, { authorization: stack.authorization });

  test.each<[string, () => unknown, Array<{ message: string; extensions: Record<string, unknown> }>]>([
    [
      'an operation with 20,000 aliases, stopped by the token limit while parsing',
      () => ({ query: `{ ${Array.from({ length: 20_000 }, (_, index) => `a${index}: __typename`).join(' ')} }` }),
      [{ message: 'Syntax Error: Document contains more that 2000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
    ],
    [
      'an operation with one alias more than the limit',
      () => ({ query: aliasStorm(16) }),
      [
        {
          message: 'Aliases limit of 15 exceeded, found 16. (MAX_OPERATION_ALIASES)',
          extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'MAX_OPERATION_ALIASES', maximum: 15 },
        },
      ],
    ],
    [
      'an operation deeper than the limit',
      () => ({ query: '{ authEvents(username: "alice", first: 1) { edges { node { eventRisk { riskLevel } } } } }' }),
      [
        {
          message: 'Query depth limit of 4 exceeded, found 5. (MAX_OPERATION_DEPTH)',
          extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'MAX_OPERATION_DEPTH', maximum: 4 },
        },
      ],
    ],
    [
      'an _entities call for 500 users that selects authEvents',
      () => entities(500, 3),
      [
        {
          message:
            'This operation may need 500 Cognito reads; the limit is 50 (MAX_OPERATION_COGNITO_READS). Ask for fewer users or smaller pages.',
          extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'MAX_OPERATION_COGNITO_READS', maximum: 50 },
        },
      ],
    ],
    [
      'eleven lookups by id, each of which may scan AUTH_EVENT_SCAN_PAGES (5) pages',
      () => ({
        query: `query Lookups($id: ID!) { ${Array.from({ length: 11 }, (_, i) => `a${i}: authEvent(id: $id) { eventId }`).join(' ')} }`,
        variables: { id: 'QXV0aEV2ZW50OmV1LXdlc3QtMV9EZW1vUG9vbDAxOmUxOmFsaWNl' },
      }),
      [
        {
          message:
            'This operation may need 55 Cognito reads; the limit is 50 (MAX_OPERATION_COGNITO_READS). Ask for fewer users or smaller pages.',
          extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'MAX_OPERATION_COGNITO_READS', maximum: 50 },
        },
      ],
    ],
  ])('refuses %s with zero Cognito calls: 200 under application/json, 400 under application/graphql-response+json', async (_name, body, errors) => {
    const json = await send(body());
    const graphqlResponseJson = await postJson(stack.gateway.graphqlUrl, body(), {
      authorization: stack.authorization,
      accept: 'application/graphql-response+json',
    });

    expect({ json: summary(json), graphqlResponseJson: summary(graphqlResponseJson), cognitoCalls: stack.emulator.calls.count() }).toEqual({
      // A GraphQL request error: GraphQL over HTTP asks for 200 under application/json, 400 under its own media type.
      json: { status: 200, errors },
      graphqlResponseJson: { status: 400, errors },
      cognitoCalls: 0,
    });
  });

  test('lets a router ask for 50 users’ latest events in one _entities call', async () => {
    const answer = await send(entities(50, 3));

    expect({ status: answer.status, errors: (answer.json as { errors?: unknown }).errors, cognitoCalls: stack.emulator.calls.count() }).toEqual({
      status: 200,
      // Unknown users: each entity's authEvents is its own NOT_FOUND, read once.
      errors: expect.any(Array),
      cognitoCalls: 50,
    });
  });

  test('counts batched JSON arrays as one refused request', async () => {
    const answer = await send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);

    expect(summary(answer)).toEqual({ status: 400, errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }] });
  });
});

describe('per-caller fair use of Cognito reads', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // A bucket of 3 reads regaining 1 a second: the fourth read in a burst must wait.
    stack = await startTestStack({ env: { ...PRODUCTION, CALLER_READS_PER_SECOND: '1', CALLER_READ_BURST: '3', MAX_OPERATION_COGNITO_READS: '3' } });
  });
  afterAll(() => stack?.close());

  test('refuses a caller over its read rate with 429 RATE_LIMITED and retryAfterSeconds, while another caller is served in the same second', async () => {
    const alice = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'alice', clientId: DEMO_WEB_CLIENT_ID });
    const bob = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, username: 'bob', clientId: DEMO_WEB_CLIENT_ID });
    const own = { query: '{ authEvents(first: 1) { edges { node { eventId } } } }' };
    stack.emulator.calls.clear();

    const aliceAnswers = [];
    for (let request = 0; request < 4; request += 1) aliceAnswers.push(await postJson(stack.gateway.graphqlUrl, own, { authorization: alice }));
    const bobAnswer = await postJson(stack.gateway.graphqlUrl, own, { authorization: bob });
    const refused = aliceAnswers[3] as HttpAnswer;

    expect({
      aliceStatuses: aliceAnswers.map((answer) => answer.status),
      refused: summary(refused),
      retryAfter: refused.headers.get('retry-after'),
      bob: { status: bobAnswer.status, errors: (bobAnswer.json as { errors?: unknown }).errors },
      cognitoReadsFor: stack.emulator.calls.list().map((call) => call.username),
    }).toEqual({
      aliceStatuses: [200, 200, 200, 429],
      refused: {
        status: 429,
        errors: [
          {
            message: 'You are over your rate of Cognito reads; retry in 1 s.',
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
          },
        ],
      },
      retryAfter: '1',
      bob: { status: 200, errors: undefined },
      cognitoReadsFor: ['alice', 'alice', 'alice', 'bob'],
    });
  });

  test('computes the cost with first given as a variable: two pages of 100 need 4 reads, over a limit of 3', async () => {
    const answer = await postJson(
      stack.gateway.graphqlUrl,
      {
        query: 'query Two($first: Int) { a: authEvents(username: "alice", first: $first) { edges { cursor } } b: authEvents(username: "bob", first: $first) { edges { cursor } } }',
        variables: { first: 100 },
      },
      { authorization: stack.authorization },
    );

    expect(summary(answer)).toEqual({
      status: 200,
      errors: [
        {
          message: 'This operation may need 4 Cognito reads; the limit is 3 (MAX_OPERATION_COGNITO_READS). Ask for fewer users or smaller pages.',
          extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'MAX_OPERATION_COGNITO_READS', maximum: 3 },
        },
      ],
    });
  });

  test('charges nothing for operations that read nothing upstream', async () => {
    const machine = await stack.tokenFor({ userPoolId: DEMO_POOL_ID, clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID });
    const answers = [];
    for (let request = 0; request < 10; request += 1) {
      answers.push((await postJson(stack.gateway.graphqlUrl, { query: '{ authEvents(username: "bob", first: 0) { pageInfo { hasNextPage } } }' }, { authorization: machine })).status);
    }

    expect(answers).toEqual(Array.from({ length: 10 }, () => 200));
  });
});
