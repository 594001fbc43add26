import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An attribute value as OTLP/JSON encodes it. */
type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: number | string }
  | { doubleValue: number }
  | { arrayValue: { values?: OtlpAnyValue[] } };

interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

/** `ExportTraceServiceRequest` in OTLP/JSON, as far as these tests read it. */
interface OtlpExportRequest {
  resourceSpans: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans: Array<{
      scope?: { name?: string };
      spans: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: OtlpKeyValue[];
        status?: { code?: number };
      }>;
    }>;
  }>;
}

/** A span as a collector received it, flattened with its resource and scope. */
export interface ReceivedSpan {
  readonly service: string | undefined;
  readonly scope: string | undefined;
  readonly traceId: string;
  readonly spanId: string;
  /** Empty for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP's `SpanKind`: 1 internal, 2 server, 3 client. */
  readonly kind: number;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** OTLP's `StatusCode`: 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
}

/** A request the receiver took, as it arrived. */
export interface ReceivedExport {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/** A stand-in for an OpenTelemetry collector's OTLP/HTTP receiver, taking JSON only. */
export interface OtlpReceiver {
  /** `http://127.0.0.1:<port>`, for `OTEL_EXPORTER_OTLP_ENDPOINT` (the exporter adds `/v1/traces`). */
  readonly endpoint: string;
  readonly spans: readonly ReceivedSpan[];
  readonly exports: readonly ReceivedExport[];
  /** Resolves once the spans received satisfy `ready` (checked as each export arrives). */
  waitFor(ready: (spans: readonly ReceivedSpan[]) => boolean): Promise<readonly ReceivedSpan[]>;
  close(): Promise<void>;
}

function valueOf(value: OtlpAnyValue): unknown {
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  return (value.arrayValue.values ?? []).map(valueOf);
}

function attributesOf(list: OtlpKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, valueOf(value)]));
}

/**
 * Receives OTLP/HTTP JSON trace exports on `POST /v1/traces`, as a collector's `otlp` receiver
 * does, answering with an empty `ExportTraceServiceResponse`. Anything else (another path, a
 * protobuf body) is refused with 415 or 404, so a test sees an exporter that does not speak JSON.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const exports: ReceivedExport[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      if (request.headers['content-type'] !== 'application/json') {
        response.writeHead(415).end();
        return;
      }
      exports.push({ path: request.url, headers: request.headers });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExportRequest;
      for (const resourceSpans of body.resourceSpans) {
        const resource = attributesOf(resourceSpans.resource?.attributes);
        for (const scopeSpans of resourceSpans.scopeSpans) {
          for (const span of scopeSpans.spans) {
            spans.push({
              service: resource['service.name'] as string | undefined,
              scope: scopeSpans.scope?.name,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              kind: span.kind,
              attributes: attributesOf(span.attributes),
              statusCode: span.status?.code ?? 0,
            });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      for (const wake of waiters) wake();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    exports,
    waitFor(ready) {
      return new Promise((resolve) => {
        const check = () => {
          if (!ready(spans)) return;
          waiters.delete(check);
          resolve(spans);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
