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
}

const FULL: BenchOptions = { quick: false, warmupSeconds: 2, seconds: 10, profile: false };
const QUICK: BenchOptions = { quick: true, warmupSeconds: 0.5, seconds: 1.5, profile: false };

/**
 * Reads `node dist/tools/bench/run.js [--quick] [--profile]`.
 *
 * @throws RangeError naming the argument when it is neither.
 */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  for (const arg of args) {
    if (arg !== '--quick' && arg !== '--profile') throw new RangeError(`Unknown argument ${JSON.stringify(arg)}; the bench takes --quick and --profile`);
  }
  return { ...(args.includes('--quick') ? QUICK : FULL), profile: args.includes('--profile') };
}
