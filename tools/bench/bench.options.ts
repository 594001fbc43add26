/** How long the bench loads each server, from its command line. */
export interface BenchOptions {
  /** `--quick`: a short run for CI, to prove the bench works and every answer is right. */
  readonly quick: boolean;
  /** Load before each measured run, so the JIT and connection pools are warm; not measured. */
  readonly warmupSeconds: number;
  /** Length of each measured run. */
  readonly seconds: number;
}

const FULL: BenchOptions = { quick: false, warmupSeconds: 2, seconds: 10 };
const QUICK: BenchOptions = { quick: true, warmupSeconds: 0.5, seconds: 1.5 };

/**
 * Reads `node dist/tools/bench/run.js [--quick]`.
 *
 * @throws RangeError naming the argument when it is not `--quick`.
 */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  for (const arg of args) {
    if (arg !== '--quick') throw new RangeError(`Unknown argument ${JSON.stringify(arg)}; the bench takes only --quick`);
  }
  return args.includes('--quick') ? QUICK : FULL;
}
