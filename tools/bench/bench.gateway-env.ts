import { DEMO_SUPPORT_CONSOLE_CLIENT_ID, DEMO_WEB_CLIENT_ID } from 'cognito-auth-events-emulator';

/**
 * The environment of a production-mode gateway the bench or the soak starts: silent, on
 * 127.0.0.1:`port`, serving `userPoolId` through the emulator at `emulatorOrigin` with throwaway
 * AWS credentials. Limits and caches are left to `overrides` (or the gateway's defaults).
 */
export function benchGatewayEnv(port: number, emulatorOrigin: string, userPoolId: string, overrides: Readonly<Record<string, string>>): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'silent',
    COGNITO_USER_POOL_IDS: userPoolId,
    CURSOR_SECRET: 'bench-cursor-secret-not-for-production-0123456789',
    AUTH_CLIENT_IDS: `${DEMO_WEB_CLIENT_ID},${DEMO_SUPPORT_CONSOLE_CLIENT_ID}`,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emulatorOrigin,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...overrides,
  };
}
