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
}

const FULL: BenchOptions = { quick: false, warmupSeconds: 2, seconds: 10, profile: false, only: undefined };
const QUICK: BenchOptions = { quick: true, warmupSeconds: 0.5, seconds: 1.5, profile: false, only: undefined };

/**
 * Reads `node dist/tools/bench/run.js [--quick] [--profile] [--only TEXT]`.
 *
 * @throws RangeError naming the argument when it is none of those.
 */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  let only: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--only') {
      only = args[index + 1];
      if (only === undefined || only === '') throw new RangeError('--only needs the text of the conditions to run, such as crowd');
      index += 1;
    } else if (arg !== '--quick' && arg !== '--profile') {
      throw new RangeError(`Unknown argument ${JSON.stringify(arg)}; the bench takes --quick, --profile and --only TEXT`);
    }
  }
  return { ...(args.includes('--quick') ? QUICK : FULL), profile: args.includes('--profile'), only };
}
