import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { announceRunningEmulator, DEMO_POOL_ID, findRunningEmulator, startCognitoEmulator, type CognitoEmulator } from '../src';

/**
 * `npm run emulator` and `npm run token` as a developer runs them: the compiled entry points,
 * started through `scripts/run-built.js` (what the root's scripts call) in a process of their own.
 * Each test gives them a discovery folder of its own (`EMULATOR_DISCOVERY_DIR`), so a developer's
 * `npm start` on this machine is neither found nor disturbed.
 */

const RUN_BUILT = path.join(__dirname, '..', 'scripts', 'run-built.js');
/** The line run-built.js prints when it has to compile first. */
const BUILDING = /Building the Cognito emulator/;

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(entry: string, args: readonly string[], env: Record<string, string>): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(process.execPath, [RUN_BUILT, entry, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

/** Resolves with everything the child printed on stdout once `pattern` appears in it. */
function printed(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (pattern.test(out)) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${String(code)} before printing ${pattern}:\n${out}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

function listenOnFreePort(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function claimsOf(authorizationLine: string): Record<string, unknown> {
  const token = authorizationLine.replace(/^Authorization: Bearer /, '').trim();
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('the developer commands', () => {
  let directory: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    // In a fresh clone the first run compiles the package; every test below must find it built.
    const warmUp = await run('token.main', ['--help'], {});
    if (warmUp.code !== 0) throw new Error(`run-built.js could not build the emulator:\n${warmUp.stderr}`);
  }, 120_000);

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'emulator-commands-'));
    env = { EMULATOR_DISCOVERY_DIR: directory, LOG_LEVEL: 'silent', EMULATOR_ENDPOINT: '' };
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  describe('npm run emulator', () => {
    it('moves to a free port when its own is taken, says so in one line, and leaves a record for npm run token until stopped', async () => {
      const holder = createServer();
      const takenPort = await listenOnFreePort(holder);
      const child = spawn(process.execPath, [RUN_BUILT, 'main'], { env: { ...process.env, ...env, EMULATOR_PORT: String(takenPort) } });
      try {
        const out = await printed(child, /Cognito emulator listening at (\S+)/);
        const endpoint = /Cognito emulator listening at (\S+)/.exec(out)?.[1] ?? '';
        const movedPort = new URL(endpoint).port;

        expect({
          notice: out.trim().split('\n')[0],
          found: findRunningEmulator(directory)?.endpoint,
          tokenCommand: out.includes('  npm run token -- alice'),
        }).toEqual({
          notice: `Port ${takenPort} is taken (by \`npm start\`'s emulator?), so this one listens on ${movedPort}; EMULATOR_PORT=<port> chooses another.`,
          found: endpoint,
          tokenCommand: true,
        });

        child.kill('SIGINT');
        await exited(child);
        expect(findRunningEmulator(directory)).toBeUndefined();
      } finally {
        child.kill('SIGKILL');
        holder.close();
      }
    });

    it.each([
      ['a port that is no number', { EMULATOR_PORT: 'abc' }, "EMULATOR_PORT must be a port number from 0 to 65535 (0: any free port); it is 'abc'."],
      ['a host that is not this machine', { EMULATOR_PORT: '0', EMULATOR_HOST: '192.0.2.1' }, "EMULATOR_HOST '192.0.2.1' is not an address of this machine (EADDRNOTAVAIL): leave it unset for 127.0.0.1, or name one of its interfaces."],
      ['too many synthetic users', { EMULATOR_SYNTHETIC_USERS: '100000' }, "EMULATOR_SYNTHETIC_USERS must be a whole number from 0 to 99999; it is '100000'."],
    ])('refuses %s in one line on stderr, without a stack trace, exit code 1', async (_name, settings, message) => {
      const finished = await run('main', [], { ...env, ...settings });

      expect(finished).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
    });
  });

  describe('npm run token', () => {
    let emulator: CognitoEmulator;
    beforeAll(async () => {
      emulator = await startCognitoEmulator();
    });
    afterAll(() => emulator?.close());

    it("finds npm start's emulator wherever it listens, from its record, and compiles nothing", async () => {
      announceRunningEmulator({ role: 'emulator', endpoint: 'http://127.0.0.1:1' }, directory);
      announceRunningEmulator({ role: 'local-stack', endpoint: emulator.endpoint, gateway: 'http://127.0.0.1:4000/graphql' }, directory);

      const finished = await run('token.main', ['bob'], env);

      expect({
        code: finished.code,
        lines: finished.stdout.split('\n').length,
        claims: claimsOf(finished.stdout),
        built: BUILDING.test(finished.stderr),
      }).toEqual({
        code: 0,
        lines: 2,
        claims: expect.objectContaining({ iss: emulator.issuerOf(DEMO_POOL_ID), username: 'bob', token_use: 'access' }),
        built: false,
      });
    });

    it('says in one line where it looked when no emulator answers there', async () => {
      const holder = createServer();
      const port = await listenOnFreePort(holder);
      holder.close();
      announceRunningEmulator({ role: 'emulator', endpoint: `http://127.0.0.1:${port}` }, directory);

      const finished = await run('token.main', ['bob'], env);

      expect(finished).toEqual({
        code: 1,
        stdout: '',
        stderr: expect.stringMatching(
          new RegExp(`^No emulator answers at http://127\\.0\\.0\\.1:${port} \\(connect ECONNREFUSED [^;]+; from ${directory.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/emulator\\.json, left by \`npm run emulator\` \\(pid ${process.pid}\\)\\)\\. .+\\n$`),
        ),
      });
    });
  });
});
