import { ConfigError, loadConfig } from '../../src/config/config';

const SECRET = 'a-production-secret-of-at-least-32-chars';
/** The least a gateway needs: its pools and the app clients whose tokens it accepts. */
const MINIMAL = { COGNITO_USER_POOL_IDS: 'eu-west-1_Abc123', AUTH_CLIENT_IDS: 'client1' } as const;

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
    return 'no error';
  } catch (error) {
    return error instanceof ConfigError ? error.message : `unexpected ${String(error)}`;
  }
}

describe('loadConfig', () => {
  test('takes safe defaults for everything but the pools and app clients outside production', () => {
    const config = loadConfig(MINIMAL);

    expect({
      upstream: config.upstream,
      userPoolIds: config.userPoolIds,
      defaultUserPoolId: config.defaultUserPoolId,
      port: config.port,
      host: config.host,
      ephemeralKeys: config.cursors.ephemeralKeys,
      ttlSeconds: config.cursors.ttlSeconds,
      pagination: config.pagination,
      sandbox: config.sandbox,
      auth: config.auth,
      fairUse: config.fairUse,
    }).toEqual({
      upstream: { region: undefined, endpoint: undefined },
      userPoolIds: ['eu-west-1_Abc123'],
      defaultUserPoolId: 'eu-west-1_Abc123',
      port: 4000,
      host: '127.0.0.1',
      ephemeralKeys: true,
      ttlSeconds: 3600,
      pagination: { defaultFirst: 20, maxFirst: 100, filterScanPages: 5 },
      sandbox: true,
      auth: {
        mode: 'jwt',
        clientIds: ['client1'],
        adminGroups: ['auth-events-admin'],
        adminScopes: ['auth-events/admin'],
      },
      fairUse: {
        maxOperationCognitoReads: 50,
        maxAliases: 15,
        maxDepth: 12,
        maxDirectives: 20,
        maxTokens: 2000,
        callerReadsPerSecond: 5,
        callerReadBurst: 50,
      },
    });
  });

  test('refuses AUTH_MODE=none in production with one line', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', COGNITO_USER_POOL_IDS: 'eu-west-1_Abc123', CURSOR_SECRET: SECRET, AUTH_MODE: 'none' }),
    ).toThrow(new ConfigError('AUTH_MODE=none is refused in production: every caller would be an admin. Use AUTH_MODE=jwt.'));
  });

  test('requires AUTH_CLIENT_IDS when serving configured pools with JWT authentication', () => {
    expect(() => loadConfig({ COGNITO_USER_POOL_IDS: 'eu-west-1_Abc123' })).toThrow(
      new ConfigError('AUTH_CLIENT_IDS is not set: name the app clients whose tokens the gateway accepts, comma-separated.'),
    );
  });

  test('reads the authentication and fair-use settings', () => {
    const config = loadConfig({
      COGNITO_USER_POOL_IDS: 'eu-west-1_Abc123',
      AUTH_CLIENT_IDS: ' client1 , client2,client1 ',
      AUTH_ADMIN_GROUPS: 'support,security',
      AUTH_ADMIN_SCOPES: 'console/admin',
      MAX_OPERATION_COGNITO_READS: '20',
      CALLER_READS_PER_SECOND: '2',
    });

    expect({ auth: config.auth, reads: config.fairUse.maxOperationCognitoReads, rate: config.fairUse.callerReadsPerSecond, burst: config.fairUse.callerReadBurst }).toEqual({
      auth: { mode: 'jwt', clientIds: ['client1', 'client2'], adminGroups: ['support', 'security'], adminScopes: ['console/admin'] },
      reads: 20,
      rate: 2,
      burst: 20,
    });
  });

  test('uses the configured upstream and pools, the first pool being the default', () => {
    const config = loadConfig({
      COGNITO_USER_POOL_IDS: ' us-east-1_Abc123 , eu-west-1_Def456 ',
      AWS_REGION: 'us-east-1',
      CURSOR_SECRET: SECRET,
      AUTH_EVENTS_MAX_FIRST: '250',
      FILTER_SCAN_PAGES: '8',
      AUTH_CLIENT_IDS: 'abc123',
    });

    expect({
      upstream: config.upstream,
      userPoolIds: config.userPoolIds,
      defaultUserPoolId: config.defaultUserPoolId,
      keys: config.cursors.keys.length,
      ephemeralKeys: config.cursors.ephemeralKeys,
      pagination: config.pagination,
    }).toEqual({
      upstream: { region: 'us-east-1', endpoint: undefined },
      userPoolIds: ['us-east-1_Abc123', 'eu-west-1_Def456'],
      defaultUserPoolId: 'us-east-1_Abc123',
      keys: 1,
      ephemeralKeys: false,
      pagination: { defaultFirst: 20, maxFirst: 250, filterScanPages: 8 },
    });
  });

  test('derives the same cursor key from the same secret, so replicas and restarts agree', () => {
    const a = loadConfig({ ...MINIMAL, CURSOR_SECRET: SECRET }).cursors.keys;
    const b = loadConfig({ ...MINIMAL, CURSOR_SECRET: SECRET }).cursors.keys;

    expect(a).toEqual(b);
  });

  test.each([
    [
      'production without pools',
      { NODE_ENV: 'production', CURSOR_SECRET: SECRET },
      'COGNITO_USER_POOL_IDS is not set: name the user pools to serve, comma-separated (the first is the default).',
    ],
    [
      'production without a cursor secret',
      { NODE_ENV: 'production', COGNITO_USER_POOL_IDS: 'us-east-1_Abc123' },
      'CURSOR_SECRET is not set: give at least 32 random characters (comma-separate several to rotate keys) so cursors survive restarts and work across replicas.',
    ],
    [
      'development without pools',
      { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:9325' },
      'COGNITO_USER_POOL_IDS is not set: name the user pools to serve, comma-separated (the first is the default), or run `npm start` for the gateway on the Cognito emulator.',
    ],
    [
      'a malformed pool id',
      { COGNITO_USER_POOL_IDS: 'us-east-1_Abc123,nounderscore' },
      "COGNITO_USER_POOL_IDS holds an invalid user pool id 'nounderscore': Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+.",
    ],
    [
      'a short cursor secret',
      { ...MINIMAL, CURSOR_SECRET: 'short' },
      'CURSOR_SECRET entry 1 is too short: use at least 32 random characters (it has 5).',
    ],
    ['a port out of range', { ...MINIMAL, PORT: '70000' }, "PORT must be a whole number from 0 to 65535; it is '70000'."],
    ['a non-boolean SANDBOX', { ...MINIMAL, SANDBOX: 'maybe' }, "SANDBOX must be true or false; it is 'maybe'."],
  ])('refuses %s with one line naming the setting', (_label, env: Record<string, string>, message) => {
    expect(configError(env)).toBe(message);
  });
});
