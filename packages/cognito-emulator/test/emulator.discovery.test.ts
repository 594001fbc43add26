import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { announceRunningEmulator, discoveryDirectory, findRunningEmulator } from '../src';

/** A process id that no process holds: one that has just exited. */
function pidOfAnEndedProcess(): number {
  const ended = spawnSync(process.execPath, ['-e', '0']);
  return ended.pid as number;
}

describe('the records of running emulators', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'emulator-discovery-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it("finds npm start's emulator before npm run emulator's, since only the first is the gateway's", () => {
    announceRunningEmulator({ role: 'emulator', endpoint: 'http://127.0.0.1:41000' }, directory);
    const localStack = announceRunningEmulator({ role: 'local-stack', endpoint: 'http://127.0.0.1:9325', gateway: 'http://127.0.0.1:4000/graphql' }, directory);

    expect(findRunningEmulator(directory)).toEqual({
      role: 'local-stack',
      endpoint: 'http://127.0.0.1:9325',
      gateway: 'http://127.0.0.1:4000/graphql',
      pid: process.pid,
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      file: localStack.file,
    });

    localStack.withdraw();

    expect(findRunningEmulator(directory)).toMatchObject({ role: 'emulator', endpoint: 'http://127.0.0.1:41000' });
  });

  it('ignores the record of a process that is gone, and files that are no record', () => {
    const record = { role: 'local-stack', endpoint: 'http://127.0.0.1:9325', pid: pidOfAnEndedProcess(), startedAt: new Date().toISOString() };
    writeFileSync(path.join(directory, 'local-stack.json'), JSON.stringify(record));
    writeFileSync(path.join(directory, 'emulator.json'), '{ "role": "emulator", "endpoint": "not a URL", "pid": 1 }');

    expect(findRunningEmulator(directory)).toBeUndefined();
  });

  it('withdraws a record only while it is still its own, leaving no partial files behind', () => {
    const first = announceRunningEmulator({ role: 'emulator', endpoint: 'http://127.0.0.1:41000' }, directory);
    // A later start of the same role (another process, played here by editing the pid) replaced it.
    const replaced = { role: 'emulator', endpoint: 'http://127.0.0.1:42000', pid: process.ppid, startedAt: new Date().toISOString() };
    writeFileSync(first.file, JSON.stringify(replaced));

    first.withdraw();

    expect({ files: readdirSync(directory), found: findRunningEmulator(directory)?.endpoint }).toEqual({
      files: ['emulator.json'],
      found: 'http://127.0.0.1:42000',
    });
  });

  it('says why it could not leave a record instead of failing the start', () => {
    const notADirectory = path.join(directory, 'a-file');
    writeFileSync(notADirectory, '');

    const announcement = announceRunningEmulator({ role: 'emulator', endpoint: 'http://127.0.0.1:41000' }, notADirectory);

    expect({ error: announcement.error?.name, withdraw: announcement.withdraw() }).toEqual({ error: 'Error', withdraw: undefined });
  });

  it('keeps the records in this package unless EMULATOR_DISCOVERY_DIR names another folder', () => {
    expect([discoveryDirectory({}), discoveryDirectory({ EMULATOR_DISCOVERY_DIR: directory })]).toEqual([
      path.resolve(__dirname, '..', '.running'),
      directory,
    ]);
  });
});
