// First: tracing, when configured, must be running before the modules it instruments load.
import { tracing } from './tracing/tracing.register';
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
  if (tracing !== undefined) logger.info({ tracing: tracing.summary }, 'tracing on (OpenTelemetry)');
  const gateway = await startGateway(config, { logger, ...(tracing === undefined ? {} : { tracer: tracing.tracer }) });
  logger.info({ url: gateway.graphqlUrl, userPools: config.userPoolIds.length }, 'gateway ready');

  // Spans still buffered are exported after the last request is answered.
  shutDownOnSignal(async () => {
    await gateway.close();
    await tracing?.shutdown();
  }, config.operations, logger);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`The gateway failed to start: ${message}\n`);
  process.exitCode = 1;
});
