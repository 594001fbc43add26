import 'reflect-metadata';
import {
  announceRunningEmulator,
  type CognitoEmulator,
  DEMO_POOL_ID,
  DEMO_SUPPORT_CONSOLE_CLIENT_ID,
  DEMO_WEB_CLIENT_ID,
  NO_THREAT_PROTECTION_POOL_ID,
  NO_THREAT_WEB_CLIENT_ID,
  OTHER_POOL_ID,
  OTHER_WEB_CLIENT_ID,
  startCognitoEmulatorPreferringPort,
} from 'cognito-auth-events-emulator';
import { type Environment, type GatewayConfig, loadConfig } from '../../src/config/config';
import type { GatewayLogger } from '../../src/logging/logger';
import { type RunningGateway, startGateway } from '../../src/server/gateway.server';
import type { GatewayTracer } from '../../src/tracing/gateway-tracer';
import { offlineExplorerPages } from './offline-explorer';

/**
 * What the gateway is told about the emulator's seed: the pools it serves (the demo pool first,
 * the default) and the app clients whose tokens it accepts. The emulator's pools are the ones
 * real deployments name in `COGNITO_USER_POOL_IDS`; nothing in the gateway knows them.
 */
export const LOCAL_STACK_SETTINGS: Readonly<Record<string, string>> = {
  COGNITO_USER_POOL_IDS: [DEMO_POOL_ID, OTHER_POOL_ID, NO_THREAT_PROTECTION_POOL_ID].join(','),
  AUTH_CLIENT_IDS: [DEMO_WEB_CLIENT_ID, DEMO_SUPPORT_CONSOLE_CLIENT_ID, OTHER_WEB_CLIENT_ID, NO_THREAT_WEB_CLIENT_ID].join(','),
};

/** The emulator's credentials: it checks that requests are signed, not by whom. */
const EMULATOR_CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };

/** `Authorization` headers of the demo callers, valid for a day. */
export interface DemoAuthorization {
  /** `alice` of the demo pool: reads her own history. */
  readonly user: string;
  /** The support console's client-credentials token: an admin. */
  readonly admin: string;
}

/** A gateway and the emulator it calls, both on loopback. */
export interface LocalStack {
  readonly gateway: RunningGateway;
  readonly emulator: CognitoEmulator;
  readonly config: GatewayConfig;
  readonly tokens: DemoAuthorization;
  /** Stops the gateway (draining as on SIGTERM), then the emulator. */
  close(): Promise<void>;
}

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  /** The gateway's settings, as `process.env` holds them; the stack adds the emulator's pools and clients unless set. */
  readonly env: Environment;
  /** Where the emulator listens; taken: any free port (logged). */
  readonly emulatorPort: number;
  readonly logger: GatewayLogger;
  /** Where the gateway's spans go, when the environment turned tracing on (`src/tracing/`). */
  readonly tracer?: GatewayTracer | undefined;
  /**
   * The clock the emulator reads its demo data's day from (see the emulator's `now`); default
   * `Date.now`. The example page's browser test fixes it, so its screenshot shows the same dates.
   */
  readonly emulatorNow?: () => number;
  /**
   * Leave a record of the emulator (and gateway) in this folder for `npm run token`, removed on
   * close: `npm start` passes the emulator package's discovery folder, tests a temporary one.
   * Omitted: no record.
   */
  readonly discoveryDirectory?: string;
}

/**
 * Starts the Cognito emulator, then the gateway on it through the real AWS SDK over HTTP, as it
 * would run against Cognito, with the Apollo Sandbox signed in as alice and, beside it, the
 * offline explorer (GraphiQL at `/explorer`, see `offline-explorer.ts`) signed in the same way.
 * For `npm start` and the example page's server; a deployment runs `node dist/src/index.js`
 * against Cognito instead.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { emulator, takenPort } = await startCognitoEmulatorPreferringPort({
    host: '127.0.0.1',
    port: options.emulatorPort,
    ...(options.emulatorNow === undefined ? {} : { now: options.emulatorNow }),
  });
  if (takenPort !== undefined) {
    options.logger.warn({ port: takenPort, endpoint: emulator.endpoint }, 'the emulator port is taken; the emulator listens on a free one instead');
  }
  try {
    const config = loadConfig({ ...LOCAL_STACK_SETTINGS, ...options.env });
    const tokens = await demoTokens(emulator);
    const sandboxHeaders = { Authorization: tokens.user };
    const gateway = await startGateway(config, {
      logger: options.logger,
      upstream: { endpoint: emulator.endpoint, credentials: EMULATOR_CREDENTIALS },
      sandboxHeaders,
      sandboxPages: offlineExplorerPages({ graphqlPath: '/graphql', headers: sandboxHeaders }),
      tracer: options.tracer,
    });
    const announcement =
      options.discoveryDirectory === undefined
        ? undefined
        : announceRunningEmulator({ role: 'local-stack', endpoint: emulator.endpoint, gateway: gateway.graphqlUrl }, options.discoveryDirectory);
    if (announcement?.error !== undefined) {
      options.logger.warn({ file: announcement.file, reason: announcement.error.message }, 'could not leave a record for npm run token; pass it --endpoint');
    }
    return {
      gateway,
      emulator,
      config,
      tokens,
      close: async () => {
        announcement?.withdraw();
        await gateway.close();
        await emulator.close();
      },
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

async function demoTokens(emulator: CognitoEmulator): Promise<DemoAuthorization> {
  const lifetime = 24 * 3600;
  const [user, admin] = await Promise.all([
    emulator.mintToken({ userPoolId: DEMO_POOL_ID, username: 'alice', expiresInSeconds: lifetime }),
    emulator.mintToken({ userPoolId: DEMO_POOL_ID, expiresInSeconds: lifetime }),
  ]);
  return { user: `Bearer ${user.token}`, admin: `Bearer ${admin.token}` };
}
