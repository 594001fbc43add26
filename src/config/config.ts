import { hkdfSync, randomBytes } from 'node:crypto';
import { findConstraintViolation, USER_POOL_ID_RULE } from '../cognito/cognito.constraints';

/**
 * Everything the gateway reads from its environment, read and validated here and nowhere else.
 *
 * The AWS SDK keeps reading its own standard settings itself (`AWS_REGION`, the credential
 * chain, `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`); this module reads only what the gateway
 * itself needs of them (the endpoint, where token issuers then live) and validates what the
 * gateway adds on top.
 */
export interface GatewayConfig {
  /** `NODE_ENV === 'production'`: no random keys, no stack traces, no Sandbox by default. */
  readonly production: boolean;
  /** Interface to listen on (`HOST`). */
  readonly host: string;
  /** Port for `POST /graphql` (`PORT`, default 4000; 0 picks a free one). */
  readonly port: number;
  /** Where Cognito is. */
  readonly upstream: UpstreamConfig;
  /** The user pools this gateway serves (`COGNITO_USER_POOL_IDS`); the first is the default. */
  readonly userPoolIds: readonly string[];
  /** The pool used when a query names none. */
  readonly defaultUserPoolId: string;
  /** Cursor encryption and lifetime. */
  readonly cursors: CursorConfig;
  /** Page sizes of the `authEvents` connection. */
  readonly pagination: PaginationConfig;
  /** Federation subgraph settings. */
  readonly federation: FederationConfig;
  /** Bounds of a router's `_entities` calls. */
  readonly federationLimits: FederationLimitsConfig;
  /** How hard the gateway may lean on Cognito. */
  readonly upstreamLimits: UpstreamLimitsConfig;
  /** Who may call, and how that is proven. */
  readonly auth: AuthConfig;
  /** The shared cache of Cognito pages. */
  readonly pageCache: PageCacheConfig;
  /** What one operation and one caller may ask of Cognito. */
  readonly fairUse: FairUseConfig;
  /** Where the rates, buckets and page cache live when several replicas share one quota. */
  readonly sharedState: SharedStateConfig;
  /** Probes, metrics, shutdown and CORS. */
  readonly operations: OperationsConfig;
  /** pino log level (`LOG_LEVEL`). */
  readonly logLevel: string;
  /** Whether the landing page is the Apollo Sandbox (`SANDBOX`; on outside production). */
  readonly sandbox: boolean;
}

/**
 * How the gateway reaches Cognito: real Cognito, or any endpoint the SDK's standard
 * configuration points at.
 */
export interface UpstreamConfig {
  /** `AWS_REGION`, for pools whose id names no region (ids are `<region>_<id>`, so normally unused). */
  readonly region: string | undefined;
  /**
   * `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` (or `AWS_ENDPOINT_URL`) when one is configured,
   * which is then also where token issuers live; undefined: AWS's own endpoints.
   */
  readonly endpoint: string | undefined;
}

/** How the gateway is operated: metrics, shutdown, browsers' origins. */
export interface OperationsConfig {
  /** A separate port for `GET /metrics` (`METRICS_PORT`); undefined: `/metrics` on the API port. */
  readonly metricsPort: number | undefined;
  /** Distinct operation names kept as metric labels; later ones are `other` (`METRICS_MAX_OPERATIONS`, default 50). */
  readonly maxOperationNames: number;
  /** How long in-flight requests may take to finish after SIGTERM (`SHUTDOWN_GRACE_MS`, default 10000). */
  readonly shutdownGraceMs: number;
  /**
   * How long the process keeps serving, not ready, after SIGTERM before it stops listening
   * (`SHUTDOWN_DRAIN_DELAY_MS`, default 0), so a load balancer sees `/readyz` fail first.
   */
  readonly shutdownDrainDelayMs: number;
  /** Origins browsers may call from (`CORS_ORIGINS`); see {@link CorsOrigins}. */
  readonly corsOrigins: CorsOrigins;
  /**
   * Whether `/readyz` is 503 while a configured Redis is unreachable (`READYZ_REQUIRES_REDIS`,
   * default true). False keeps a replica in rotation on its local share of the limits.
   */
  readonly readyRequiresRedis: boolean;
}

