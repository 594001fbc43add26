import { startCognitoEmulator, type CognitoEmulator, type CognitoEmulatorOptions } from './emulator.server';

/** Where `npm run emulator` and `npm start` put the emulator unless `EMULATOR_PORT` says otherwise. */
export const DEFAULT_EMULATOR_PORT = 9325;

/** The interface `npm run emulator` binds unless `EMULATOR_HOST` says otherwise: loopback only. */
export const DEFAULT_EMULATOR_HOST = '127.0.0.1';

/**
 * The port `EMULATOR_PORT` names: {@link DEFAULT_EMULATOR_PORT} when unset or blank, 0 for any
 * free port.
 *
 * @throws RangeError naming the setting and the value when it is not a port number.
 */
export function readEmulatorPort(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === '') return DEFAULT_EMULATOR_PORT;
  const port = Number(setting);
  if (!/^\d+$/.test(setting.trim()) || port > 65535) {
    throw new RangeError(`EMULATOR_PORT must be a port number from 0 to 65535 (0: any free port); it is '${setting}'.`);
  }
  return port;
}

/** An emulator started by {@link startCognitoEmulatorPreferringPort}. */
export interface PreferredPortStart {
  readonly emulator: CognitoEmulator;
  /** The port asked for, when another process held it and the emulator took a free one instead. */
  readonly takenPort?: number;
}

/**
 * Starts an emulator on `options.port`, or on a free port when another process holds that one,
 * so `npm run emulator` beside `npm start` (or a second `npm start`) still starts; `takenPort`
 * then says which port was taken. Other failures to listen (a port below 1024, a host that is
 * not this machine's) reject as {@link startCognitoEmulator} does.
 */
export async function startCognitoEmulatorPreferringPort(
  options: CognitoEmulatorOptions & { readonly port: number },
): Promise<PreferredPortStart> {
  try {
    return { emulator: await startCognitoEmulator(options) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.port === 0) throw error;
    return { emulator: await startCognitoEmulator({ ...options, port: 0 }), takenPort: options.port };
  }
}
