import { DEMO_POOL_ID, DEMO_SUPPORT_CONSOLE_CLIENT_ID, DEMO_WEB_CLIENT_ID, NO_THREAT_PROTECTION_POOL_ID } from 'cognito-auth-events-emulator';

/** The cursor secret of the fuzzed gateway, which no answer may hold. */
export const FUZZ_CURSOR_SECRET = 'fuzz-cursor-secret-not-for-production-0123456789';

/**
 * Settings of the fuzzed gateway beside `NODE_ENV=production`: the demo pool and the pool
 * without threat protection (not the other pool, whose tokens must be refused), and the rates
 * opened wide. The per-caller bucket (5 reads a second by default) would otherwise answer
 * nearly every request of a sequential fuzzer with 429 before its document is even costed, and
 * the Cognito rates (40 reads a second) would make it wait; the limits that decide what a
 * document may do (shape, cost, body size) stay at their defaults. The page cache is off so
 * every Cognito call the emulator logs belongs to the request that caused it.
 */
export const FUZZ_GATEWAY_SETTINGS: Readonly<Record<string, string>> = {
  COGNITO_USER_POOL_IDS: `${DEMO_POOL_ID},${NO_THREAT_PROTECTION_POOL_ID}`,
  AUTH_CLIENT_IDS: `${DEMO_WEB_CLIENT_ID},${DEMO_SUPPORT_CONSOLE_CLIENT_ID}`,
  CURSOR_SECRET: FUZZ_CURSOR_SECRET,
  CALLER_READS_PER_SECOND: '100000',
  CALLER_READ_BURST: '100000',
  COGNITO_READ_RPS: '10000',
  COGNITO_WRITE_RPS: '10000',
  PAGE_CACHE_TTL_MS: '0',
};

/**
 * The whole environment of a fuzzed gateway process on `port` whose Cognito is the emulator at
 * `endpoint`, with `extra` settings (a deployment's shape) on top.
 */
export function fuzzGatewayEnv(endpoint: string, port: number, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'silent',
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'fuzz',
    AWS_SECRET_ACCESS_KEY: 'fuzz',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...FUZZ_GATEWAY_SETTINGS,
    ...extra,
  };
}