/**
 * Which browser origins may call: a list of exact origins, the development default (any
 * `http://localhost:<port>` or `http://127.0.0.1:<port>` and the hosted Apollo Sandbox), or
 * none (the production default: no CORS headers, so browsers refuse cross-origin calls).
 */
export type CorsOrigins =
  | { readonly kind: 'list'; readonly origins: readonly string[] }
  | { readonly kind: 'development' }
  | { readonly kind: 'none' };

/** Page cache settings. */
export interface PageCacheConfig {
  /** How long a page just read is answered from memory (`PAGE_CACHE_TTL_MS`, default 5000; 0: no cache). */
  readonly ttlMs: number;
  /** Most pages held (`PAGE_CACHE_MAX_ENTRIES`, default 10000). */
  readonly maxEntries: number;
  /** Most bytes held, estimated (`PAGE_CACHE_MAX_BYTES`, default 64 MiB). */
  readonly maxBytes: number;
}

/**
 * State that replicas share: the Cognito rates, the per-caller buckets and the page cache. In
 * this process's memory unless `REDIS_URL` is set.
 */
export interface SharedStateConfig {
  /** The shared store (`REDIS_URL`); undefined: everything stays in this process. */
  readonly redis: RedisConfig | undefined;
  /**
   * How many replicas share the quota (`GATEWAY_REPLICAS`, default 1). Without a reachable
   * shared store, each replica keeps to `1 / replicas` of every rate.
   */
  readonly replicas: number;
}

/** How the gateway reaches Redis. */
export interface RedisConfig {
  /** `redis://[user:password@]host:port/db` or `rediss://…` for TLS (`REDIS_URL`); never logged, it may hold a password. */
  readonly url: string;
  /** Start of every key the gateway writes (`REDIS_KEY_PREFIX`, default `auth-events:`), so several deployments can share one Redis. */
  readonly keyPrefix: string;
  /** Most milliseconds one command may take before the gateway falls back to local state (`REDIS_COMMAND_TIMEOUT_MS`, default 250). */
  readonly commandTimeoutMs: number;
}

/** Authentication settings. */
export interface AuthConfig {
  /** `jwt` (default everywhere): Cognito bearer tokens. `none`: every caller is an admin (never in production). */
  readonly mode: 'jwt' | 'none';
  /** App clients whose tokens are accepted (`AUTH_CLIENT_IDS`). */
  readonly clientIds: readonly string[];
  /** `cognito:groups` that make a user an admin (`AUTH_ADMIN_GROUPS`, default `auth-events-admin`). */
  readonly adminGroups: readonly string[];
  /** Client-credentials scopes that make an app client an admin (`AUTH_ADMIN_SCOPES`, default `auth-events/admin`). */
  readonly adminScopes: readonly string[];
}

/** Operation limits, checked before execution, and per-caller read rates. */
export interface FairUseConfig {
  /** Most Cognito reads one operation may need (`MAX_OPERATION_COGNITO_READS`, default 50). */
  readonly maxOperationCognitoReads: number;
  /** Most aliases in one operation (`MAX_OPERATION_ALIASES`, default 15). */
  readonly maxAliases: number;
  /** Deepest selection (`MAX_OPERATION_DEPTH`, default 12). */
  readonly maxDepth: number;
  /** Most directives in one operation (`MAX_OPERATION_DIRECTIVES`, default 20). */
  readonly maxDirectives: number;
  /** Most lexical tokens in one document (`MAX_OPERATION_TOKENS`, default 2000). */
  readonly maxTokens: number;
  /** Cognito reads a caller's bucket regains per second (`CALLER_READS_PER_SECOND`, default 5). */
  readonly callerReadsPerSecond: number;
  /** Size of a caller's bucket (`CALLER_READ_BURST`, default `MAX_OPERATION_COGNITO_READS`). */
  readonly callerReadBurst: number;
}

/** Cursor settings. */
export interface CursorConfig {
  /** 32-byte AES-256-GCM keys derived from `CURSOR_SECRET`; the first encrypts, all decrypt (rotation). */
  readonly keys: readonly Buffer[];
  /** Whether the keys were generated at start-up (development only: cursors die with the process). */
  readonly ephemeralKeys: boolean;
  /** How long a cursor stays valid (`CURSOR_TTL_SECONDS`, default 3600). */
  readonly ttlSeconds: number;
}

