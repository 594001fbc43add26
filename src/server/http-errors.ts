import type { ServerResponse } from 'node:http';
import { GatewayErrorCode } from '../errors/gateway-errors';

/**
 * Largest request body accepted. Cursors can carry Cognito tokens of up to 131,072 characters;
 * 1 MiB leaves room for a few in one operation's variables.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** A request the HTTP layer refuses before GraphQL runs: its status, code and message. */
export class HttpRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: GatewayErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpRequestError';
  }
}

/**
 * Answers with one GraphQL error in the shape every GraphQL client reads (`{ errors: [...] }`),
 * so no answer of the API is ever an HTML page, whatever went wrong before GraphQL ran.
 */
export function sendGraphQLError(
  response: ServerResponse,
  status: number,
  code: GatewayErrorCode,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** A content coding of request bodies this server inflates, or none (`identity`). */
export type ContentCoding = 'identity' | 'gzip' | 'deflate' | 'br';

const CONTENT_CODINGS: Readonly<Record<string, ContentCoding>> = {
  identity: 'identity',
  gzip: 'gzip',
  // The old name RFC 9110 asks recipients to treat as gzip.
  'x-gzip': 'gzip',
  deflate: 'deflate',
  br: 'br',
};

/** What a 415 for an unknown content coding names as accepted (RFC 7694's `Accept-Encoding` on a 415). */
const ACCEPTED_CODINGS = 'gzip, deflate, br';

/** Methods the API's path answers; `OPTIONS` for CORS preflights. */
export const GRAPHQL_ALLOWED_METHODS = 'GET, POST, OPTIONS';

/** Methods a plain route (probes, metrics) answers. */
export const PLAIN_ROUTE_ALLOWED_METHODS = 'GET, HEAD';

/**
 * Refuses what GraphQL over HTTP does not use here before the body is read: methods other than
 * GET and POST (`405`, with `Allow`), and POST bodies that are not `application/json` in UTF-8,
 * or whose content coding is not one this server inflates (`415`, with `Accept-Encoding`).
 * CORS preflights (`OPTIONS`) are answered before this.
 *
 * @returns the POST body's content coding (`identity` for GET).
 * @throws HttpRequestError for a request to refuse.
 */
export function assertGraphQLOverHttp(method: string | undefined, contentType: string | undefined, contentEncoding: string | undefined): ContentCoding {
  if (method !== 'GET' && method !== 'POST') {
    throw new HttpRequestError(
      405,
      GatewayErrorCode.METHOD_NOT_ALLOWED,
      `The method ${(method ?? '').slice(0, 16)} is not allowed here: send GraphQL requests with POST (or GET for queries).`,
      { allow: GRAPHQL_ALLOWED_METHODS },
    );
  }
  if (method === 'GET') return 'identity';
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') {
    throw new HttpRequestError(
      415,
      GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
      'A POST request must carry its GraphQL request as Content-Type: application/json.',
    );
  }
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpRequestError(415, GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The request body must be encoded as UTF-8.');
  }
  if (contentEncoding === undefined) return 'identity';
  const coding = CONTENT_CODINGS[contentEncoding.trim().toLowerCase()];
  if (coding === undefined) {
    // Several codings stacked ("gzip, br") are refused too, as body-parser refuses them.
    throw new HttpRequestError(
      415,
      GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `The request body's Content-Encoding is not one this server accepts: send it as is, or with ${ACCEPTED_CODINGS}.`,
      { 'accept-encoding': ACCEPTED_CODINGS },
    );
  }
  return coding;
}

/** The answer for a body whose content coding is broken (not gzip data, say). */
export function malformedContentCoding(coding: ContentCoding): HttpRequestError {
  return new HttpRequestError(400, GatewayErrorCode.BAD_REQUEST, `The request body is not valid ${coding} data, as its Content-Encoding says it is.`);
}

/** The answer for every path that is not the API's. */
export const UNKNOWN_ROUTE = new HttpRequestError(404, GatewayErrorCode.NOT_FOUND, 'Nothing is served here: GraphQL is at /graphql.');

/** The answer for a body that is not JSON. */
export const MALFORMED_JSON = new HttpRequestError(400, GatewayErrorCode.BAD_REQUEST, 'The request body is not valid JSON.');

/** The answer for a body over {@link MAX_REQUEST_BODY_BYTES}. */
export const BODY_TOO_LARGE = new HttpRequestError(
  413,
  GatewayErrorCode.PAYLOAD_TOO_LARGE,
  `The request body is larger than the limit of ${MAX_REQUEST_BODY_BYTES} bytes (inflated, when it was sent compressed).`,
);

/**
 * {@link BODY_TOO_LARGE} for a body too large even to drain: the rest is never read, so the
 * answer closes the connection (Node would otherwise read the whole body to reuse it).
 */
export const BODY_TOO_LARGE_TO_DRAIN = new HttpRequestError(413, BODY_TOO_LARGE.code, BODY_TOO_LARGE.message, { connection: 'close' });
