import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PageCacheStats } from '../cache/page-cache';
import type { UpstreamCallCounter } from '../cognito/upstream-call.counter';
import type { SharedStateMode } from '../shared-state/shared-state-switch';

/** Live figures the metrics read at scrape time. */
export interface MetricSources {
  /** Cognito calls waiting for a slot, and in flight. */
  readonly limiter: () => { readonly waiting: number; readonly active: number };
  readonly pageCache: () => PageCacheStats;
  readonly upstreamCalls: UpstreamCallCounter;
  /** Where rates, buckets and the page cache live now. */
  readonly sharedStateMode: () => SharedStateMode;
}

/** How one GraphQL request ended, as a metric label. */
export type RequestOutcome = 'ok' | 'partial' | 'error' | 'refused' | 'aborted';

/** Label used for every operation name past the cap. */
export const OTHER_OPERATIONS = 'other';
/** Label of operations sent without a name. */
export const ANONYMOUS_OPERATION = 'anonymous';

/**
 * The gateway's Prometheus metrics, in a registry of its own (prom-client): the default
 * process metrics, GraphQL requests and their durations, Cognito calls and their durations,
 * the limiter's queue, per-caller rate limiting, the page cache and authentication failures.
 *
 * Labels are bounded: operation names are the first `maxOperationNames` distinct ones seen,
 * every later one is `other`; Cognito outcomes are error names; reasons and codes come from
 * fixed sets. No username, sub, pool-by-user, token or cursor is ever a label.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly requestDuration: Histogram<'operation' | 'outcome'>;
  private readonly callerRateLimited: Counter;
  private readonly authenticationFailures: Counter<'reason'>;
  /** Each (operation, outcome)'s metric children; bounded as the labels are (operation names are capped). */
  private readonly requestChildren = new Map<string, MetricChildren>();

  constructor(
    sources: MetricSources,
    private readonly maxOperationNames: number,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL requests answered, by operation name (capped) and outcome (ok, partial, error, refused, aborted: the client left first).',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from a GraphQL request arriving to its answer being written, by operation name (capped) and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
      registers,
    });
    const cognitoCalls = new Counter({
      name: 'cognito_calls_total',
      help: 'HTTP attempts sent to Cognito, by operation and outcome (ok or the error name).',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    const cognitoDuration = new Histogram({
      name: 'cognito_call_duration_seconds',
      help: 'Duration of one HTTP attempt to Cognito, by operation.',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    const callChildren = new Map<string, MetricChildren>();
    sources.upstreamCalls.subscribe((operation, outcome, seconds) => {
      const children = childrenOf(callChildren, operation, outcome, () => ({
        count: cognitoCalls.labels({ operation, outcome }),
        duration: cognitoDuration.labels({ operation }),
      }));
      children.count.inc();
      children.duration.observe(seconds);
    });
    new Gauge({
      name: 'cognito_limiter_waiting',
      help: 'Cognito calls waiting for a concurrency or rate slot.',
      registers,
      collect() {
        this.set(sources.limiter().waiting);
      },
    });
    new Gauge({
      name: 'cognito_limiter_in_flight',
      help: 'Cognito calls in flight.',
      registers,
      collect() {
        this.set(sources.limiter().active);
      },
    });
    new Counter({
      name: 'cognito_limiter_rejections_total',
      help: 'Cognito calls refused with RATE_LIMITED because the queue of waiting calls was full.',
      registers,
      collect() {
        this.reset();
        this.inc(sources.upstreamCalls.queueRefusals);
      },
    });
    this.callerRateLimited = new Counter({
      name: 'caller_rate_limited_total',
      help: 'Operations refused because the caller was over its rate of Cognito reads.',
      registers,
    });
    for (const [name, pick] of [
      ['page_cache_hits_total', (stats: PageCacheStats) => stats.hits],
      ['page_cache_misses_total', (stats: PageCacheStats) => stats.misses],
      ['page_cache_evictions_total', (stats: PageCacheStats) => stats.evictions],
    ] as const) {
      new Counter({
        name,
        help: `Page cache ${name.split('_')[2]}.`,
        registers,
        collect() {
          this.reset();
          this.inc(pick(sources.pageCache()));
        },
      });
    }
    new Gauge({
      name: 'shared_state_mode',
      help: 'Where rates, caller buckets and the page cache live: 1 for the current mode (redis, local-fallback, local).',
      labelNames: ['mode'],
      registers,
      collect() {
        const current = sources.sharedStateMode();
        for (const mode of ['redis', 'local-fallback', 'local'] as const) this.set({ mode }, mode === current ? 1 : 0);
      },
    });
    this.authenticationFailures = new Counter({
      name: 'authentication_failures_total',
      help: 'Requests refused with 401, by reason (missing, expired, invalid).',
      labelNames: ['reason'],
      registers,
    });
  }

  /** Records one GraphQL request's end. */
  recordRequest(operationName: string | undefined, outcome: RequestOutcome, seconds: number): void {
    const operation = this.operationLabel(operationName);
    const children = childrenOf(this.requestChildren, operation, outcome, () => ({
      count: this.requests.labels({ operation, outcome }),
      duration: this.requestDuration.labels({ operation, outcome }),
    }));
    children.count.inc();
    children.duration.observe(seconds);
  }

  /** Records an operation refused by the caller's bucket. */
  recordCallerRateLimited(): void {
    this.callerRateLimited.inc();
  }

  /** Records a 401. */
  recordAuthenticationFailure(reason: string): void {
    this.authenticationFailures.inc({ reason });
  }

  /** The Prometheus text exposition. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private operationLabel(name: string | undefined): string {
    if (name === undefined || name === '') return ANONYMOUS_OPERATION;
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= this.maxOperationNames) return OTHER_OPERATIONS;
    this.operationNames.add(name);
    return name;
  }
}

/** A counter's and a histogram's children for one label set. */
interface MetricChildren {
  readonly count: Counter.Internal;
  readonly duration: Histogram.Internal<string>;
}

/**
 * The children for (`operation`, `outcome`), made once by `make`: prom-client hashes the label
 * set of every call it is given labels, not of a call on a child. Bounded as the labels are
 * (operation names are capped, operations and outcomes are few).
 */
function childrenOf(cache: Map<string, MetricChildren>, operation: string, outcome: string, make: () => MetricChildren): MetricChildren {
  const key = `${operation}\u0000${outcome}`;
  let children = cache.get(key);
  if (children === undefined) cache.set(key, (children = make()));
  return children;
}
