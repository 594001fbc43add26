import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A collector stand-in for `--tracing`: takes OTLP/HTTP exports and drops them. */
export interface TraceSink {
  /** For `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  readonly endpoint: string;
  /** Exports received and their bytes, to show the gateways really exported. */
  readonly received: { exports: number; bytes: number };
  close(): Promise<void>;
}

/**
 * Answers every OTLP/HTTP export with an empty success (an empty protobuf message is an empty
 * body), as a collector that keeps up would, so the bench measures what tracing costs the
 * gateway: making spans, batching them and sending them, not a collector's back-pressure.
 */
export async function startTraceSink(): Promise<TraceSink> {
  const received = { exports: 0, bytes: 0 };
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
    request.on('end', () => {
      received.exports += 1;
      response.writeHead(200, { 'content-type': request.headers['content-type'] ?? 'application/x-protobuf', 'content-length': 0 }).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