/** Page-size settings. */
export interface PaginationConfig {
  /** Edges returned when `first` is omitted. */
  readonly defaultFirst: number;
  /** Largest `first` accepted (`AUTH_EVENTS_MAX_FIRST`, default 100). */
  readonly maxFirst: number;
  /** Most Cognito pages (of 60) one page of a filtered connection reads (`FILTER_SCAN_PAGES`, default 5). */
  readonly filterScanPages: number;
}

/** Federation settings. */
export interface FederationConfig {
  /** The pool whose users the supergraph's `User` entity maps to (`FEDERATION_USER_POOL_ID`, default: the default pool). */
  readonly userPoolId: string;
}

/** Bounds of a router's `_entities` calls. */
export interface FederationLimitsConfig {
  /** Most representations in one `_entities` call (`FEDERATION_MAX_REPRESENTATIONS`, default 200). */
  readonly maxRepresentations: number;
}

/**
 * Limits that protect Cognito's per-account quotas (shared with every other app of the account)
 * and the gateway itself.
 */
export interface UpstreamLimitsConfig {
  /** Most Cognito calls in flight at once, process-wide (`COGNITO_MAX_CONCURRENCY`, default 10). */
  readonly maxConcurrency: number;
  /** Client-side limit of reads a second (`COGNITO_READ_RPS`, default 40; Cognito's quota is about 50). */
  readonly readsPerSecond: number;
  /** Client-side limit of feedback updates a second (`COGNITO_WRITE_RPS`, default 20; Cognito's quota is about 25). */
  readonly writesPerSecond: number;
  /** Calls allowed to wait for a slot before new ones fail fast with RATE_LIMITED (`COGNITO_MAX_QUEUE`, default 200). */
  readonly maxQueue: number;
  /** Attempts per read including the first (`COGNITO_MAX_ATTEMPTS`, default 3). */
  readonly maxReadAttempts: number;
  /** TCP connect timeout (`COGNITO_CONNECT_TIMEOUT_MS`, default 2000). */
  readonly connectionTimeoutMs: number;
  /** Per-attempt socket timeout (`COGNITO_REQUEST_TIMEOUT_MS`, default 5000). */
  readonly requestTimeoutMs: number;
  /** Overall deadline of one GraphQL request's upstream work (`REQUEST_DEADLINE_MS`, default 15000). */
  readonly requestDeadlineMs: number;
  /** Pages of one user's history the event loader may read to find events by id (`AUTH_EVENT_SCAN_PAGES`, default 5). */
  readonly eventScanPages: number;
}

/** A configuration problem, stated in one line that names the setting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Every environment variable {@link loadConfig} reads (the SDK's own `AWS_REGION` and endpoint
 * settings among them), as docs/configuration.md lists them: what `.env.example` holds and all a
 * deployment may set. The deployment kit's test holds `.env.example`, the Dockerfile and the
 * Kubernetes manifests to this list, and this list to what `loadConfig` really reads.
 */
export const CONFIG_SETTINGS = [
  'NODE_ENV',
  'COGNITO_USER_POOL_IDS',
  'CURSOR_SECRET',
  'CURSOR_TTL_SECONDS',
  'AUTH_EVENTS_MAX_FIRST',
  'PORT',
  'HOST',
  'SANDBOX',
  'LOG_LEVEL',
  'FEDERATION_USER_POOL_ID',
  'COGNITO_MAX_CONCURRENCY',
  'COGNITO_READ_RPS',
  'COGNITO_WRITE_RPS',
  'COGNITO_MAX_QUEUE',
  'COGNITO_MAX_ATTEMPTS',
  'COGNITO_CONNECT_TIMEOUT_MS',
  'COGNITO_REQUEST_TIMEOUT_MS',
  'REQUEST_DEADLINE_MS',
  'AUTH_EVENT_SCAN_PAGES',
  'FILTER_SCAN_PAGES',
  'FEDERATION_MAX_REPRESENTATIONS',
  'AUTH_MODE',
  'AUTH_CLIENT_IDS',
  'AUTH_ADMIN_GROUPS',
  'AUTH_ADMIN_SCOPES',
  'MAX_OPERATION_COGNITO_READS',
  'MAX_OPERATION_ALIASES',
  'MAX_OPERATION_DEPTH',
  'MAX_OPERATION_DIRECTIVES',
  'MAX_OPERATION_TOKENS',
  'CALLER_READS_PER_SECOND',
  'CALLER_READ_BURST',
  'PAGE_CACHE_TTL_MS',
  'PAGE_CACHE_MAX_ENTRIES',
  'PAGE_CACHE_MAX_BYTES',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'REDIS_COMMAND_TIMEOUT_MS',
  'GATEWAY_REPLICAS',
  'METRICS_PORT',
  'METRICS_MAX_OPERATIONS',
  'SHUTDOWN_GRACE_MS',
  'SHUTDOWN_DRAIN_DELAY_MS',
  'READYZ_REQUIRES_REDIS',
  'CORS_ORIGINS',
  'AWS_REGION',
  'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
  'AWS_ENDPOINT_URL',
] as const;

