import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './logging/logger';
import { emulatorDemoTokens, startGateway } from './server/gateway.server';
import { installLastResortHandlers } from './server/last-resort.handlers';

/** Example users of the embedded emulator's demo pool, printed so they can be pasted into the Sandbox. */
const EXAMPLE_USERNAMES = ['alice', 'bob', 'frequent-flyer', 'future-fiona'];

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, process.stdout.isTTY === true && !config.production);
  installLastResortHandlers(logger);
  // Start-up warnings come first, so they are read before the banner, not scrolled past.
  if (config.cursors.ephemeralKeys) {
    logger.warn('CURSOR_SECRET is not set: cursors use a random key and stop working when the process restarts');
  }
  const gateway = await startGateway(config, { logger });

  if (gateway.emulator !== undefined) {
    const tokens = await emulatorDemoTokens(gateway.emulator);
    const tokenCommand =
      gateway.emulator.port === 9325 ? 'npm run token -- bob' : `npm run token -- bob --endpoint ${gateway.emulator.endpoint}`;
    process.stdout.write(
      [
        '',
        `Cognito auth-events gateway ready at ${gateway.graphqlUrl}`,
        `Open the Apollo Sandbox: ${gateway.graphqlUrl}`,
        '  It is signed in as alice (Connection settings > Shared headers holds her Authorization header).',
        `Upstream: embedded Cognito emulator at ${gateway.emulator.endpoint} (no AWS needed)`,
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
  } else {
    logger.info({ url: gateway.graphqlUrl, userPools: config.userPoolIds.length }, 'gateway ready');
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.operations.shutdownGraceMs }, 'shutting down: not ready, finishing in-flight requests');
    // Whatever happens, the process is gone a little after the drain delay and the grace.
    const deadline = config.operations.shutdownDrainDelayMs + config.operations.shutdownGraceMs + 2000;
    setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, deadline).unref();
    gateway.close().then(
      () => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ error: { name: error instanceof Error ? error.name : typeof error } }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`The gateway failed to start: ${message}\n`);
  process.exitCode = 1;
});
