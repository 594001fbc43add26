import 'reflect-metadata';
import pino from 'pino';
import {
  type CognitoEmulator,
  type CognitoEmulatorOptions,
  DEMO_POOL_ID,
  DEMO_SUPPORT_CONSOLE_CLIENT_ID,
  type MintTokenRequest,
  NO_THREAT_PROTECTION_POOL_ID,
  startCognitoEmulator,
} from 'cognito-auth-events-emulator';
import { loadConfig } from '../../src/config/config';
import { type RunningGateway, startGateway } from '../../src/server/gateway.server';
import { type AsCaller, type LogLine, type ReceivedResponse, TEST_AUTH_CLIENT_IDS, TEST_CURSOR_SECRET } from './test-stack';

/** Several gateways, each with its own guard, SDK clients and caches, in front of one emulator. */
export interface ReplicaSet {
  readonly emulator: CognitoEmulator;
  readonly gateways: readonly RunningGateway[];
  /** The demo pool's support console (an admin), as every request is sent unless told otherwise. */
  readonly authorization: string;
  tokenFor(request: MintTokenRequest): Promise<string>;
  /** POSTs a GraphQL body to replica `replica` (0-based). */
  executeRaw(replica: number, body: unknown, as?: AsCaller): Promise<{ status: number; body: ReceivedResponse<Record<string, unknown>> }>;
  /** What replica `replica` logged (info level and up). */
  logs(replica: number): string;
  /**
   * Resolves with the first line (parsed) replica `replica` logged, already or still to come,
   * for which `predicate` holds: what a test waits on instead of polling the replica's state.
   */
  waitForLog(replica: number, predicate: (line: LogLine) => boolean): Promise<LogLine>;
  close(): Promise<void>;
}

/** Options of a replica set. */
export interface ReplicaSetOptions {
  readonly replicas: number;
  /** Environment of every replica, on top of the test defaults (e.g. the same `REDIS_URL`). */
  readonly env?: Record<string, string>;
  readonly emulator?: CognitoEmulatorOptions;
}

/**
 * Starts one emulator and `replicas` gateways in this process, configured alike, as several
 * replicas of one deployment would be: what they share, they share only through the
 * configured store.
 */
export async function startReplicaSet(options: ReplicaSetOptions): Promise<ReplicaSet> {
  const emulator = await startCognitoEmulator(options.emulator);
  const logged: string[] = [];
  const lines: LogLine[][] = [];
  const logWaiters = new Set<() => void>();
  const gateways: RunningGateway[] = [];
  for (let replica = 0; replica < options.replicas; replica += 1) {
    logged.push('');
    lines.push([]);
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      COGNITO_USER_POOL_IDS: `${DEMO_POOL_ID},${NO_THREAT_PROTECTION_POOL_ID}`,
      CURSOR_SECRET: TEST_CURSOR_SECRET,
      AUTH_CLIENT_IDS: TEST_AUTH_CLIENT_IDS,
      CALLER_READS_PER_SECOND: '100000',
      CALLER_READ_BURST: '100000',
      PAGE_CACHE_TTL_MS: '0',
      ...options.env,
    });
    const logger = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          logged[replica] += line;
          lines[replica]?.push(JSON.parse(line) as LogLine);
          for (const check of [...logWaiters]) check();
        },
      },
    );
    gateways.push(
      await startGateway(config, {
        upstream: { endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
        logger,
      }),
    );
  }
  const tokenFor = async (request: MintTokenRequest) => `Bearer ${(await emulator.mintToken(request)).token}`;
  const authorization = await tokenFor({ userPoolId: DEMO_POOL_ID, clientId: DEMO_SUPPORT_CONSOLE_CLIENT_ID });
  return {
    emulator,
    gateways,
    authorization,
    tokenFor,
    async executeRaw(replica, body, as = {}) {
      const gateway = gateways[replica];
      if (gateway === undefined) throw new RangeError(`There is no replica ${replica}; there are ${gateways.length}`);
      const sent = as.authorization === undefined ? authorization : as.authorization;
      const response = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(sent === null ? {} : { authorization: sent }) },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as ReceivedResponse<Record<string, unknown>> };
    },
    logs: (replica) => logged[replica] ?? '',
    waitForLog: (replica, predicate) =>
      new Promise((resolve, reject) => {
        const replicaLines = lines[replica];
        if (replicaLines === undefined) {
          reject(new RangeError(`There is no replica ${replica}; there are ${gateways.length}`));
          return;
        }
        const check = () => {
          const found = replicaLines.find(predicate);
          if (found === undefined) return;
          logWaiters.delete(check);
          resolve(found);
        };
        logWaiters.add(check);
        check();
      }),
    async close() {
      await Promise.all(gateways.map((gateway) => gateway.close()));
      await emulator.close();
    },
  };
}