/** The name of a setting {@link loadConfig} reads. */
export type ConfigSetting = (typeof CONFIG_SETTINGS)[number];

const MIN_SECRET_LENGTH = 32;

/**
 * Reads and validates the gateway's configuration.
 *
 * @throws ConfigError naming the first missing or invalid setting.
 */
export function loadConfig(env: Environment = process.env): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  const poolIdsSetting = nonEmpty(env.COGNITO_USER_POOL_IDS);
  const endpointSetting = nonEmpty(env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER) ?? nonEmpty(env.AWS_ENDPOINT_URL);

  if (poolIdsSetting === undefined) {
    throw new ConfigError(
      production
        ? 'COGNITO_USER_POOL_IDS is not set: name the user pools to serve, comma-separated (the first is the default).'
        : 'COGNITO_USER_POOL_IDS is not set: name the user pools to serve, comma-separated (the first is the default), or run `npm start` for the gateway on the Cognito emulator.',
    );
  }
  const userPoolIds = parseUserPoolIds(poolIdsSetting);
  const upstream: UpstreamConfig = { region: nonEmpty(env.AWS_REGION), endpoint: endpointSetting };

  const secret = nonEmpty(env.CURSOR_SECRET);
  if (secret === undefined && production) {
    throw new ConfigError(
      `CURSOR_SECRET is not set: give at least ${MIN_SECRET_LENGTH} random characters (comma-separate several to rotate keys) so cursors survive restarts and work across replicas.`,
    );
  }

  const maxFirst = readInteger(env, 'AUTH_EVENTS_MAX_FIRST', 100, 1, 1000);
  const defaultUserPoolId = userPoolIds[0] as string;
  const federationUserPoolId = nonEmpty(env.FEDERATION_USER_POOL_ID) ?? defaultUserPoolId;
  if (!userPoolIds.includes(federationUserPoolId)) {
    throw new ConfigError(
      `FEDERATION_USER_POOL_ID '${federationUserPoolId}' is not one of COGNITO_USER_POOL_IDS: the User entity must map to a served pool.`,
    );
  }
  const maxOperationCognitoReads = readInteger(env, 'MAX_OPERATION_COGNITO_READS', 50, 1, 10000);
  return {
    production,
    host: nonEmpty(env.HOST) ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: readInteger(env, 'PORT', 4000, 0, 65535),
    upstream,
    userPoolIds,
    defaultUserPoolId,
    cursors: {
      keys: secret === undefined ? [randomBytes(32)] : parseCursorSecrets(secret),
      ephemeralKeys: secret === undefined,
      ttlSeconds: readInteger(env, 'CURSOR_TTL_SECONDS', 3600, 1, 30 * 24 * 3600),
    },
    pagination: {
      defaultFirst: Math.min(20, maxFirst),
      maxFirst,
      filterScanPages: readInteger(env, 'FILTER_SCAN_PAGES', 5, 1, 100),
    },
    federation: { userPoolId: federationUserPoolId },
    federationLimits: { maxRepresentations: readInteger(env, 'FEDERATION_MAX_REPRESENTATIONS', 200, 1, 10000) },
    upstreamLimits: {
      maxConcurrency: readInteger(env, 'COGNITO_MAX_CONCURRENCY', 10, 1, 1000),
      readsPerSecond: readInteger(env, 'COGNITO_READ_RPS', 40, 1, 10000),
      writesPerSecond: readInteger(env, 'COGNITO_WRITE_RPS', 20, 1, 10000),
      maxQueue: readInteger(env, 'COGNITO_MAX_QUEUE', 200, 0, 100000),
      maxReadAttempts: readInteger(env, 'COGNITO_MAX_ATTEMPTS', 3, 1, 10),
      connectionTimeoutMs: readInteger(env, 'COGNITO_CONNECT_TIMEOUT_MS', 2000, 1, 120000),
      requestTimeoutMs: readInteger(env, 'COGNITO_REQUEST_TIMEOUT_MS', 5000, 1, 120000),
      requestDeadlineMs: readInteger(env, 'REQUEST_DEADLINE_MS', 15000, 1, 600000),
      eventScanPages: readInteger(env, 'AUTH_EVENT_SCAN_PAGES', 5, 1, 100),
    },
    auth: readAuthConfig(env, production),
    operations: {
      metricsPort: nonEmpty(env.METRICS_PORT) === undefined ? undefined : readInteger(env, 'METRICS_PORT', 0, 0, 65535),
      maxOperationNames: readInteger(env, 'METRICS_MAX_OPERATIONS', 50, 1, 1000),
      shutdownGraceMs: readInteger(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
      shutdownDrainDelayMs: readInteger(env, 'SHUTDOWN_DRAIN_DELAY_MS', 0, 0, 600_000),
      corsOrigins: readCorsOrigins(env, production),
      readyRequiresRedis: readBoolean(env, 'READYZ_REQUIRES_REDIS', true),
    },
    pageCache: {
      ttlMs: readInteger(env, 'PAGE_CACHE_TTL_MS', 5000, 0, 3_600_000),
      maxEntries: readInteger(env, 'PAGE_CACHE_MAX_ENTRIES', 10_000, 1, 10_000_000),
      maxBytes: readInteger(env, 'PAGE_CACHE_MAX_BYTES', 64 * 1024 * 1024, 1024, 16 * 1024 * 1024 * 1024),
    },
    fairUse: {
      maxOperationCognitoReads,
      maxAliases: readInteger(env, 'MAX_OPERATION_ALIASES', 15, 0, 10000),
      maxDepth: readInteger(env, 'MAX_OPERATION_DEPTH', 12, 1, 1000),
      maxDirectives: readInteger(env, 'MAX_OPERATION_DIRECTIVES', 20, 0, 10000),
      maxTokens: readInteger(env, 'MAX_OPERATION_TOKENS', 2000, 100, 1000000),
      callerReadsPerSecond: readInteger(env, 'CALLER_READS_PER_SECOND', 5, 1, 100000),
      callerReadBurst: readInteger(env, 'CALLER_READ_BURST', maxOperationCognitoReads, 1, 1000000),
    },
    sharedState: readSharedStateConfig(env),
    logLevel: nonEmpty(env.LOG_LEVEL) ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    sandbox: readBoolean(env, 'SANDBOX', !production),
  };
}

