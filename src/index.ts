import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './logging/logger';
import { startGateway } from './server/gateway.server';
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
  const logger = createLogger(config.logLevel);
  installLastResortHandlers(logger);
  const gateway = await startGateway(config, { logger });

  if (config.cursors.ephemeralKeys) {
    logger.warn('CURSOR_SECRET is not set: cursors use a random key and stop working when the process restarts');
  }
  if (gateway.emulator !== undefined) {
    process.stdout.write(
      [
        '',
        `Cognito auth-events gateway ready at ${gateway.graphqlUrl}`,
        `Open the Apollo Sandbox: ${gateway.graphqlUrl}`,
        `Upstream: embedded Cognito emulator at ${gateway.emulator.endpoint} (no AWS needed)`,
        `Default user pool: ${config.defaultUserPoolId}`,
        `Try a username: ${EXAMPLE_USERNAMES.join(', ')}`,
        '  query { authEvents(username: "alice", first: 5) { edges { node { eventType creationDate eventResponse eventRisk { riskLevel } } } pageInfo { hasNextPage endCursor } } }',
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
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    gateway.close().then(
      () => logger.info('stopped'),
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exitCode = 1;
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
