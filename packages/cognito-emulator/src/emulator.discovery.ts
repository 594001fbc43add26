import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * How `npm run token` finds an emulator wherever it listens: each running emulator of this
 * checkout leaves a small JSON record in one folder, and the token command reads them.
 *
 * Why records and not a fixed port: `npm start` and `npm run emulator` move to a free port when
 * theirs is taken, and a token minted by one emulator is refused by a gateway on another (each
 * emulator signs with keys of its own, and the issuer carries its port). Why a folder of this
 * package rather than one in the system's temporary folder: every checkout (worktree) on the
 * machine has its own, so one checkout's `npm start` is never found from another.
 */

/** Who wrote a record: `npm start` (the gateway on its emulator) or `npm run emulator` (the emulator alone). */
export type RunningEmulatorRole = 'local-stack' | 'emulator';

/** What a running emulator says about itself. */
export interface RunningEmulatorRecord {
  readonly role: RunningEmulatorRole;
  /** The emulator's base URL, e.g. `http://127.0.0.1:9325`. */
  readonly endpoint: string;
  /** The gateway in front of it (`npm start` only), e.g. `http://localhost:4000/graphql`. */
  readonly gateway?: string;
  /** The process that wrote it: a record whose process is gone is ignored. */
  readonly pid: number;
  /** When it was written (ISO 8601). */
  readonly startedAt: string;
}

/** A record found, with the file it came from (for messages). */
export interface FoundEmulatorRecord extends RunningEmulatorRecord {
  readonly file: string;
}

/** Where the records are looked for first: `npm start`'s emulator is the one its gateway trusts. */
const ROLES_BY_PRECEDENCE: readonly RunningEmulatorRole[] = ['local-stack', 'emulator'];

/**
 * The folder of records: `EMULATOR_DISCOVERY_DIR` when set (tests use their own), else
 * `.running/` in this package's folder (ignored by git). Resolved from this file, so it is the
 * same from `src/` and from `dist/`.
 */
export function discoveryDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const setting = env.EMULATOR_DISCOVERY_DIR?.trim();
  return setting !== undefined && setting !== '' ? path.resolve(setting) : path.resolve(__dirname, '..', '.running');
}

/**
 * Writes this process's record for `role` (replacing any earlier one) and returns a function
 * that removes it again, if it is still this process's. Writing is best effort: a read-only
 * checkout only costs the token command its discovery, so a failure is returned, not thrown.
 */
export function announceRunningEmulator(
  record: { readonly role: RunningEmulatorRole; readonly endpoint: string; readonly gateway?: string },
  directory: string = discoveryDirectory(),
): { readonly withdraw: () => void; readonly file: string; readonly error?: Error } {
  const file = recordFile(directory, record.role);
  const written: RunningEmulatorRecord = { ...record, pid: process.pid, startedAt: new Date().toISOString() };
  try {
    mkdirSync(directory, { recursive: true });
    // Written aside and renamed, so a reader never sees half a record.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, `${JSON.stringify(written, null, 2)}\n`);
    renameSync(partial, file);
  } catch (error) {
    return { withdraw: () => undefined, file, error: error instanceof Error ? error : new Error(String(error)) };
  }
  return {
    file,
    withdraw: () => {
      // Another start of the same role may have replaced the record since: that one stays.
      if (readRecord(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}

/**
 * The emulator a token should come from: `npm start`'s when it runs (its gateway trusts only
 * that emulator's keys), else `npm run emulator`'s; `undefined` when no live process left a record.
 */
export function findRunningEmulator(directory: string = discoveryDirectory()): FoundEmulatorRecord | undefined {
  for (const role of ROLES_BY_PRECEDENCE) {
    const file = recordFile(directory, role);
    const record = readRecord(file);
    if (record !== undefined && record.role === role && isAlive(record.pid)) return { ...record, file };
  }
  return undefined;
}

function recordFile(directory: string, role: RunningEmulatorRole): string {
  return path.join(directory, `${role}.json`);
}

function readRecord(file: string): RunningEmulatorRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const candidate: Partial<Record<keyof RunningEmulatorRecord, unknown>> = parsed;
  if (
    (candidate.role !== 'local-stack' && candidate.role !== 'emulator') ||
    typeof candidate.endpoint !== 'string' ||
    !/^https?:\/\//.test(candidate.endpoint) ||
    typeof candidate.pid !== 'number' ||
    !Number.isSafeInteger(candidate.pid) ||
    candidate.pid <= 0 ||
    typeof candidate.startedAt !== 'string' ||
    (candidate.gateway !== undefined && typeof candidate.gateway !== 'string')
  ) {
    return undefined;
  }
  return {
    role: candidate.role,
    endpoint: candidate.endpoint,
    ...(candidate.gateway === undefined ? {} : { gateway: candidate.gateway }),
    pid: candidate.pid,
    startedAt: candidate.startedAt,
  };
}

/** Whether a process with this id exists (signal 0 checks without sending anything). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
