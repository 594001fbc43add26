/** Whether requests can be answered from a page the gateway has already read. */
export type PageTemperature = 'cold' | 'hot';

/** The circumstances of one measurement, the same for the gateway and the baseline. */
export interface BenchCondition {
  /** Added by the emulator before every Cognito answer, standing in for the network to Cognito. */
  readonly latencyMs: number;
  /** Concurrent keep-alive connections, one request in flight on each. */
  readonly connections: number;
  /**
   * `cold`: requests rotate over many users and the gateway's page cache is off, so every
   * request reads Cognito. `hot`: one user's first page again and again, cache at its default.
   */
  readonly pages: PageTemperature;
}

/** Every condition, in the order they run: 2 latencies × 2 concurrencies × cold and hot pages. */
export const BENCH_CONDITIONS: readonly BenchCondition[] = [0, 20].flatMap((latencyMs) =>
  [10, 50].flatMap((connections) => (['cold', 'hot'] as const).map((pages) => ({ latencyMs, connections, pages }))),
);
