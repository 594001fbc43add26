import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  type ConcreteRequest,
  type GraphQLResponse,
  type ReaderFragment,
  type SingularReaderSelector,
  commitMutation,
  createOperationDescriptor,
  Environment,
  fetchQuery,
  getPaginationMetadata,
  getPaginationVariables,
  getSelector,
  Network,
  RecordSource,
  Store,
} from 'relay-runtime';
import { DEMO_POOL_ID } from 'cognito-auth-events-emulator';
import { expectedAuthEventId } from '../support/expected-auth-events';
import { CLIENT_PAGE_SIZE, expectedGrowth, FEEDBACK_TARGET_INDEX } from './client-paging';
import { startTestStack, type TestStack } from '../support/test-stack';

const REPOSITORY_ROOT = resolve(__dirname, '../..');
// The documents Relay compiles: `.js` so GraphQL Code Generator, which reads test/**/*.ts, skips them.
const RELAY_SOURCES = join(__dirname, 'relay');

/** What the fragment reads from one history, as Relay's reader returns it. */
interface HistoryConnection {
  edges: Array<{
    cursor: string;
    node: { id: string; eventId: string; eventFeedback: { feedbackValue: string; provider: string } | null };
  }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The artifacts relay-compiler wrote for test/clients/relay/. */
interface RelayArtifacts {
  historyFragment: ReaderFragment;
  feedbackMutation: ConcreteRequest;
}

/**
 * Runs the relay-compiler binary shipped in the package against schema.client.graphql, into a
 * fresh directory, so a schema change Relay cannot compile against fails the test run.
 */
async function compileRelayArtifacts(artifactDirectory: string): Promise<RelayArtifacts> {
  const binary: unknown = require('relay-compiler'); // the package's main is the path of its native binary
  if (typeof binary !== 'string') throw new Error(`relay-compiler ships no binary for ${process.platform}-${process.arch}`);
  await mkdir(artifactDirectory, { recursive: true });
  const configPath = join(artifactDirectory, '..', 'relay.config.json');
  const config = {
    src: RELAY_SOURCES,
    schema: join(REPOSITORY_ROOT, 'schema.client.graphql'),
    language: 'javascript',
    // CommonJS artifacts, so Jest can require them without a transform.
    eagerEsModules: false,
    artifactDirectory,
  };
  await writeFile(configPath, JSON.stringify(config, null, 2));
  await promisify(execFile)(binary, ['--noWatchman', '--output', 'quiet-with-errors', configPath]);
  // Generated at test time, so they have no declarations; they are the relay-runtime shapes named.
  const load = (name: string): unknown => require(join(artifactDirectory, `${name}.graphql.js`));
  return {
    historyFragment: load('AuthEventHistory_query') as ReaderFragment,
    feedbackMutation: load('AuthEventHistoryFeedbackMutation') as ConcreteRequest,
  };
}

/** An unmodified Relay environment over HTTP, with the operation names its network layer sent. */
function relayEnvironmentFor(stack: TestStack) {
  const requests: string[] = [];
  const network = Network.create(async (params, variables) => {
    requests.push(params.name);
    const response = await fetch(stack.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: stack.authorization },
      body: JSON.stringify({ query: params.text, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  });
  return { environment: new Environment({ network, store: new Store(new RecordSource()) }), requests };
}

/**
 * Pages a user's history the way react-relay's `usePaginationFragment` does: the refetchable
 * query first, then that query again with the variables Relay derives from the connection's
 * `endCursor`, reading the merged connection back from the store after every page.
 */
async function loadWholeHistory(environment: Environment, historyFragment: ReaderFragment, username: string) {
  const { paginationRequest, paginationMetadata } = getPaginationMetadata(historyFragment, 'AuthEventHistory');
  const baseVariables = { username, count: CLIENT_PAGE_SIZE, cursor: null };
  const operation = createOperationDescriptor(paginationRequest, baseVariables);
  // Held as a screen showing the list would hold it, so the store keeps the merged connection.
  const retained = environment.retain(operation);
  const readConnection = (): HistoryConnection => {
    const root = environment.lookup(operation.fragment);
    const selector = getSelector(historyFragment, root.data) as SingularReaderSelector;
    const data = environment.lookup(selector).data as { authEvents: HistoryConnection | null };
    if (data.authEvents === null) throw new Error(`the store holds no connection for ${username}`);
    return data.authEvents;
  };

  await fetchQuery(environment, paginationRequest, baseVariables).toPromise();
  let connection = readConnection();
  const edgesAfterEachPage = [connection.edges.length];
  while (connection.pageInfo.hasNextPage) {
    const cursor = connection.pageInfo.endCursor;
    const variables = getPaginationVariables('forward', CLIENT_PAGE_SIZE, cursor, baseVariables, {}, paginationMetadata);
    await fetchQuery(environment, paginationRequest, variables).toPromise();
    connection = readConnection();
    edgesAfterEachPage.push(connection.edges.length);
    if (edgesAfterEachPage.length > 100) throw new Error(`paging did not reach the end of ${username}'s history`);
  }
  return { readConnection, edgesAfterEachPage, release: () => retained.dispose() };
}

describe('Relay against the gateway', () => {
  let workDirectory: string;
  let artifacts: RelayArtifacts;
  let stack: TestStack;
  beforeAll(async () => {
    workDirectory = await mkdtemp(join(tmpdir(), 'relay-artifacts-'));
    artifacts = await compileRelayArtifacts(join(workDirectory, '__generated__'));
    stack = await startTestStack();
  }, 60000);
  afterAll(async () => {
    await stack?.close();
    if (workDirectory !== undefined) await rm(workDirectory, { recursive: true, force: true });
  });
  beforeEach(() => {
    stack.emulator.reset();
  });

  const eventIdsOf = (username: string) => stack.emulator.store.eventsOf(DEMO_POOL_ID, username).map((event) => event.EventId);

  test('paging the refetchable query along endCursor builds one connection holding a 450-event history once, in order', async () => {
    const { environment, requests } = relayEnvironmentFor(stack);
    const history = await loadWholeHistory(environment, artifacts.historyFragment, 'frequent-flyer');
    const connection = history.readConnection();
    history.release();

    expect(connection.edges.map((edge) => edge.node.eventId)).toEqual(eventIdsOf('frequent-flyer'));
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(
      eventIdsOf('frequent-flyer').map((eventId) => expectedAuthEventId(DEMO_POOL_ID, 'frequent-flyer', eventId)),
    );
    expect(history.edgesAfterEachPage).toEqual(expectedGrowth(450));
    expect(requests).toEqual(expectedGrowth(450).map(() => 'AuthEventHistoryPaginationQuery'));
  });

  test('commitMutation updates the AuthEvent record by id, and the connection edge shows the new feedback', async () => {
    const { environment, requests } = relayEnvironmentFor(stack);
    const history = await loadWholeHistory(environment, artifacts.historyFragment, 'frequent-flyer');
    const target = stack.emulator.store.eventsOf(DEMO_POOL_ID, 'frequent-flyer')[FEEDBACK_TARGET_INDEX];
    if (target === undefined) throw new Error(`the seed has no event ${FEEDBACK_TARGET_INDEX} for frequent-flyer`);
    const id = expectedAuthEventId(DEMO_POOL_ID, 'frequent-flyer', target.EventId);
    const feedbackIn = (connection: HistoryConnection) =>
      connection.edges.map((edge) => [edge.node.eventId, edge.node.eventFeedback?.feedbackValue ?? null]);
    const before = feedbackIn(history.readConnection());
    expect(before[FEEDBACK_TARGET_INDEX]).toEqual([target.EventId, 'VALID']);
    requests.length = 0;
    stack.emulator.calls.clear();

    const response = await new Promise<unknown>((resolveMutation, rejectMutation) => {
      commitMutation(environment, {
        mutation: artifacts.feedbackMutation,
        variables: { input: { username: 'frequent-flyer', eventId: target.EventId, feedbackValue: 'INVALID' } },
        onCompleted: (data, errors) => (errors ? rejectMutation(new Error(JSON.stringify(errors))) : resolveMutation(data)),
        onError: rejectMutation,
      });
    });
    const source = environment.getStore().getSource();
    const record = source.get(id);
    const feedbackRecord = source.get((record?.['eventFeedback'] as { __ref: string } | undefined)?.__ref ?? '');
    const after = feedbackIn(history.readConnection());
    history.release();

    expect(response).toEqual({
      updateAuthEventFeedback: { authEvent: { id, eventFeedback: { feedbackValue: 'INVALID', provider: 'Admin' } } },
    });
    expect({ feedbackValue: feedbackRecord?.['feedbackValue'], provider: feedbackRecord?.['provider'] }).toEqual({
      feedbackValue: 'INVALID',
      provider: 'Admin',
    });
    expect(after).toEqual(before.map((entry, index) => (index === FEEDBACK_TARGET_INDEX ? [target.EventId, 'INVALID'] : entry)));
    expect(requests).toEqual(['AuthEventHistoryFeedbackMutation']);
    // The update, then its read-back of the event from the user's first Cognito page; no list refetch.
    expect(stack.emulator.calls.list().map((call) => call.operation)).toEqual([
      'AdminUpdateAuthEventFeedback',
      'AdminListUserAuthEvents',
    ]);
  });
});
