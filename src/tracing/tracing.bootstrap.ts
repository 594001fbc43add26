import type { IncomingMessage } from 'node:http';
import { GatewayTracer } from './gateway-tracer';

/** `service.name` when `OTEL_SERVICE_NAME` (or `OTEL_RESOURCE_ATTRIBUTES`) does not name one. */
export const DEFAULT_SERVICE_NAME = 'cognito-auth-events-gateway';

/**
 * The OpenTelemetry variables a deployment sets to trace the gateway, as the deployment kit
 * lists them (`.env.example`). They are read by `tracingRequested` and by the SDK itself, not by
 * `loadConfig`; any other standard `OTEL_*` variable of the SDK applies as well.
 */
export const TRACING_SETTINGS = [
  'OTEL_TRACES_EXPORTER',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
  'OTEL_PROPAGATORS',
  'OTEL_SDK_DISABLED',
] as const;

/** Paths never traced: probes and metrics, polled every few seconds, would drown the traces. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Tracing, once started. */
export interface Tracing {
  /** Where the gateway makes its own spans. */
  readonly tracer: GatewayTracer;
  /** What the OpenTelemetry settings came to, for the start-up log line (names and URLs only). */
  readonly summary: Readonly<Record<string, string>>;
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether the environment asks for traces, read as OpenTelemetry's own variables say: an
 * `OTEL_TRACES_EXPORTER` other than `none`, or an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, whose exporter defaults to `otlp`); never with
 * `OTEL_SDK_DISABLED=true`. Unlike the SDK's default (an OTLP exporter to localhost:4318 when
 * nothing is set), nothing set means no tracing: a gateway nobody asked to trace sends nothing
 * anywhere and loads none of the SDK.
 */
export function tracingRequested(env: Env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (exporters.length > 0) return !exporters.every((name) => name === 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts OpenTelemetry's Node SDK when the environment asks for traces (`tracingRequested`), and
 * nothing otherwise. Everything else comes from the standard variables, read by the SDK itself:
 * exporter and protocol (`otlp` over `http/protobuf`, `http/json` or `grpc`, `console`,
 * `zipkin`), endpoint and headers, `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES`,
 * `OTEL_TRACES_SAMPLER`/`_ARG` (default: follow the caller's sampling decision, sample every
 * trace that starts here), `OTEL_PROPAGATORS` (default W3C `traceparent` and baggage) and the
 * batch processor's `OTEL_BSP_*`.
 *
 * Call it before the modules it instruments are loaded (`src/index.ts` imports this first): the
 * HTTP instrumentation makes a server span for each API request, continuing an incoming
 * `traceparent`. Its URL attributes carry no query string (a GET's document and variables), and
 * probes and metrics are not traced. The
 * SDK's metrics and logs stay off: the gateway's metrics are Prometheus's and its logs pino's.
 */
export function startTracing(env: Env = process.env): Tracing | undefined {
  if (!tracingRequested(env)) return undefined;
  // Required here rather than imported: with tracing off the SDK, its exporters and its
  // instrumentation are never loaded (about 20 MiB and 150 ms of start-up).
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const serviceNamed = env.OTEL_SERVICE_NAME !== undefined || /(^|,)\s*service\.name\s*=/.test(env.OTEL_RESOURCE_ATTRIBUTES ?? '');
  const sdk = new NodeSDK({
    ...(serviceNamed ? {} : { serviceName: DEFAULT_SERVICE_NAME }),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has(pathOf(request)),
        // A GET request's query string is its GraphQL document and variables.
        startIncomingSpanHook: (request) => ((request as IncomingMessage).url?.includes('?') === true ? { 'url.query': 'REDACTED' } : {}),
        // The Cognito call's own span (its attempts, outcome, page size) says what a span per HTTP
        // attempt would, and Cognito reads no W3C trace context: that span and its propagation
        // would cost CPU on every call for nothing (measured: docs/performance.md#tracing).
        disableOutgoingRequestInstrumentation: true,
      }),
    ],
  });
  sdk.start();
  return {
    tracer: new GatewayTracer(),
    summary: {
      exporter: env.OTEL_TRACES_EXPORTER?.trim() || 'otlp',
      protocol: env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?.trim() || env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim() || 'http/protobuf',
      sampler: env.OTEL_TRACES_SAMPLER?.trim() || 'parentbased_always_on',
      service: env.OTEL_SERVICE_NAME ?? (serviceNamed ? 'from OTEL_RESOURCE_ATTRIBUTES' : DEFAULT_SERVICE_NAME),
    },
    shutdown: () => sdk.shutdown(),
  };
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : url.slice(0, queryStart);
}
