#!/usr/bin/env node
import pino from 'pino';
import {
  announceRunningEmulator,
  DEFAULT_EMULATOR_HOST,
  DEMO_POOL_ID,
  EMULATOR_ADMIN_GROUP,
  findRunningEmulator,
  MAX_SYNTHETIC_USERS,
  readEmulatorPort,
  SEED_POOLS,
  SEED_USERS,
  startCognitoEmulatorPreferringPort,
  SYNTHETIC_USER_EVENT_COUNTS,
  SYNTHETIC_USER_POOL_ID,
  syntheticUsername,
  type CognitoEmulator,
} from './index';

/**
 * `npm run emulator`: the Cognito emulator on its own, for poking at with the AWS CLI or for a
 * gateway started elsewhere. Listens on `EMULATOR_HOST`:`EMULATOR_PORT` (127.0.0.1:9325), or on
 * a free port when another process (such as `npm start`'s emulator) holds that one, and leaves a
 * record for `npm run token` (see `emulator.discovery.ts`). `EMULATOR_SYNTHETIC_USERS` (default 0)
 * adds that many synthetic users to the demo pool.
 *
 * What a person can fix (a setting, a port) is said in one line on stderr, exit code 1; only a
 * bug keeps its stack trace.
 */

const SHOWCASE_USERS = ['alice', 'bob', 'future-fiona', 'full-page-plus-one', 'frequent-flyer'];

const logger = pino({ name: 'cognito-emulator', level: process.env.LOG_LEVEL ?? 'info' });

/** A failure the user can act on: printed as one line, exit code 1. */
class EmulatorCommandError extends Error {}

async function main(): Promise<void> {
  const syntheticUsers = readSetting(() => readSyntheticUsers(process.env.EMULATOR_SYNTHETIC_USERS));
  const port = readSetting(() => readEmulatorPort(process.env.EMULATOR_PORT));
  const host = process.env.EMULATOR_HOST?.trim() || DEFAULT_EMULATOR_HOST;
  let started;
  try {
    started = await startCognitoEmulatorPreferringPort({ host, port, syntheticUsers, logger });
  } catch (error) {
    throw listenError(error, host, port);
  }
  const { emulator, takenPort } = started;
  const announcement = announceRunningEmulator({ role: 'emulator', endpoint: emulator.endpoint });
  if (announcement.error !== undefined) {
    logger.warn({ file: announcement.file, reason: announcement.error.message }, 'could not leave a record for npm run token; pass it --endpoint');
  }
  // A banner for the human at the terminal; the logger carries everything else.
  if (takenPort !== undefined) {
    process.stdout.write(`\nPort ${takenPort} is taken (by \`npm start\`'s emulator?), so this one listens on ${emulator.port}; EMULATOR_PORT=<port> chooses another.\n`);
  }
  process.stdout.write(describe(emulator, syntheticUsers));

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    announcement.withdraw();
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

/** A setting's value, or its RangeError as an {@link EmulatorCommandError}. */
function readSetting<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError) throw new EmulatorCommandError(error.message);
    throw error;
  }
}

function readSyntheticUsers(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === '') return 0;
  const count = Number(setting);
  if (!/^\d+$/.test(setting.trim()) || count > MAX_SYNTHETIC_USERS) {
    throw new RangeError(`EMULATOR_SYNTHETIC_USERS must be a whole number from 0 to ${MAX_SYNTHETIC_USERS}; it is '${setting}'.`);
  }
  return count;
}

/** Why the emulator could not listen, in one line that says what to change. */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES') {
    return new EmulatorCommandError(`Port ${port} needs privileges this process lacks: choose one from 1024 up with EMULATOR_PORT=<port> (0: any free port).`);
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new EmulatorCommandError(`EMULATOR_HOST '${host}' is not an address of this machine (${code}): leave it unset for 127.0.0.1, or name one of its interfaces.`);
  }
  if (code === 'EADDRINUSE') {
    return new EmulatorCommandError(`Port ${port} is taken: choose another with EMULATOR_PORT=<port> (0: any free port).`);
  }
  return error;
}

function describe(emulator: CognitoEmulator, syntheticUsers: number): string {
  const { endpoint } = emulator;
  const [newest] = emulator.store.eventsOf(DEMO_POOL_ID, 'alice');
  const users = SEED_USERS.filter((user) => user.poolId === DEMO_POOL_ID && SHOWCASE_USERS.includes(user.username));
  // The token command asks `npm start`'s emulator first; when that is another one, it needs telling.
  const tokenCommand = findRunningEmulator()?.endpoint === endpoint ? 'npm run token --' : `npm run token -- --endpoint ${endpoint}`;
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
  // Expected failures are one line for the human; anything else keeps its stack for a bug report.
  process.stderr.write(`${error instanceof EmulatorCommandError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
