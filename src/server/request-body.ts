import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import {
  BODY_TOO_LARGE,
  BODY_TOO_LARGE_TO_DRAIN,
  type ContentCoding,
  type HttpRequestError,
  MALFORMED_JSON,
  malformedContentCoding,
} from './http-errors';

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
 * Reads a JSON request body of at most `limit` bytes, inflating it first when it was sent with a
 * content coding (`gzip`, `deflate`, `br`, as body-parser would, and as Apollo Router sends
 * subgraph requests when its traffic shaping compresses them). The limit applies to the body
 * as sent and to the body once inflated: a few kilobytes that inflate past the limit (a
 * "zip bomb") are refused as soon as the inflated bytes pass it, and the inflater is stopped,
 * so no more than `limit` bytes are ever held.
 *
 * A body over the limit is refused (413) once it has been drained, if it is at most
 * {@link REFUSED_BODY_DRAIN_BYTES} long, or at once, closing the connection, if it is longer
 * (by its `Content-Length`, or as soon as it grows so). A body whose coding is broken is 400.
 *
 * @throws HttpRequestError (413 or 400) for a body to refuse; RequestAbortedError when the client left.
 */
export function readJsonBody(request: IncomingMessage, limit: number, coding: ContentCoding): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > REFUSED_BODY_DRAIN_BYTES) {
      reject(BODY_TOO_LARGE_TO_DRAIN);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let inflated = 0;
    let requestEnded = false;
    // Set once the body is refused: from then on the rest is only drained, then this is the answer.
    let refusal: HttpRequestError | undefined = Number.isFinite(declared) && declared > limit ? BODY_TOO_LARGE : undefined;
    const refuse = (error: HttpRequestError) => {
      if (refusal !== undefined) return;
      refusal = error;
      chunks.length = 0;
      decoder?.destroy();
      // Found while inflating what had all arrived already: nothing else is left to answer.
      if (requestEnded) reject(error);
    };
    const take = (chunk: Buffer) => {
      if (refusal !== undefined) return;
      inflated += chunk.length;
      if (inflated > limit) refuse(BODY_TOO_LARGE);
      else chunks.push(chunk);
    };
    const parse = () => {
      if (refusal !== undefined) {
        reject(refusal);
        return;
      }
      // Invalid UTF-8 becomes U+FFFD, as every JSON body parser of Node does.
      const text = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(MALFORMED_JSON);
      }
    };

    const decoder = decoderFor(coding);
    if (decoder !== undefined) {
      decoder.on('data', take);
      decoder.once('end', parse);
      decoder.once('error', () => refuse(malformedContentCoding(coding)));
    }

    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > REFUSED_BODY_DRAIN_BYTES) {
        refuse(BODY_TOO_LARGE_TO_DRAIN);
        request.removeAllListeners('data');
        reject(BODY_TOO_LARGE_TO_DRAIN);
        return;
      }
      if (received > limit) refuse(BODY_TOO_LARGE);
      if (refusal !== undefined) return;
      if (decoder === undefined) take(chunk);
      else decoder.write(chunk);
    });
    request.once('end', () => {
      requestEnded = true;
      if (decoder === undefined || refusal !== undefined) parse();
      else decoder.end();
    });
    request.once('aborted', () => {
      decoder?.destroy();
      reject(new RequestAbortedError());
    });
    request.once('error', () => {
      decoder?.destroy();
      reject(new RequestAbortedError());
    });
  });
}

/** Node's own streaming inflaters; none for `identity`. */
function decoderFor(coding: ContentCoding): Transform | undefined {
  switch (coding) {
    case 'identity':
      return undefined;
    case 'gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
  }
}
