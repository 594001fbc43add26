import type { OperationsConfig } from '../config/config';
import type { GatewayLogger } from '../logging/logger';

/**
 * Stops the process cleanly on SIGTERM or SIGINT: `close` drains and releases everything (the
 * gateway's `close`, and whatever the caller started beside it), then the process exits 0, or 1
 * when closing failed. Whatever happens, it is gone a little after the drain delay and the grace,
 * so an orchestrator never has to kill it.
 */
export function shutDownOnSignal(close: () => Promise<void>, operations: OperationsConfig, logger: GatewayLogger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: operations.shutdownGraceMs }, 'shutting down: not ready, finishing in-flight requests');
    const deadline = operations.shutdownDrainDelayMs + operations.shutdownGraceMs + 2000;
    setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, deadline).unref();
    close().then(
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