function readAuthConfig(env: Environment, production: boolean): AuthConfig {
  const mode = nonEmpty(env.AUTH_MODE) ?? 'jwt';
  if (mode !== 'jwt' && mode !== 'none') throw new ConfigError(`AUTH_MODE must be jwt or none; it is '${mode}'.`);
  if (mode === 'none' && production) {
    throw new ConfigError('AUTH_MODE=none is refused in production: every caller would be an admin. Use AUTH_MODE=jwt.');
  }
  const clientIdsSetting = nonEmpty(env.AUTH_CLIENT_IDS);
  let clientIds: string[];
  if (clientIdsSetting !== undefined) {
    clientIds = readList(clientIdsSetting);
    const invalid = clientIds.find((id) => !/^[\w+]{1,128}$/.test(id));
    if (invalid !== undefined) throw new ConfigError(`AUTH_CLIENT_IDS holds an invalid app client id '${invalid}'.`);
  } else if (mode === 'jwt') {
    throw new ConfigError('AUTH_CLIENT_IDS is not set: name the app clients whose tokens the gateway accepts, comma-separated.');
  } else {
    clientIds = [];
  }
  if (mode === 'jwt' && clientIds.length === 0) throw new ConfigError('AUTH_CLIENT_IDS is empty: name at least one app client id.');
  return {
    mode,
    clientIds,
    adminGroups: readList(nonEmpty(env.AUTH_ADMIN_GROUPS) ?? 'auth-events-admin'),
    adminScopes: readList(nonEmpty(env.AUTH_ADMIN_SCOPES) ?? 'auth-events/admin'),
  };
}

