import type { GatewayLogger } from '../logging/logger';

/**
 * Where the rates, buckets and page cache live right now: `redis`, shared by every replica;
 * `local-fallback`, this process's memory because Redis cannot be reached (each replica keeps
 * to its share of the rates); `local`, this process's memory because no Redis is configured.
 */
export type SharedStateMode = 'redis' | 'local-fallback' | 'local';

/** The shared state's mode, and since when, for readiness and metrics. */
export interface SharedStateStatus {
  readonly mode: SharedStateMode;
  /** When the mode last changed (or the gateway started), epoch milliseconds. */
  readonly since: number;
}

/** Reads the shared state's status; what probes and metrics depend on. */
export interface SharedStateHealth {
  status(): SharedStateStatus;
}

/** Settings of a `SharedStateSwitch`. */
export interface SharedStateSwitchOptions {
  /** One cheap round trip to Redis (a PING); resolves when Redis answers. */
  readonly probe: () => Promise<unknown>;
  readonly logger: GatewayLogger;
  /** How often Redis is probed while the gateway runs on local state (default 1000 ms). */
  readonly probeIntervalMs?: number;
  /** Whether Redis answered at start-up (default true). */
  readonly startInRedis?: boolean;
  /** Why it did not, when it did not (logged with the switch). */
  readonly startupError?: unknown;
}

/**
 * Decides, for the whole process at once, whether shared state is read from Redis or from this
 * process's fallback. The first failure of any Redis command switches everything to the
 * fallback (logged once); a probe then asks Redis every second and switches back at its first
 * answer (logged once). One switch for all three kinds of state, so a replica is never half in
 * Redis: its readiness and metrics can say exactly where it stands.
 */
export class SharedStateSwitch implements SharedStateHealth {
  private mode: 'redis' | 'local-fallback';
  private since = Date.now();
  private probeTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly probeIntervalMs: number;

  constructor(private readonly options: SharedStateSwitchOptions) {
    this.probeIntervalMs = options.probeIntervalMs ?? 1000;
    this.mode = options.startInRedis === false ? 'local-fallback' : 'redis';
    if (this.mode === 'local-fallback') {
      options.logger.warn(
        { err: loggableError(options.startupError) },
        'Redis cannot be reached at start-up: rates, buckets and the page cache are local (this replica keeps to its share of the rates) until it answers',
      );
      this.scheduleProbe();
    }
  }

  /** Whether shared state is to be read from Redis now. */
  get usingRedis(): boolean {
    return this.mode === 'redis';
  }

  status(): SharedStateStatus {
    return { mode: this.mode, since: this.since };
  }

  /** A Redis command failed or timed out: use the fallback until Redis answers a probe. */
  failed(error: unknown): void {
    if (this.mode !== 'redis' || this.closed) return;
    this.mode = 'local-fallback';
    this.since = Date.now();
    this.options.logger.warn(
      { err: loggableError(error) },
      'Redis failed: rates, buckets and the page cache are local (this replica keeps to its share of the rates) until it answers again',
    );
    this.scheduleProbe();
  }

  /** Stops probing; the process is stopping. */
  close(): void {
    this.closed = true;
    if (this.probeTimer !== undefined) clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
  }

  private scheduleProbe(): void {
    if (this.probeTimer !== undefined || this.closed) return;
    this.probeTimer = setTimeout(() => {
      this.options.probe().then(
        () => {
          this.probeTimer = undefined;
          if (this.closed) return;
          this.mode = 'redis';
          this.since = Date.now();
          this.options.logger.info('Redis answers again: rates, buckets and the page cache are shared through it');
        },
        () => {
          this.probeTimer = undefined;
          this.scheduleProbe();
        },
      );
    }, this.probeIntervalMs);
    // Probing must not keep a stopping process alive.
    this.probeTimer.unref();
  }
}

/** Name and message only: ioredis messages name the host and the failure, never the password. */
function loggableError(error: unknown): { name: string; message?: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Unknown' };
}
