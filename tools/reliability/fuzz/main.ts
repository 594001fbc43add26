import { resolve } from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { startCognitoEmulator } from 'cognito-auth-events-emulator';
import { findFreePort } from '../../../test/support/free-port';
import { pinThisProcess, ProcessGroup } from '../../bench/bench.processes';
import { runFuzz } from './fuzz.engine';
import { FUZZ_CURSOR_SECRET, fuzzGatewayEnv } from './fuzz.gateway-env';
import { parseFuzzOptions } from './fuzz.options';
import { formatFuzzReport } from './fuzz.report';

/** Core of the gateway process; the fuzzer and its emulator run on the other. */
const GATEWAY_CORE = 0;
const FUZZER_CORE = 1;

/**
 * `npm run fuzz`: starts the emulator in this process (so its call log and store are at hand)
 * and the built gateway (`dist/src/index.js`, production mode) as a process of its own, so a
 * crash is a process that stopped, then runs the fuzzer against it and prints its figures.
 */
async function main(): Promise<void> {
  const options = parseFuzzOptions(process.argv.slice(2));
  const settings = Object.entries(options.env).map(([name, value]) => ` ${name}=${value}`).join('');
  process.stdout.write(`fuzzing with seed ${options.seed}, ${options.documents} documents${settings === '' ? '' : `, gateway settings:${settings}`}\n`);
  pinThisProcess(FUZZER_CORE);
  const emulator = await startCognitoEmulator({ host: '127.0.0.1', port: 0 });
  const group = new ProcessGroup();
  try {
    const port = await findFreePort();
    const env = fuzzGatewayEnv(emulator.endpoint, port, options.env);
    // The gateway's own reading of its settings: the limits the fuzzer holds it to.
    const config = loadConfig(env);
    const gateway = await group.start({ name: 'gateway', script: 'dist/src/index.js', port, env, core: GATEWAY_CORE });
    const isRunning = (): boolean => {
      try {
        group.assertRunning([gateway]);
        return true;
      } catch {
        return false;
      }
    };
    const report = await runFuzz(
      { graphqlUrl: `${gateway.origin}/graphql`, emulator, isRunning },
      {
        documents: options.documents,
        seed: options.seed,
        maxOperationCognitoReads: config.fairUse.maxOperationCognitoReads,
        eventScanPages: config.upstreamLimits.eventScanPages,
        cursorSecret: FUZZ_CURSOR_SECRET,
        errorsDocPath: resolve(options.errorsDoc),
        corsOrigins: config.operations.corsOrigins,
        progressEvery: 10_000,
        onProgress: (done) => process.stdout.write(`  ${done} documents\n`),
      },
    );
    process.stdout.write(`${formatFuzzReport(report)}\n`);
    if (report.failure !== undefined || !report.stillServing) process.exitCode = 1;
  } finally {
    await group.stopAll();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`The fuzzer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
