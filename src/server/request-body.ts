import type { IncomingMessage } from 'node:http';
import { BODY_TOO_LARGE, BODY_TOO_LARGE_TO_DRAIN, MALFORMED_JSON } from './http-errors';

/** The client went away before its body arrived: nobody is left to answer. */
export class RequestAbortedError extends Error {
  constructor() {
    super('the request was aborted before its body arrived');
    this.name = 'RequestAbortedError';
  }
}

/**
 * How much of a refused body is read and thrown away before the 413 is sent, so that a client
 * still uploading reads the answer on a connection it can reuse (one cut mid-upload gives the
 * client a reset instead). A body larger than that, declared or sent, is answered at once with
 * `Connection: close`, and the rest is never read: nobody can make the gateway read an endless
 * body.
 */
export const REFUSED_BODY_DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * Reads a JSON request body of at most `limit` bytes. A body over the limit is refused (413)
 * once it has been drained, if it is at most {@link REFUSED_BODY_DRAIN_BYTES} long, or at once,
 * closing the connection, if it is longer (by its `Content-Length`, or as soon as it grows so).
 *
 * @throws HttpRequestError (413 or 400) for a body to refuse; RequestAbortedError when the client left.
 */
export function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > REFUSED_BODY_DRAIN_BYTES) {
      reject(BODY_TOO_LARGE_TO_DRAIN);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = Number.isFinite(declared) && declared > limit;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > REFUSED_BODY_DRAIN_BYTES) {
        refused = true;
        chunks.length = 0;
        request.removeAllListeners('data');
        reject(BODY_TOO_LARGE_TO_DRAIN);
        return;
      }
      if (received > limit) {
        refused = true;
        chunks.length = 0;
      }
      if (!refused) chunks.push(chunk);
    });
    request.once('end', () => {
      if (refused) {
        reject(BODY_TOO_LARGE);
        return;
      }
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
