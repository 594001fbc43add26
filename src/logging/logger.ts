import pino, { type Logger } from 'pino';

/** The gateway's structured logger (pino). */
export type GatewayLogger = Logger;

/**
 * Keys whose values are secrets or personal data. They are censored wherever they appear in a
 * log record, as a safety net: the code itself never logs usernames, tokens or cursors.
 */
const REDACTED_PATHS = [
  'username',
  'Username',
  'feedbackToken',
  'FeedbackToken',
  'nextToken',
  'NextToken',
  'cursor',
  'after',
  'authorization',
  'req.headers.authorization',
  '*.username',
  '*.Username',
  '*.feedbackToken',
  '*.FeedbackToken',
  '*.nextToken',
  '*.NextToken',
  '*.after',
  '*.variables',
];

/**
 * Creates the process logger at `level` (`silent` in tests): JSON lines, or, when `pretty` (a
 * terminal outside production), pino-pretty's readable lines. Those are written synchronously
 * on the main thread, not by a transport's worker, so start-up warnings stay before the banner.
 */
export function createLogger(level: string, pretty = false): GatewayLogger {
  const options = {
    level,
    base: { service: 'cognito-auth-events-gateway' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (!pretty) return pino(options);
  // Loaded only for a terminal: a deployment writing JSON lines never loads pino-pretty.
  const pinoPretty = require('pino-pretty') as typeof import('pino-pretty');
  return pino(options, pinoPretty({ sync: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss.l' }));
}
