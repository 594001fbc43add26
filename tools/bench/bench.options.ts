/** How long the bench loads each server, from its command line. */
export interface BenchOptions {
  /** `--quick`: a short run for CI, to prove the bench works and every answer is right. */
  readonly quick: boolean;
  /** Load before each measured run, so the JIT and connection pools are warm; not measured. */
  readonly warmupSeconds: number;
  /** Length of each measured run. */
  readonly seconds: number;
  /**
   * `--profile`: instead of the table, the gateway alone under the crowd's uncached load (0 ms,
   * 10 connections) with `node --cpu-prof`, and where its CPU went, by package.
   */
  readonly profile: boolean;
  /**
   * `--only TEXT`: only the conditions whose description contains TEXT (such as `crowd`, or
   * `0 ms upstream, 10 connections`), for a quick before/after of one change. Never committed
   * as `latest.json`.
   */
  readonly only: string | undefined;
  /**
   * `--gateway PATH`: the gateway's entry script to measure (default `dist/src/index.js`), such as
   * another build of an earlier commit, for a before/after in the same run conditions.
   */
  readonly gatewayScript: string;
}

const DEFAULT_GATEWAY_SCRIPT = 'dist/src/index.js';
const FULL: BenchOptions = { quick: false, warmupSeconds: 2, seconds: 10, profile: false, only: undefined, gatewayScript: DEFAULT_GATEWAY_SCRIPT };
const QUICK: BenchOptions = { quick: true, warmupSeconds: 0.5, seconds: 1.5, profile: false, only: undefined, gatewayScript: DEFAULT_GATEWAY_SCRIPT };

/**
 * Reads `node dist/tools/bench/run.js [--quick] [--profile] [--only TEXT] [--gateway PATH]`.
 *
 * @throws RangeError naming the argument when it is none of those.
 */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  let only: string | undefined;
  let gatewayScript = DEFAULT_GATEWAY_SCRIPT;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--gateway') {
      gatewayScript = args[index + 1] ?? '';
      if (gatewayScript === '') throw new RangeError('--gateway needs the path of a gateway entry script, such as /tmp/other/dist/src/index.js');
      index += 1;
    } else if (arg === '--only') {
      only = args[index + 1];
      if (only === undefined || only === '') throw new RangeError('--only needs the text of the conditions to run, such as crowd');
      index += 1;
    } else if (arg !== '--quick' && arg !== '--profile') {
      throw new RangeError(`Unknown argument ${JSON.stringify(arg)}; the bench takes --quick, --profile, --only TEXT and --gateway PATH`);
    }
  }
  return { ...(args.includes('--quick') ? QUICK : FULL), profile: args.includes('--profile'), only, gatewayScript };
}
