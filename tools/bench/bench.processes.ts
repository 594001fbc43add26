import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { availableParallelism } from 'node:os';

/** A server the bench started, listening on 127.0.0.1. */
export interface BenchProcess {
  /** Name used in messages, e.g. `gateway (cold)`. */
  readonly name: string;
  /** The server's own pid (taskset execs the command, so the pid is the program's). */
  readonly pid: number;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
}

/** How to start one server. */
export interface StartRequest {
  readonly name: string;
  /** The script to run with this Node.js, relative to the working directory. */
  readonly script: string;
  /** Options for Node.js itself, before the script (`--cpu-prof`, …). */
  readonly nodeArgs?: readonly string[];
  /** The port it was told to listen on. */
  readonly port: number;
  /** Its whole environment (nothing is inherited but PATH, so the bench's own shell cannot leak in). */
  readonly env: Readonly<Record<string, string>>;
  /** The core to pin it to, where pinning is possible. */
  readonly core: number;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_KEPT_CHARS = 4_000;

/**
 * Whether processes can be pinned to cores: `taskset` exists and there are at least two cores,
 * so the servers (core 0) and the load side (core 1) do not share one.
 */
export const CAN_PIN = availableParallelism() >= 2 && spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Starts the bench's servers and stops every one of them, whatever happens: on `stopAll()`, and,
 * as a last resort, with SIGKILL when the bench process exits any other way.
 */
export class ProcessGroup {
  private readonly running = new Map<number, { readonly name: string; readonly child: ChildProcess }>();

  constructor() {
    process.once('exit', () => {
      for (const { child } of this.running.values()) child.kill('SIGKILL');
    });
  }

  /**
   * Starts a server and resolves once its port accepts connections.
   *
   * @throws Error with the server's output when it exits or does not listen within 30 s.
   */
  async start(request: StartRequest): Promise<BenchProcess> {
    const node = [process.execPath, ...(request.nodeArgs ?? []), request.script];
    const [command, ...args] = CAN_PIN ? ['taskset', '-c', String(request.core), ...node] : node;
    const child = spawn(command ?? process.execPath, args, {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...request.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let exited: string | undefined;
    child.once('exit', (code, signal) => {
      exited = `exited (${signal ?? `code ${code}`})`;
      if (child.pid !== undefined) this.running.delete(child.pid);
    });
    child.once('error', (error) => (exited = `could not be started: ${error.message}`));
    if (child.pid !== undefined) this.running.set(child.pid, { name: request.name, child });

    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await accepts(request.port))) {
      if (exited !== undefined || Date.now() > deadline) {
        child.kill('SIGKILL');
        const why = exited ?? `did not listen on port ${request.port} within ${READY_TIMEOUT_MS / 1000} s`;
        throw new Error(`${request.name} ${why}. Its output:\n${output.trim() || '(none)'}`);
      }
      await sleep(100);
    }
    if (child.pid === undefined) throw new Error(`${request.name} has no pid`);
    return { name: request.name, pid: child.pid, origin: `http://127.0.0.1:${request.port}` };
  }

  /** Whether every server started is still running; names the first that is not. */
  assertRunning(processes: readonly BenchProcess[]): void {
    const gone = processes.find((server) => !this.running.has(server.pid));
    if (gone) throw new Error(`${gone.name} (pid ${gone.pid}) stopped during the bench`);
  }

  /** SIGTERM to every server, SIGKILL to those still running after 5 s; resolves once all are gone. */
  async stopAll(): Promise<void> {
    const children = [...this.running.values()].map(({ child }) => child);
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
            child.once('exit', () => {
              clearTimeout(killer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

/**
 * Pins this process (the load) to `loadCore` and runs `work` with a process group whose servers
 * are all stopped when `work` ends or throws, or on SIGINT/SIGTERM (then exiting with 130).
 */
export async function withServers<T>(loadCore: number, work: (group: ProcessGroup) => Promise<T>): Promise<T> {
  pinThisProcess(loadCore);
  const group = new ProcessGroup();
  const stopOnSignal = (): void => {
    void group.stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    return await work(group);
  } finally {
    await group.stopAll();
  }
}

/**
 * Moves every thread of this process (the load generator) to `core`. Threads Node has already
 * started (libuv's pool, V8's workers) would otherwise stay free to run on the servers' core.
 */
export function pinThisProcess(core: number): void {
  if (!CAN_PIN) return;
  const result = spawnSync('taskset', ['-a', '-cp', String(core), String(process.pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`taskset could not pin the bench to core ${core}: ${result.stderr.trim()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
