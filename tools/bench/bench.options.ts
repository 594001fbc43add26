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
   * `0 ms upstream, 10 connections`, which 20 ms's rows contain too), or starts with it when TEXT
   * starts with `^` (`^0 ms upstream, 10 connections`), for a quick before/after of one change.
   * Never committed as `latest.json`.
   */
  readonly only: string | undefined;
  /**
   * `--gateway PATH`: the gateway's entry script to measure (default `dist/src/index.js`), such as
   * another build of an earlier commit, for a before/after in the same run conditions.
   */
  readonly gatewayScript: string;
  /**
   * `--node-options "…"`: Node.js options for the gateway's processes (`NODE_OPTIONS`), such as
   * V8's heap sizes, to measure them both ways. Default: none, as `node dist/src/index.js`.
   */
  readonly gatewayNodeOptions: string | undefined;
  /**
   * `--tracing`: the gateways run with tracing on (OpenTelemetry, spans exported over OTLP/HTTP
   * protobuf to a sink the bench runs), to show what tracing costs. Every request is sampled
   * unless the bench's own environment sets `OTEL_TRACES_SAMPLER` (and `OTEL_TRACES_SAMPLER_ARG`).
   */
  readonly tracing: boolean;
}

const DEFAULT_GATEWAY_SCRIPT = 'dist/src/index.js';
const FULL: BenchOptions = { quick: false, warmupSeconds: 2, seconds: 10, profile: false, only: undefined, gatewayScript: DEFAULT_GATEWAY_SCRIPT, gatewayNodeOptions: undefined, tracing: false };
const QUICK: BenchOptions = { ...FULL, quick: true, warmupSeconds: 0.5, seconds: 1.5 };

/**
 * Reads `node dist/tools/bench/run.js [--quick] [--profile] [--tracing] [--only TEXT] [--gateway PATH] [--node-options "…"]`.
 *
 * @throws RangeError naming the argument when it is none of those.
 */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  let only: string | undefined;
  let gatewayScript = DEFAULT_GATEWAY_SCRIPT;
  let gatewayNodeOptions: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--node-options') {
      gatewayNodeOptions = args[index + 1];
      if (gatewayNodeOptions === undefined) throw new RangeError('--node-options needs the options, such as "--max-semi-space-size=2"');
      index += 1;
    } else if (arg === '--gateway') {
      gatewayScript = args[index + 1] ?? '';
      if (gatewayScript === '') throw new RangeError('--gateway needs the path of a gateway entry script, such as /tmp/other/dist/src/index.js');
      index += 1;
    } else if (arg === '--only') {
      only = args[index + 1];
      if (only === undefined || only === '') throw new RangeError('--only needs the text of the conditions to run, such as crowd');
      index += 1;
    } else if (arg !== '--quick' && arg !== '--profile' && arg !== '--tracing') {
      throw new RangeError(`Unknown argument ${JSON.stringify(arg)}; the bench takes --quick, --profile, --tracing, --only TEXT, --gateway PATH and --node-options "…"`);
    }
  }
  return { ...(args.includes('--quick') ? QUICK : FULL), profile: args.includes('--profile'), tracing: args.includes('--tracing'), only, gatewayScript, gatewayNodeOptions };
}
