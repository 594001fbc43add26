import { ConfigError } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { installLastResortHandlers } from '../../src/server/last-resort.handlers';
import { shutDownOnSignal } from '../../src/server/shutdown-on-signal';
import { DEFAULT_EMULATOR_PORT, startLocalStack, type LocalStack } from './local-stack';

/** Users of the demo pool worth a first look, printed so they can be pasted into the Sandbox. */
const EXAMPLE_USERNAMES = ['alice', 'bob', 'frequent-flyer', 'future-fiona'];

/**
 * `npm start`: the gateway on the Cognito emulator, no AWS needed. Reads the gateway's settings
 * from the environment as the gateway does (`PORT`, `LOG_LEVEL`, …) and `EMULATOR_PORT`
 * (default 9325) for the emulator, then prints where everything is and ready-made tokens.
 */
async function main(): Promise<void> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'info', process.stdout.isTTY === true);
  installLastResortHandlers(logger);
  let stack: LocalStack;
  try {
    const emulatorPort = emulatorPortOf(process.env.EMULATOR_PORT);
    stack = await startLocalStack({ env: process.env, emulatorPort, logger });
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof RangeError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  const { gateway, emulator, tokens, config } = stack;
  const tokenCommand = emulator.port === DEFAULT_EMULATOR_PORT ? 'npm run token -- bob' : `npm run token -- bob --endpoint ${emulator.endpoint}`;
  process.stdout.write(
    [
      '',
      `Cognito auth-events gateway ready at ${gateway.graphqlUrl}`,
      `Open the Apollo Sandbox: ${gateway.graphqlUrl}`,
      '  It is signed in as alice (Connection settings > Shared headers holds her Authorization header).',
      `Upstream: the Cognito emulator at ${emulator.endpoint} (no AWS needed)`,
      `Default user pool: ${config.defaultUserPoolId}`,
      '',
      'Every request needs a token. Ready-made headers, valid for 24 hours:',
      `  alice (reads her own history):  Authorization: ${tokens.user}`,
      `  admin (reads anyone's):         Authorization: ${tokens.admin}`,
      `  another user: ${tokenCommand}   (or --admin, --id, --groups auth-events-admin)`,
      '',
      `As alice: query { authEvents(first: 5) { edges { node { eventType creationDate eventResponse eventRisk { riskLevel } } } pageInfo { hasNextPage endCursor } } }`,
      `As admin, try a username: ${EXAMPLE_USERNAMES.join(', ')}`,
      `  curl ${gateway.graphqlUrl} -H 'content-type: application/json' -H 'Authorization: ${tokens.admin}' \\`,
      `    -d '{"query":"{ authEvents(username: \\"bob\\", first: 2) { edges { node { eventType creationDate } } } }"}'`,
      '',
    ].join('\n'),
  );
  shutDownOnSignal(() => stack.close(), config.operations, logger);
}

function emulatorPortOf(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === '') return DEFAULT_EMULATOR_PORT;
  const port = Number(setting);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`EMULATOR_PORT must be a port number from 0 to 65535; it is '${setting}'.`);
  }
  return port;
}

main().catch((error: unknown) => {
  process.stderr.write(`The gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
