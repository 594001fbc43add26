/** What the soak reads of the gateway's `/metrics` (prom-client's default metrics) at each sample. */
export interface GatewaySample {
  /** Seconds since the soak started. */
  readonly atSeconds: number;
  /** `process_resident_memory_bytes`. */
  readonly rssBytes: number;
  /** `nodejs_heap_size_used_bytes`. */
  readonly heapUsedBytes: number;
  /** `nodejs_eventloop_lag_p99_seconds`, in milliseconds. */
  readonly eventLoopP99Ms: number;
  /** `nodejs_active_handles{type="Socket"}`: open sockets, client and server side. */
  readonly openSockets: number;
}

/**
 * Reads one sample from `GET <origin>/metrics`.
 *
 * @throws Error when the endpoint does not answer 200 or a metric is missing.
 */
export async function sampleGateway(origin: string, atSeconds: number): Promise<GatewaySample> {
  const response = await fetch(`${origin}/metrics`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${origin}/metrics answered ${response.status}`);
  return {
    atSeconds,
    rssBytes: metricValue(text, 'process_resident_memory_bytes'),
    heapUsedBytes: metricValue(text, 'nodejs_heap_size_used_bytes'),
    eventLoopP99Ms: metricValue(text, 'nodejs_eventloop_lag_p99_seconds') * 1000,
    // prom-client leaves a handle type out while none is open.
    openSockets: metricValue(text, 'nodejs_active_handles{type="Socket"}', 0),
  };
}

/**
 * The value of one series in Prometheus's text format: `name` with its labels exactly as
 * prom-client prints them (`name{label="value"}`), or the bare name for a series without labels.
 */
export function metricValue(exposition: string, series: string, missing?: number): number {
  for (const line of exposition.split('\n')) {
    if (line.startsWith(`${series} `)) {
      const value = Number(line.slice(series.length + 1).trim().split(' ')[0]);
      if (Number.isFinite(value)) return value;
    }
  }
  if (missing !== undefined) return missing;
  throw new Error(`/metrics has no series ${series}`);
}
