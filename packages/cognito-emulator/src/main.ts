#!/usr/bin/env node
import pino from 'pino';
import {
  DEMO_POOL_ID,
  EMULATOR_ADMIN_GROUP,
  MAX_SYNTHETIC_USERS,
  SEED_POOLS,
  SEED_USERS,
  startCognitoEmulator,
  SYNTHETIC_USER_EVENT_COUNTS,
  SYNTHETIC_USER_POOL_ID,
  syntheticUsername,
  type CognitoEmulator,
} from './index';

/**
 * `npm run emulator`: the Cognito emulator on its own, for poking at with the AWS CLI or for a
 * gateway started elsewhere. Listens on `EMULATOR_HOST`:`EMULATOR_PORT` (127.0.0.1:9325);
 * `EMULATOR_SYNTHETIC_USERS` (default 0) adds that many synthetic users to the demo pool.
 */

const DEFAULT_PORT = 9325;
const DEFAULT_HOST = '127.0.0.1';
/** Where `npm run token` looks when given no `--endpoint`. */
const TOKEN_COMMAND_ENDPOINT = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
const SHOWCASE_USERS = ['alice', 'bob', 'future-fiona', 'full-page-plus-one', 'frequent-flyer'];

const logger = pino({ name: 'cognito-emulator', level: process.env.LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const syntheticUsers = readSyntheticUsers(process.env.EMULATOR_SYNTHETIC_USERS);
  const emulator = await startCognitoEmulator({
    host: process.env.EMULATOR_HOST ?? DEFAULT_HOST,
    port: readPort(process.env.EMULATOR_PORT),
    syntheticUsers,
    logger,
  });
  // A banner for the human at the terminal; the logger carries everything else.
  process.stdout.write(describe(emulator, syntheticUsers));

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the cognito emulator');
    emulator.close().then(
      () => logger.info('cognito emulator stopped'),
      (error: unknown) => {
        logger.error({ err: error }, 'cognito emulator did not stop cleanly');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function readPort(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === '') return DEFAULT_PORT;
  const port = Number(setting);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`EMULATOR_PORT must be a port number from 0 to 65535, got ${JSON.stringify(setting)}`);
  }
  return port;
}

function readSyntheticUsers(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === '') return 0;
  const count = Number(setting);
  if (!/^\d+$/.test(setting.trim()) || count > MAX_SYNTHETIC_USERS) {
    throw new RangeError(`EMULATOR_SYNTHETIC_USERS must be a whole number from 0 to ${MAX_SYNTHETIC_USERS}, got ${JSON.stringify(setting)}`);
  }
  return count;
}

function describe(emulator: CognitoEmulator, syntheticUsers: number): string {
  const { endpoint } = emulator;
  const [newest] = emulator.store.eventsOf(DEMO_POOL_ID, 'alice');
  const users = SEED_USERS.filter((user) => user.poolId === DEMO_POOL_ID && SHOWCASE_USERS.includes(user.username));
  // On another port, the token command needs telling where to look.
  const tokenCommand = endpoint === TOKEN_COMMAND_ENDPOINT ? 'npm run token --' : `npm run token -- --endpoint ${endpoint}`;
  return [
    '',
    `Cognito emulator listening at ${endpoint}`,
    '',
    'User pools:',
    ...SEED_POOLS.map((pool) => `  ${pool.poolId}  threat protection ${pool.threatProtection ? 'on' : 'off'}`),
    '',
    `Some users of ${DEMO_POOL_ID} (all: GET ${endpoint}/_emulator/users):`,
    ...users.map((user) => `  ${user.username.padEnd(20)} ${String(user.eventCount).padStart(4)} events   ${user.email}   sub ${user.sub}`),
    ...(syntheticUsers > 0
      ? [
          `  …and ${syntheticUsers} synthetic users of ${SYNTHETIC_USER_POOL_ID}, ${syntheticUsername(1)} to ${syntheticUsername(syntheticUsers)}, ` +
            `${SYNTHETIC_USER_EVENT_COUNTS.min} to ${SYNTHETIC_USER_EVENT_COUNTS.max} events each`,
        ]
      : []),
    '',
    'Try it with the AWS CLI (any credentials will do):',
    `  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws cognito-idp admin-list-user-auth-events \\`,
    `    --endpoint-url ${endpoint} --region eu-west-1 --user-pool-id ${DEMO_POOL_ID} --username alice --max-results 5`,
    '',
    'Feedback token for an event (what Cognito would mail the user):',
    `  curl '${endpoint}/_emulator/feedback-token?userPoolId=${DEMO_POOL_ID}&username=alice&eventId=${newest?.EventId ?? '<event id>'}'`,
    '',
    'A token for the gateway\'s Authorization header (RS256, as the pool would issue it):',
    `  ${tokenCommand} alice          (--id: ID token, --groups ${EMULATOR_ADMIN_GROUP}, --admin: client-credentials)`,
    `  curl '${endpoint}/_emulator/token?userPoolId=${DEMO_POOL_ID}&username=alice'`,
    `Issuer ${emulator.issuerOf(DEMO_POOL_ID)}   JWKS ${emulator.issuerOf(DEMO_POOL_ID)}/.well-known/jwks.json`,
    '',
    `Call log: GET ${endpoint}/_emulator/calls    Faults: POST ${endpoint}/_emulator/faults {"throttleEvery":2}`,
    'Stop with Ctrl+C.',
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  logger.error({ err: error }, 'cognito emulator failed to start');
  process.exitCode = 1;
});
