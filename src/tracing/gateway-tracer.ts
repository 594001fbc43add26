import { type Attributes, type Span, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';

/** The instrumentation scope of every span the gateway makes. */
export const GATEWAY_TRACER_NAME = 'cognito-auth-events-gateway';

/** How a span of the gateway starts. */
export interface GatewaySpanOptions {
  /** `CLIENT` for a call to another service; `INTERNAL` otherwise. */
  readonly kind?: SpanKind;
  /** Only names, counts and codes: never a username, sub, email, token, cursor or `NextToken`. */
  readonly attributes?: Attributes;
}

/**
 * The gateway's spans, made through the OpenTelemetry API: the GraphQL operation, each Cognito
 * call, the page-cache lookup and any wait for a rate slot. It exists only when tracing is on
 * (`src/tracing/tracing.bootstrap.ts`); the rooms that take one make no span, and allocate
 * nothing for one, without it. Resolver-level spans are left out on purpose: one span per field
 * costs more than the request it describes.
 */
export class GatewayTracer {
  constructor(private readonly tracer: Tracer = trace.getTracer(GATEWAY_TRACER_NAME)) {}

  /**
   * Runs `run` in a new span, child of the active one and active while `run` runs (so the spans
   * and outgoing HTTP requests `run` makes are its children), ended when `run` settles. A failure
   * marks the span as an error with `error.type`, the error's code or class, never its message
   * (a message may quote input).
   */
  inSpan<T>(name: string, options: GatewaySpanOptions, run: (span: Span) => Promise<T>): Promise<T> {
    return this.tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {} }, async (span) => {
      try {
        return await run(span);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute('error.type', errorTypeOf(error));
        throw error;
      } finally {
        span.end();
      }
    });
  }
}

/** What failed, as a span may say it: a GraphQL error's code, else the error's class name. */
export function errorTypeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return typeof error;
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  if (typeof code === 'string') return code;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : 'Error';
}
