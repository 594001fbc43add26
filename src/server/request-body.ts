import type { IncomingMessage } from 'node:http';
import { BODY_TOO_LARGE, MALFORMED_JSON } from './http-errors';

/** The client went away before its body arrived: nobody is left to answer. */
export class RequestAbortedError extends Error {
  constructor() {
    super('the request was aborted before its body arrived');
    this.name = 'RequestAbortedError';
  }
}

/**
 * How much of a refused body is read and thrown away while its 413 is on its way. The 413 says
 * `Connection: close`, so Node closes the connection once the answer is sent instead of reading
 * the rest of the body to reuse it (which let one request make the gateway read an endless
 * body); this bound holds until then.
 */
export const REFUSED_BODY_DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * Reads a JSON request body of at most `limit` bytes. A declared `Content-Length` over the
 * limit is refused before reading; a body that grows past it is refused as soon as it does.
 * Either way up to {@link REFUSED_BODY_DRAIN_BYTES} more are drained, so the client reads the
 * answer, and then the connection is destroyed.
 *
 * @throws HttpRequestError (413 or 400) for a body to refuse; RequestAbortedError when the client left.
 */
export function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      received = 0;
      reject(BODY_TOO_LARGE);
    };
    if (Number.isFinite(declared) && declared > limit) refuse();
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (refused) {
        if (received > REFUSED_BODY_DRAIN_BYTES) request.destroy();
        return;
      }
      if (received > limit) {
        refuse();
        return;
      }
      chunks.push(chunk);
    });
    request.once('end', () => {
      if (refused) return;
      // Invalid UTF-8 becomes U+FFFD, as every JSON body parser of Node does.
      const text = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(MALFORMED_JSON);
      }
    });
    request.once('aborted', () => reject(new RequestAbortedError()));
    request.once('error', () => reject(new RequestAbortedError()));
  });
}
