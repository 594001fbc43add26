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
 * Reads a JSON request body of at most `limit` bytes. A declared `Content-Length` over the
 * limit is refused before reading; a body that grows past it is refused as soon as it does,
 * and the rest is drained, so the client reads the answer instead of a reset connection.
 *
 * @throws HttpRequestError (413 or 400) for a body to refuse; RequestAbortedError when the client left.
 */
export function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      request.resume();
      reject(BODY_TOO_LARGE);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      received += chunk.length;
      if (received > limit) {
        refused = true;
        chunks.length = 0;
        reject(BODY_TOO_LARGE);
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
