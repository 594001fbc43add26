/** Whether requests can be answered from a page the gateway has already read. */
export type PageTemperature = 'cold' | 'hot';

/**
 * Who sends the requests: `admin`, one client-credentials token asking about each user in turn
 * (a back office); `crowd`, each user with their own access token asking about themselves, as
 * a front end's users do (the gateway then verifies many tokens, each once, and authorizes each
 * request for its own caller).
 */
export type BenchCallers = 'admin' | 'crowd';

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
  readonly callers: BenchCallers;
}

/**
 * Every condition, in the order they run: 2 latencies × 2 concurrencies × cold and hot pages
 * for the admin, and cold pages for the crowd (at 0 ms with 10 and 50 connections, at 20 ms with
 * 10: the rows the targets name).
 */
export const BENCH_CONDITIONS: readonly BenchCondition[] = [0, 20].flatMap((latencyMs) => [
  ...[10, 50].flatMap((connections) => (['cold', 'hot'] as const).map((pages) => ({ latencyMs, connections, pages, callers: 'admin' as const }))),
  ...(latencyMs === 0 ? [10, 50] : [10]).map((connections) => ({ latencyMs, connections, pages: 'cold' as const, callers: 'crowd' as const })),
]);
