import { Trace } from '@apollo/usage-reporting-protobuf';
import { DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { postJson } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Apollo's federated tracing (ftv1): a router asks a subgraph for a trace of each operation with
 * `apollo-federation-include-trace: ftv1`, and gets it in `extensions.ftv1` (a base64 protobuf).
 * Operations are executed compiled (graphql-jit); a traced one runs through graphql-js, which
 * calls the resolvers Apollo instruments, so its trace has every field.
 */

const QUERY = 'query Traced { authEvents(username: "bob", first: 2) { edges { node { eventId eventType } } } }';

/** Every response path of a trace, as `authEvents.edges.0.node.eventId`. */
function pathsOf(node: Trace.INode, prefix: readonly (string | number)[] = []): string[] {
  const here = node.responseName ? [...prefix, node.responseName] : node.index !== null && node.index !== undefined ? [...prefix, node.index] : prefix;
  const own = here.length > prefix.length ? [here.join('.')] : [];
  return [...own, ...(node.child ?? []).flatMap((child) => pathsOf(child, here))];
}

describe('federated tracing (ftv1) for a router', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  test('answers a router that asks for a trace with the data and a trace of every field resolved', async () => {
    const traced = await postJson(stack.gateway.graphqlUrl, { query: QUERY }, { authorization: stack.authorization, 'apollo-federation-include-trace': 'ftv1' });
    const body = traced.json as { data: unknown; extensions?: { ftv1?: string } };
    const trace = Trace.decode(Buffer.from(body.extensions?.ftv1 ?? '', 'base64'));
    const [first, second] = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'bob');

    expect({ status: traced.status, data: body.data, paths: (trace.root?.child ?? []).flatMap((child) => pathsOf(child)).sort() }).toEqual({
      status: 200,
      data: {
        authEvents: {
          edges: [first, second].map((event) => ({ node: { eventId: event?.EventId, eventType: expect.any(String) } })),
        },
      },
      paths: [
        'authEvents',
        'authEvents.edges',
        'authEvents.edges.0',
        'authEvents.edges.0.node',
        'authEvents.edges.0.node.eventId',
        'authEvents.edges.0.node.eventType',
        'authEvents.edges.1',
        'authEvents.edges.1.node',
        'authEvents.edges.1.node.eventId',
        'authEvents.edges.1.node.eventType',
      ],
    });
  });

  test('adds no trace to a request that does not ask for one, with the same data', async () => {
    const traced = await postJson(stack.gateway.graphqlUrl, { query: QUERY }, { authorization: stack.authorization, 'apollo-federation-include-trace': 'ftv1' });
    const plain = await postJson(stack.gateway.graphqlUrl, { query: QUERY }, { authorization: stack.authorization });

    expect({ extensions: (plain.json as { extensions?: unknown }).extensions, sameData: JSON.stringify((plain.json as { data: unknown }).data) === JSON.stringify((traced.json as { data: unknown }).data) }).toEqual({
      extensions: undefined,
      sameData: true,
    });
  });
});
