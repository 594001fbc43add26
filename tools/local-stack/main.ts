// First: tracing, when configured (OTEL_* variables), must be running before the modules it instruments load.
import { tracing } from '../../src/tracing/tracing.register';
import { DEFAULT_EMULATOR_PORT, discoveryDirectory, readEmulatorPort } from 'cognito-auth-events-emulator';
import { ConfigError } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { installLastResortHandlers } from '../../src/server/last-resort.handlers';
import { shutDownOnSignal } from '../../src/server/shutdown-on-signal';
import { startLocalStack, type LocalStack } from './local-stack';
import { EXPLORER_PATH } from './offline-explorer';

/** Users of the demo pool worth a first look, printed so they can be pasted into the Sandbox. */
const EXAMPLE_USERNAMES = ['alice', 'bob', 'frequent-flyer', 'future-fiona'];

/**
 * `npm start`: the gateway on the Cognito emulator, no AWS needed. Reads the gateway's settings
 * from the environment as the gateway does (`PORT`, `LOG_LEVEL`, …) and `EMULATOR_PORT`
 * (default 9325; a free one when taken) for the emulator, leaves a record of both for
 * `npm run token`, then prints where everything is and ready-made tokens.
 */
async function main(): Promise<void> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'info', process.stdout.isTTY === true);
  installLastResortHandlers(logger);
  let stack: LocalStack;
  try {
    const emulatorPort = readEmulatorPort(process.env.EMULATOR_PORT);
    stack = await startLocalStack({ env: process.env, emulatorPort, logger, discoveryDirectory: discoveryDirectory(), tracer: tracing?.tracer });
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof RangeError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  const { gateway, emulator, tokens, config } = stack;
  const origin = new URL(gateway.graphqlUrl).origin;
  process.stdout.write(
    [
      '',
      `Cognito auth-events gateway ready at ${gateway.graphqlUrl}`,
      `Open the Apollo Sandbox: ${gateway.graphqlUrl}`,
      '  It is signed in as alice (Connection settings > Shared headers holds her Authorization header).',
      `  Offline, or the Sandbox does not load? The local explorer (GraphiQL, no CDN), signed in the same way: ${origin}${EXPLORER_PATH}`,
      '  Both pages embed alice\'s token and are served to anyone who can reach this port: fine on loopback, off in production.',
      `Upstream: the Cognito emulator at ${emulator.endpoint} (no AWS needed)${emulator.port === DEFAULT_EMULATOR_PORT ? '' : `, on a port of its own: ${DEFAULT_EMULATOR_PORT} was taken or EMULATOR_PORT chose it`}`,
      `Default user pool: ${config.defaultUserPoolId}`,
      '',
      'Every request needs a token. Ready-made headers, valid for 24 hours:',
      `  alice (reads her own history):  Authorization: ${tokens.user}`,
      `  admin (reads anyone's):         Authorization: ${tokens.admin}`,
      '  another user: npm run token -- bob   (or --admin, --id, --groups auth-events-admin; it finds this emulator wherever it listens)',
      '',
      `As alice: query { authEvents(first: 5) { edges { node { eventType creationDate eventResponse eventRisk { riskLevel } } } pageInfo { hasNextPage endCursor } } }`,
      `As admin, try a username: ${EXAMPLE_USERNAMES.join(', ')}`,
      `  curl ${gateway.graphqlUrl} -H 'content-type: application/json' -H 'Authorization: ${tokens.admin}' \\`,
      `    -d '{"query":"{ authEvents(username: \\"bob\\", first: 2) { edges { node { eventType creationDate } } } }"}'`,
      '',
    ].join('\n'),
  );
  shutDownOnSignal(async () => {
    await stack.close();
    await tracing?.shutdown();
  }, config.operations, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`The gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
