import { ConfigError, loadConfig } from '../../src/config/config';

/** The least a gateway needs: its pools and the app clients whose tokens it accepts. */
const MINIMAL = { COGNITO_USER_POOL_IDS: 'eu-west-1_Abc123', AUTH_CLIENT_IDS: 'client1' } as const;

function configError(env: Record<string, string>): string {
  try {
    loadConfig({ ...MINIMAL, ...env });
    return 'no error';
  } catch (error) {
    return error instanceof ConfigError ? error.message : `unexpected ${String(error)}`;
  }
}

describe('shared state settings', () => {
  test('keep everything in the process with one replica when nothing is set', () => {
    expect(loadConfig(MINIMAL).sharedState).toEqual({ redis: undefined, replicas: 1 });
  });

  test('read REDIS_URL, REDIS_KEY_PREFIX, REDIS_COMMAND_TIMEOUT_MS and GATEWAY_REPLICAS, with their defaults', () => {
    expect([
      loadConfig({ ...MINIMAL, REDIS_URL: 'rediss://user:secret@cache.internal:6380/2', GATEWAY_REPLICAS: '3' }).sharedState,
      loadConfig({ ...MINIMAL, REDIS_URL: 'redis://127.0.0.1:6379/0', REDIS_KEY_PREFIX: 'gw-eu:', REDIS_COMMAND_TIMEOUT_MS: '100' }).sharedState,
    ]).toEqual([
      { redis: { url: 'rediss://user:secret@cache.internal:6380/2', keyPrefix: 'auth-events:', commandTimeoutMs: 250 }, replicas: 3 },
      { redis: { url: 'redis://127.0.0.1:6379/0', keyPrefix: 'gw-eu:', commandTimeoutMs: 100 }, replicas: 1 },
    ]);
  });

  test('refuse a bad setting in one line that names it and never repeats a URL that may hold a password', () => {
    expect([
      configError({ REDIS_URL: 'http://user:secret@cache:6379' }),
      configError({ REDIS_URL: 'not a url with secret' }),
      configError({ REDIS_URL: 'redis://cache:6379', REDIS_KEY_PREFIX: 'has space' }),
      configError({ REDIS_URL: 'redis://cache:6379', REDIS_COMMAND_TIMEOUT_MS: '0' }),
      configError({ GATEWAY_REPLICAS: '0' }),
    ]).toEqual([
      "REDIS_URL must start with redis:// or rediss:// (TLS); it starts with 'http://'.",
      'REDIS_URL is not a URL: give redis://host:6379/0, or rediss://… for TLS.',
      "REDIS_KEY_PREFIX must be 1 to 64 printable ASCII characters without spaces; it is 'has space'.",
      "REDIS_COMMAND_TIMEOUT_MS must be a whole number from 1 to 10000; it is '0'.",
      "GATEWAY_REPLICAS must be a whole number from 1 to 1000; it is '0'.",
    ]);
  });
});
