import { once } from 'node:events';
import { type CognitoEmulator, DEMO_POOL_ID, startCognitoEmulator } from 'cognito-auth-events-emulator';
import { LOCAL_STACK, productionEnv, startEntryPoint, stopProcess, waitForOutput } from '../support/gateway-process';

const QUERY = '{ authEvents(username: "alice", first: 2) { edges { node { eventId } } pageInfo { hasNextPage } } }';

async function query(url: string, authorization: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: QUERY }),
  });
  return response.json();
}

describe('the gateway process', () => {
  test('npm start runs the gateway on the emulator without configuration, prints the Sandbox, ready tokens and example users, answers, and stops on SIGTERM', async () => {
    // Port 0 for the emulator too: parallel test files must not fight over 9325.
    const started = startEntryPoint({ PORT: '0', EMULATOR_PORT: '0', LOG_LEVEL: 'warn' }, LOCAL_STACK);
    try {
      const url = await waitForOutput(started, /Open the Apollo Sandbox: (http:\/\/\S+)/);
      const alice = /alice \(reads her own history\): +Authorization: (Bearer \S+)/.exec(started.output())?.[1] ?? '';
      const admin = /admin \(reads anyone's\): +Authorization: (Bearer \S+)/.exec(started.output())?.[1] ?? '';
      const sandbox = await fetch(url, { headers: { accept: 'text/html' } });
      const sandboxPage = await sandbox.text();

      expect({
        asAlice: await query(url, alice),
        asAdmin: await query(url, admin),
        anonymous: await query(url, ''),
        sandboxStatus: sandbox.status,
        sandboxEmbedded: sandboxPage.includes('embeddable-sandbox'),
        sandboxSignedIn: sandboxPage.includes(alice),
        namesUsers: started.output().includes('As admin, try a username: alice, bob, frequent-flyer, future-fiona'),
        warningBeforeBanner:
          started.output().indexOf('CURSOR_SECRET is not set') >= 0 &&
          started.output().indexOf('CURSOR_SECRET is not set') < started.output().indexOf('Cognito auth-events gateway ready'),
      }).toEqual({
        asAlice: { data: { authEvents: { edges: expect.any(Array), pageInfo: { hasNextPage: true } } } },
        asAdmin: { data: { authEvents: { edges: expect.any(Array), pageInfo: { hasNextPage: true } } } },
        anonymous: { errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })] },
        sandboxStatus: 200,
        sandboxEmbedded: true,
        sandboxSignedIn: true,
        namesUsers: true,
        warningBeforeBanner: true,
      });
    } finally {
      expect(await stopProcess(started)).toBe(0);
    }
  });

  test('refuses to start in production with one line naming the missing setting', async () => {
    const started = startEntryPoint({ NODE_ENV: 'production', PORT: '0' });
    const [code] = (await once(started.child, 'exit')) as [number | null];

    expect({ code, output: started.output() }).toEqual({
      code: 1,
      output:
        'Configuration error: COGNITO_USER_POOL_IDS is not set: name the user pools to serve, comma-separated (the first is the default).\n',
    });
  });

  test('refuses to start in production with AUTH_MODE=none, in one line', async () => {
    const started = startEntryPoint({
      NODE_ENV: 'production',
      PORT: '0',
      COGNITO_USER_POOL_IDS: DEMO_POOL_ID,
      CURSOR_SECRET: 'process-test-secret-0123456789-abcdefgh',
      AUTH_MODE: 'none',
    });
    const [code] = (await once(started.child, 'exit')) as [number | null];

    expect({ code, output: started.output() }).toEqual({
      code: 1,
      output: 'Configuration error: AUTH_MODE=none is refused in production: every caller would be an admin. Use AUTH_MODE=jwt.\n',
    });
  });

  describe('in production with the SDK standard configuration', () => {
    let emulator: CognitoEmulator;
    let authorization: string;
    beforeAll(async () => {
      emulator = await startCognitoEmulator();
      authorization = `Bearer ${(await emulator.mintToken({ userPoolId: DEMO_POOL_ID, username: 'alice' })).token}`;
    });
    afterAll(() => emulator.close());

    test('reaches Cognito at AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER with signed requests and starts no emulator', async () => {
      const started = startEntryPoint(productionEnv(emulator));
      try {
        const url = await waitForOutput(started, /"url":"(http:\/\/[^"]+)"/);
        const answer = await query(url, authorization);

        expect({
          answer,
          calls: emulator.calls.list().map((call) => ({ operation: call.operation, signed: call.signed })),
          mentionsEmulator: /emulator/i.test(started.output()),
        }).toEqual({
          answer: {
            data: {
              authEvents: {
                edges: emulator.store
                  .eventsOf(DEMO_POOL_ID, 'alice')
                  .slice(0, 2)
                  .map((event) => ({ node: { eventId: event.EventId } })),
                pageInfo: { hasNextPage: true },
              },
            },
          },
          calls: [{ operation: 'AdminListUserAuthEvents', signed: true }],
          mentionsEmulator: false,
        });
      } finally {
        expect(await stopProcess(started)).toBe(0);
      }
    });

    test('on SIGTERM turns /readyz to 503 at once, finishes the request in flight, and exits 0 within the grace', async () => {
      emulator.faults.set({ latencyMs: 1000 });
      const started = startEntryPoint({ ...productionEnv(emulator), SHUTDOWN_DRAIN_DELAY_MS: '300', SHUTDOWN_GRACE_MS: '3000' });
      try {
        const url = await waitForOutput(started, /"url":"(http:\/\/[^"]+)"/);
        const inFlight = query(url, authorization);
        await emulator.calls.waitFor((call) => call.outcome === 'pending');
        const signalledAt = Date.now();
        started.child.kill('SIGTERM');
        await waitForOutput(started, /"msg":"(shutting down)/);
        const readiness = await fetch(new URL('/readyz', url));
        const exited = once(started.child, 'exit') as Promise<[number | null]>;

        expect({
          readiness: { status: readiness.status, body: await readiness.json() },
          answer: await inFlight,
          code: (await exited)[0],
          withinGrace: Date.now() - signalledAt < 300 + 3000,
        }).toEqual({
          readiness: { status: 503, body: { status: 'not ready', reasons: ['draining: the process is shutting down'] } },
          answer: { data: { authEvents: { edges: expect.any(Array), pageInfo: { hasNextPage: true } } } },
          code: 0,
          withinGrace: true,
        });
      } finally {
        emulator.faults.reset();
        if (started.child.exitCode === null) started.child.kill('SIGKILL');
      }
    });

    test('survives the requests that once ended it, never reaching the last-resort handler, and still answers', async () => {
      const started = startEntryPoint(productionEnv(emulator));
      try {
        const url = await waitForOutput(started, /"url":"(http:\/\/[^"]+)"/);
        const hostile = [
          JSON.stringify({
            query: 'query R($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }',
            variables: { r: [{ __typename: 'User', id: 42 }, { __typename: 'Nope', id: 'x' }] },
          }),
          JSON.stringify({ query: 'subscription { _service { sdl } }' }),
          '{"query": "{ __typename }"',
        ];
        const statuses = [];
        for (const body of hostile) {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
          statuses.push(response.status);
          await response.text();
        }
        // An unhandled rejection ends the process within the turn of the event loop that made it:
        // the query below, several turns later, finds the process still answering or not at all.
        expect({
          statuses,
          running: started.child.exitCode === null,
          answer: await query(url, authorization),
          fatal: started.output().includes('fatal'),
          runningAfter: started.child.exitCode === null,
        }).toEqual({
          // The subscription is a GraphQL request error (200 under application/json); the broken JSON is not a GraphQL request (400).
          statuses: [200, 200, 400],
          running: true,
          answer: { data: { authEvents: { edges: expect.any(Array), pageInfo: { hasNextPage: true } } } },
          fatal: false,
          runningAfter: true,
        });
      } finally {
        expect(await stopProcess(started)).toBe(0);
      }
    });
  });
});
