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

/** Creates the process logger at `level` (`silent` in tests). */
export function createLogger(level: string): GatewayLogger {
  return pino({
    level,
    base: { service: 'cognito-auth-events-gateway' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
}