function readSharedStateConfig(env: Environment): SharedStateConfig {
  const replicas = readInteger(env, 'GATEWAY_REPLICAS', 1, 1, 1000);
  const url = nonEmpty(env.REDIS_URL);
  if (url === undefined) return { redis: undefined, replicas };
  // The value is not repeated in the message: it may hold a password.
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    throw new ConfigError('REDIS_URL is not a URL: give redis://host:6379/0, or rediss://… for TLS.');
  }
  if (scheme !== 'redis:' && scheme !== 'rediss:') {
    throw new ConfigError(`REDIS_URL must start with redis:// or rediss:// (TLS); it starts with '${scheme}//'.`);
  }
  const keyPrefix = nonEmpty(env.REDIS_KEY_PREFIX) ?? 'auth-events:';
  if (!/^[\x21-\x7e]{1,64}$/.test(keyPrefix)) {
    throw new ConfigError(`REDIS_KEY_PREFIX must be 1 to 64 printable ASCII characters without spaces; it is '${keyPrefix}'.`);
  }
  return {
    redis: { url, keyPrefix, commandTimeoutMs: readInteger(env, 'REDIS_COMMAND_TIMEOUT_MS', 250, 1, 10000) },
    replicas,
  };
}

function readCorsOrigins(env: Environment, production: boolean): CorsOrigins {
  const setting = nonEmpty(env.CORS_ORIGINS);
  if (setting === undefined) return production ? { kind: 'none' } : { kind: 'development' };
  if (setting === 'none') return { kind: 'none' };
  const origins = readList(setting);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError(`CORS_ORIGINS holds '${origin}', which is not an origin such as https://app.example.com.`);
    }
    if (parsed.origin !== origin) {
      throw new ConfigError(`CORS_ORIGINS holds '${origin}'; an origin is scheme, host and port only: '${parsed.origin}'.`);
    }
  }
  return { kind: 'list', origins };
}

function readList(setting: string): string[] {
  return [...new Set(setting.split(',').map((item) => item.trim()).filter((item) => item.length > 0))];
}

function parseUserPoolIds(setting: string): string[] {
  const ids = setting.split(',').map((id) => id.trim()).filter((id) => id.length > 0);
  if (ids.length === 0) {
    throw new ConfigError('COGNITO_USER_POOL_IDS is empty: name at least one user pool id.');
  }
  for (const id of ids) {
    const violation = findConstraintViolation(USER_POOL_ID_RULE, id);
    if (violation !== undefined) {
      throw new ConfigError(`COGNITO_USER_POOL_IDS holds an invalid user pool id '${id}': ${violation}.`);
    }
  }
  return [...new Set(ids)];
}

/**
 * Turns each comma-separated secret into a 32-byte key with HKDF, so a passphrase of any
 * sufficient length works and the raw secret is never used as a key directly.
 */
function parseCursorSecrets(setting: string): Buffer[] {
  const secrets = setting.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (secrets.length === 0) {
    throw new ConfigError('CURSOR_SECRET is empty: give at least one secret.');
  }
  return secrets.map((secret, index) => {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(
        `CURSOR_SECRET entry ${index + 1} is too short: use at least ${MIN_SECRET_LENGTH} random characters (it has ${secret.length}).`,
      );
    }
    return Buffer.from(hkdfSync('sha256', secret, 'cognito-auth-events-gateway', 'cursor-key-v1', 32));
  });
}

function readInteger(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; it is '${raw}'.`);
  }
  return value;
}

function readBoolean(env: Environment, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false; it is '${raw}'.`);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed.length === 0 ? undefined : trimmed;
}
