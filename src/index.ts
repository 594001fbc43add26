import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './logging/logger';
import { startGateway } from './server/gateway.server';
import { installLastResortHandlers } from './server/last-resort.handlers';
import { shutDownOnSignal } from './server/shutdown-on-signal';

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
  const gateway = await startGateway(config, { logger });
  logger.info({ url: gateway.graphqlUrl, userPools: config.userPoolIds.length }, 'gateway ready');

  shutDownOnSignal(() => gateway.close(), config.operations, logger);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`The gateway failed to start: ${message}\n`);
  process.exitCode = 1;
});
