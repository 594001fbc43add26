import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { type CognitoEmulator, DEMO_POOL_ID, DEMO_WEB_CLIENT_ID } from 'cognito-auth-events-emulator';

const ROOT = resolve(__dirname, '..', '..');
/**
 * The production entry point, `node dist/src/index.js`, compiled before the tests run
 * (`test/support/build-programs.js`, jest's global setup), so tests run the real program.
 */
export const ENTRY = resolve(ROOT, 'dist', 'src', 'index.js');
/** What `npm start` runs: the gateway on the Cognito emulator. */
export const LOCAL_STACK = resolve(ROOT, 'dist', 'tools', 'local-stack', 'main.js');

/** A compiled program running in a child process, and everything it printed so far. */
export interface StartedProcess {
  readonly child: ChildProcess;
  output(): string;
}

/** Starts a compiled program (the entry point unless told otherwise) with exactly `env`. */
export function startEntryPoint(env: Record<string, string>, program = ENTRY): StartedProcess {
  const child = spawn(process.execPath, [program], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Resolves with the first group of `pattern` once the process has printed it; rejects if it exits first. */
export function waitForOutput(started: StartedProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(started.output());
      if (match?.[1] === undefined) return;
      started.child.stdout?.off('data', check);
      started.child.off('exit', exited);
      resolve(match[1]);
    };
    const exited = () => reject(new Error(`the process exited before printing ${pattern}:\n${started.output()}`));
    started.child.stdout?.on('data', check);
    started.child.once('exit', exited);
    check();
  });
}

/** Sends SIGTERM and resolves with the exit code. */
export async function stopProcess(started: StartedProcess): Promise<number | null> {
  if (started.child.exitCode !== null) return started.child.exitCode;
  started.child.kill('SIGTERM');
  const [code] = (await once(started.child, 'exit')) as [number | null];
  return code;
}

/** A production configuration that reaches `emulator` through the SDK's standard settings. */
export function productionEnv(emulator: CognitoEmulator): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    COGNITO_USER_POOL_IDS: DEMO_POOL_ID,
    CURSOR_SECRET: 'process-test-secret-0123456789-abcdefgh',
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emulator.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDPROCESSTEST',
    AWS_SECRET_ACCESS_KEY: 'process-test',
    AWS_EC2_METADATA_DISABLED: 'true',
    AUTH_CLIENT_IDS: DEMO_WEB_CLIENT_ID,
  };
}
