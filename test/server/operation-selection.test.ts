import { postJson } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Which operation of a document runs, and what a request that names none of them gets. The
 * gateway executes compiled operations (graphql-jit), which would run a document's only
 * operation whatever `operationName` says; these hold it to graphql-js's answers. Found by the
 * fuzzer (`operationName: ""` was a 500).
 */
describe('choosing the operation of a document', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.emulator.calls.clear());

  const ONE_OPERATION = 'query Latest { authEvents(username: "alice", first: 1) { edges { node { eventId } } } }';
  const TWO_OPERATIONS = `${ONE_OPERATION} query Kind { __typename }`;

  test.each([
    ['an empty name, one operation', ONE_OPERATION, '', 'Unknown operation named "".'],
    ['an empty name, an anonymous operation', '{ authEvents(username: "alice", first: 1) { edges { node { eventId } } } }', '', 'Unknown operation named "".'],
    ['a name the document lacks, one operation', ONE_OPERATION, 'Other', 'Unknown operation named "Other".'],
    ['a name the document lacks, two operations', TWO_OPERATIONS, 'Other', 'Unknown operation named "Other".'],
    ['no name, two operations', TWO_OPERATIONS, undefined, 'Must provide operation name if query contains multiple operations.'],
  ])('%s: OPERATION_RESOLUTION_FAILURE, and Cognito is not called', async (_case, query, operationName, message) => {
    const answer = await postJson(stack.gateway.graphqlUrl, { query, operationName }, { authorization: stack.authorization });

    expect({ status: answer.status, body: answer.json, cognitoCalls: stack.emulator.calls.count() }).toEqual({
      status: 200,
      body: { errors: [{ message, extensions: { code: 'OPERATION_RESOLUTION_FAILURE', stacktrace: expect.any(Array) } }] },
      cognitoCalls: 0,
    });
  });

  test('runs the named operation of two, and only it', async () => {
    const answer = await postJson(stack.gateway.graphqlUrl, { query: TWO_OPERATIONS, operationName: 'Kind' }, { authorization: stack.authorization });

    expect({ status: answer.status, body: answer.json, cognitoCalls: stack.emulator.calls.count() }).toEqual({
      status: 200,
      body: { data: { __typename: 'Query' } },
      cognitoCalls: 0,
    });
  });
});
