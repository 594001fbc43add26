import type { GatewayLogger } from '../logging/logger';

/**
 * The process's last resort: an error that escaped every request's own error path
 * (`unhandledRejection`, `uncaughtException`) is a bug that may have left the process in a
 * state nobody can vouch for, so it is logged once and the process exits non-zero for the
 * orchestrator to restart it, rather than kept alive half-broken. Requests never reach this:
 * each failure is settled in its own request (tests prove it for every known case).
 *
 * The log carries the error's name and stack frames, never its message, which may hold a
 * username or a token.
 */
export function installLastResortHandlers(logger: GatewayLogger, exit: (code: number) => void = process.exit): void {
  let fatal = false;
  const onFatal = (kind: string) => (error: unknown) => {
    if (fatal) return;
    fatal = true;
    const detail = error instanceof Error ? error : new Error(typeof error);
    logger.fatal(
      { kind, error: { name: detail.name, frames: detail.stack?.split('\n').slice(1, 8).join('\n') } },
      'fatal: an error escaped its request; exiting so the process is restarted',
    );
    logger.flush();
    exit(70);
  };
  process.on('unhandledRejection', onFatal('unhandledRejection'));
  process.on('uncaughtException', onFatal('uncaughtException'));
}
